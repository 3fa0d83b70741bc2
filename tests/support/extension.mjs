// Launches Chromium with the built extension (dist/extension) in a throw-away profile.
// Pages are served from fixtures under their real marketplace URLs with context.route;
// every other request is aborted, so no test touches the network.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './browser.mjs';
import { root } from './paths.mjs';

export const extensionDir = path.join(root, 'dist/extension');

export async function launchWithExtension() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'fakelens-ext-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`,
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
    env: { ...process.env, XDG_CONFIG_HOME: `${profile}/xdg-config`, XDG_CACHE_HOME: `${profile}/xdg-cache` },
  });
  const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    /**
     * Serves pages at their real URLs: `pages` maps a URL to a fixture file path or to
     * {body}. Extension URLs pass; every other request is aborted.
     */
    async serve(pages) {
      await context.route('**/*', (route) => {
        const requested = route.request().url();
        // The extension's own files, and receivers a test starts on this machine.
        if (requested.startsWith('chrome-extension://') || /^http:\/\/127\.0\.0\.1:\d+\//.test(requested)) return route.continue();
        const page = pages[requested];
        if (page === undefined) return route.abort();
        const body = typeof page === 'string' ? fs.readFileSync(page) : page.body;
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
      });
    },
    /**
     * Starts recording, in the service worker, every message it receives: {type, url} of
     * the sender's page, in arrival order. A second onMessage listener that answers nothing,
     * beside the worker's own; a worker the browser restarts stops recording.
     */
    async recordMessages() {
      await worker.evaluate(() => {
        globalThis.recordedMessages = [];
        if (globalThis.recordingMessages) return;
        globalThis.recordingMessages = true;
        chrome.runtime.onMessage.addListener((message, sender) => {
          globalThis.recordedMessages.push({ ...message, type: message?.type, url: sender.url ?? null });
          return false;
        });
      });
    },
    /** The messages recorded since recordMessages(). */
    recordedMessages() {
      return worker.evaluate(() => globalThis.recordedMessages);
    },
    /**
     * The browser's tab id of a Playwright page. FakeLens has no `tabs` permission and no
     * host permissions, so the worker cannot find a tab by its URL: the page is brought to
     * the front and the worker asks for the active tab, as the popup does.
     */
    async tabIdOf(page) {
      await page.bringToFront();
      return worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
    },
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// The nodeId of a badge's closed shadow root, through the DevTools protocol's DOM domain
// (Playwright's selectors stop at closed roots; the DOM domain sees through them).
async function badgeShadowRoot(cdp, hostSelector) {
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeId: hostId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: hostSelector });
  if (!hostId) throw new Error(`no ${hostSelector}`);
  const { node } = await cdp.send('DOM.describeNode', { nodeId: hostId, depth: 1, pierce: true });
  const shadow = node.shadowRoots?.[0];
  if (!shadow) throw new Error(`${hostSelector} has no shadow root`);
  const { nodeIds } = await cdp.send('DOM.pushNodesByBackendIdsToFrontend', { backendNodeIds: [shadow.backendNodeId] });
  return nodeIds[0];
}

/** Clicks an element inside a badge's closed shadow root, as a shopper would (a real mouse click at its position). */
export async function clickInBadge(page, hostSelector, innerSelector) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const shadowId = await badgeShadowRoot(cdp, hostSelector);
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: shadowId, selector: innerSelector });
    if (!nodeId) throw new Error(`no ${innerSelector} inside ${hostSelector}`);
    await cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId }).catch(() => {});
    const { model } = await cdp.send('DOM.getBoxModel', { nodeId });
    const [x1, y1, , , x3, y3] = model.border;
    await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** How many elements inside a badge's closed shadow root match `innerSelector`. */
export async function countInBadge(page, hostSelector, innerSelector) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const shadowId = await badgeShadowRoot(cdp, hostSelector);
    return (await cdp.send('DOM.querySelectorAll', { nodeId: shadowId, selector: innerSelector })).nodeIds.length;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * Sends `message` from FakeLens's own content script in `page` (its isolated world, reached
 * through the DevTools protocol), as a content script that lies would. The extension has
 * no host permissions, so chrome.scripting cannot inject into marketplace pages.
 */
export async function sendFromContentScript(page, message) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await cdp.send('Runtime.enable');
    const isolated = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'FakeLens');
    if (!isolated) throw new Error('FakeLens\'s content script does not run in this page');
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      contextId: isolated.id, awaitPromise: true, returnByValue: true,
      expression: `chrome.runtime.sendMessage(${JSON.stringify(message)})`,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * Polls `check` (async) every 50 ms until it returns something truthy or `timeout` ms have
 * passed; returns its last value, for the caller to assert on.
 */
export async function eventually(check, timeout = 10000) {
  const started = Date.now();
  let value = await check();
  while (!value && Date.now() - started < timeout) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await check();
  }
  return value;
}
