// What every page of the demo shares: the navigation, the engine (the same loader and
// WebAssembly core the extension uses), the pack the visitor chose on the Rules page, the
// offline cache, and a plain message when WebAssembly cannot run here.
import { load } from './engine/fakelens.mjs';

const CUSTOM_PACK_KEY = 'fakelens-demo:custom-pack';

export const $ = (id) => document.getElementById(id);

/** The shared header: marks the current page in the navigation. */
export function markNavigation() {
  const here = location.pathname.split('/').pop() || 'index.html';
  for (const link of document.querySelectorAll('nav a')) {
    if (link.getAttribute('href') === here) link.setAttribute('aria-current', 'page');
  }
}

/** Shows a problem in the page's status line (text only). */
export function showStatus(message, kind = 'info') {
  const status = $('engine-status');
  if (!status) return;
  status.textContent = message;
  status.dataset.kind = kind;
  status.hidden = !message;
}

/** The engine, with the visitor's custom pack when one is kept for this tab; null if it cannot load. */
export async function loadEngine() {
  if (typeof WebAssembly !== 'object') {
    showStatus('This browser cannot run WebAssembly, which FakeLens needs. Try a current Firefox, Chrome, Edge or Safari.', 'error');
    document.body.dataset.engine = 'unavailable';
    return null;
  }
  try {
    const engine = await load();
    const custom = sessionStorage.getItem(CUSTOM_PACK_KEY);
    if (custom) {
      const result = engine.loadRules(custom);
      if (result.error) sessionStorage.removeItem(CUSTOM_PACK_KEY);
    }
    document.body.dataset.engine = 'ready';
    showStatus('');
    return engine;
  } catch (error) {
    showStatus(`The FakeLens engine could not load here (${error.message}). Reload the page; if it persists, this browser may block WebAssembly.`, 'error');
    document.body.dataset.engine = 'unavailable';
    return null;
  }
}

export function keepCustomPack(text) {
  try {
    if (text === null) sessionStorage.removeItem(CUSTOM_PACK_KEY);
    else sessionStorage.setItem(CUSTOM_PACK_KEY, text);
    return true;
  } catch {
    return false;  // too large for this tab's storage: used on this page only
  }
}

/** Text with <mark> around each span, built from text nodes only. */
export function highlightedText(document, text, spans) {
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at || span.end > text.length) continue;  // overlapping hits: keep the first
    fragment.append(document.createTextNode(text.slice(at, span.start)));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(span.start, span.end);
    fragment.append(mark);
    at = span.end;
  }
  fragment.append(document.createTextNode(text.slice(at)));
  return fragment;
}

// Offline once loaded: a service worker keeps the pages, the engine and the data.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('sw.js').catch(() => {});
}

markNavigation();
