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
        if (requested.startsWith('chrome-extension://')) return route.continue();
        const page = pages[requested];
        if (page === undefined) return route.abort();
        const body = typeof page === 'string' ? fs.readFileSync(page) : page.body;
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
      });
    },
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
