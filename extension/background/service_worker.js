// The background service worker: hosts the WebAssembly engine and answers the content
// scripts through the one message contract (shared/messages.js). Listeners are registered
// synchronously at start; the engine loads lazily behind a promise, and is rebuilt after
// the browser stops and restarts the worker. Every message gets {data} or {error}.
import '../shared/messages.js';
import { load } from '../engine/fakelens.mjs';

const M = globalThis.FakeLensMessages;
let enginePromise = null;
let adaptersPromise = null;

function engine() {
  enginePromise ??= load({ locateFile: (name) => chrome.runtime.getURL(`engine/${name}`) }).catch((error) => {
    enginePromise = null;  // let the next message try again
    throw error;
  });
  return enginePromise;
}

function adapters() {
  adaptersPromise ??= fetch(chrome.runtime.getURL('sites/adapters.json'))
    .then((response) => response.json())
    .then((data) => (data.schemaVersion === 1 && Array.isArray(data.adapters) ? data.adapters : []))
    .catch((error) => {
      adaptersPromise = null;
      throw error;
    });
  return adaptersPromise;
}

const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

// Checks a listing from a content script before it reaches the engine (which checks it
// again, fully): bounded size, a string title.
function validListing(listing) {
  return isPlainObject(listing) && typeof listing.title === 'string' && listing.title.length > 0 &&
    listing.title.length <= M.MAX_TEXT_LENGTH &&
    (listing.description === undefined || (typeof listing.description === 'string' && listing.description.length <= M.MAX_TEXT_LENGTH));
}

// The toolbar shows how many listings on the tab's page are `high`. Counts live in
// session storage, so a restarted worker keeps adding to the right number.
async function countHigh(tabId, verdicts, documentId) {
  const high = verdicts.filter((v) => v.level === 'high').length;
  const key = `tab:${tabId}`;
  const stored = (await chrome.storage.session.get(key))[key];
  const count = (stored?.documentId === documentId ? stored.count : 0) + high;
  await chrome.storage.session.set({ [key]: { documentId, count } });
  await chrome.action.setBadgeBackgroundColor({ tabId, color: '#b42318' });
  await chrome.action.setBadgeText({ tabId, text: count > 0 ? String(Math.min(count, 999)) : '' });
}

function error(code, message) {
  return { error: { code, message } };
}

async function handle(message, sender) {
  // Only this extension's own content scripts, from a tab.
  if (sender?.id !== chrome.runtime.id) return error('forbidden', 'messages are accepted only from FakeLens itself');
  if (!isPlainObject(message) || typeof message.type !== 'string') return error('bad_message', 'a message is an object with a type');
  switch (message.type) {
    case M.GET_SITE_ADAPTER: {
      if (typeof message.host !== 'string' || message.host.length > 255) return error('bad_message', 'host must be a host name');
      const host = message.host.toLowerCase();
      const adapter = (await adapters()).find((a) => a.hosts.some((suffix) => host === suffix || host.endsWith(`.${suffix}`)));
      return { data: { adapter: adapter ?? null } };
    }
    case M.SCORE_LISTINGS: {
      if (!sender.tab) return error('forbidden', 'listings come from pages');
      const { listings } = message;
      if (!Array.isArray(listings) || listings.length > M.MAX_LISTINGS_PER_MESSAGE) {
        return error('bad_message', `listings must be an array of at most ${M.MAX_LISTINGS_PER_MESSAGE}`);
      }
      if (!listings.every(validListing)) return error('bad_message', 'every listing needs a title and bounded text');
      let scorer;
      try {
        scorer = await engine();
      } catch (cause) {
        return error('engine_unavailable', `the scoring engine could not load: ${cause?.message ?? cause}`);
      }
      const verdicts = scorer.scoreBatch(listings);
      await countHigh(sender.tab.id, verdicts, sender.documentId ?? sender.url ?? '').catch(() => {});
      return { data: { verdicts } };
    }
    default:
      return error('unknown_type', `unknown message type ${String(message.type).slice(0, 80)}`);
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  handle(message, sender).then(sendResponse, (cause) => sendResponse(error('internal', String(cause?.message ?? cause))));
  return true;  // the reply comes asynchronously
});
