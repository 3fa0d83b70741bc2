// The extension's own pages: options (pack info, custom pack, per-site switch, privacy)
// and the summary the popup shows, in real headless Chromium with the built extension.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eventually, launchWithExtension } from '../support/extension.mjs';
import { artifactDir, defaultPackPath, root } from '../support/paths.mjs';

const fixtures = path.join(root, 'tests/browser/fixtures');
const pages = {
  'https://www.amazon.com/s?k=airpods': 'amazon-search.html',
  'https://www.ebay.com/sch/i.html?_nkw=watch': 'ebay-search.html',
};
let browser;
let optionsUrl;

before(async () => {
  browser = await launchWithExtension();
  optionsUrl = `chrome-extension://${browser.extensionId}/ui/options.html`;
  await browser.serve(Object.fromEntries(Object.entries(pages).map(([url, file]) => [url, path.join(fixtures, file)])));
});

after(async () => browser?.close());

test('the options page shows the active pack and a plain privacy statement', async () => {
  const page = await browser.context.newPage();
  await page.goto(optionsUrl);
  await page.waitForFunction(() => /fakelens-default/.test(document.getElementById('pack-info').textContent));
  const pack = JSON.parse(fs.readFileSync(defaultPackPath, 'utf8'));
  const info = await page.textContent('#pack-info');
  assert.match(info, new RegExp(`${pack.version}`));
  assert.match(info, new RegExp(`${pack.brands.length} brands`));
  assert.match(await page.textContent('main'), /sends nothing anywhere/);
  await page.screenshot({ path: path.join(artifactDir('extension'), 'options.png'), fullPage: true });
  await page.close();
});

test('an invalid custom pack is refused with its problems; a valid one is used; reset restores', async () => {
  const page = await browser.context.newPage();
  await page.goto(optionsUrl);
  await page.waitForFunction(() => /fakelens-default/.test(document.getElementById('pack-info').textContent));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fakelens-pack-'));
  const pack = JSON.parse(fs.readFileSync(defaultPackPath, 'utf8'));

  const badFile = path.join(dir, 'bad.json');
  fs.writeFileSync(badFile, JSON.stringify({ ...pack, schemaVersion: 7, thresholds: { medium: 90, high: 10 } }));
  await page.setInputFiles('#pack-file', badFile);
  await page.waitForFunction(() => document.querySelectorAll('#pack-problems li').length >= 2);
  assert.match(await page.textContent('#pack-status'), /refused/);
  assert.match(await page.textContent('#pack-problems'), /\$\.schemaVersion/);
  assert.match(await page.textContent('#pack-info'), /fakelens-default/);

  const goodFile = path.join(dir, 'good.json');
  fs.writeFileSync(goodFile, JSON.stringify({ ...pack, id: 'my-strict-pack', thresholds: { medium: 10, high: 20 } }));
  await page.setInputFiles('#pack-file', goodFile);
  await page.waitForFunction(() => /my-strict-pack/.test(document.getElementById('pack-info').textContent));

  await page.click('#pack-reset');
  await page.waitForFunction(() => /fakelens-default/.test(document.getElementById('pack-info').textContent));
  await page.close();
});

test('the popup summary counts and lists the page flagged listings', async () => {
  const shop = await browser.context.newPage();
  await shop.goto('https://www.amazon.com/s?k=airpods');
  await shop.waitForFunction(() => document.querySelectorAll('[data-fakelens-level]').length === 5);
  const tabId = await browser.tabIdOf(shop);
  const page = await browser.context.newPage();
  await page.goto(optionsUrl);
  const summary = await page.evaluate((id) => chrome.runtime.sendMessage({ type: 'fakelens:get-tab-summary', tabId: id }), tabId);
  assert.equal(summary.data.count, 2);
  assert.equal(summary.data.flagged.length, 3);
  assert.ok(summary.data.flagged.some((f) => f.title.includes('<img src=x')), 'titles are kept as text');
  await shop.close();
  await page.close();
});

test('switching a site off in the options stops annotation there', async () => {
  const page = await browser.context.newPage();
  await page.goto(optionsUrl);
  await page.waitForSelector('#sites input[data-site="ebay"]');
  await page.uncheck('#sites input[data-site="ebay"]');
  await page.waitForFunction(async () => {
    const reply = await chrome.runtime.sendMessage({ type: 'fakelens:get-settings' });
    return reply.data.settings.disabledSites.includes('ebay');
  });
  const url = 'https://www.ebay.com/sch/i.html?_nkw=watch';
  const fromShop = async (type) => (await browser.recordedMessages()).filter((m) => m.url === url && m.type === type);
  await browser.recordMessages();
  const shop = await browser.context.newPage();
  await shop.goto(url);
  // The content script ran and asked (a positive sign it was there to annotate)...
  await shop.waitForFunction(() => document.readyState === 'complete');
  const asked = await eventually(async () => (await fromShop('fakelens:get-site-adapter')).length);
  assert.equal(asked, 1, 'the content script asked for its adapter');
  await shop.waitForLoadState('networkidle');
  // ...and, told the site is off, sent nothing to score and drew nothing.
  assert.deepEqual(await fromShop('fakelens:score-listings'), []);
  assert.equal(await shop.locator('[data-fakelens-level]').count(), 0);
  // Switched on again, the same page is annotated: the check above could have failed.
  await page.check('#sites input[data-site="ebay"]');
  await page.waitForFunction(async () => {
    const reply = await chrome.runtime.sendMessage({ type: 'fakelens:get-settings' });
    return !reply.data.settings.disabledSites.includes('ebay');
  });
  await shop.reload();
  await shop.waitForSelector('[data-fakelens-level]', { timeout: 10000 });
  assert.ok((await fromShop('fakelens:score-listings')).length > 0);
  await shop.close();
  await page.close();
});

test('a save on the options page is sent once, however often the shopper asked to allow a shop before', async () => {
  const page = await browser.context.newPage();
  await page.goto(optionsUrl);
  await page.waitForSelector('#sites input[data-site="ebay"]');
  // Three attempts to allow a shop, each refused by the browser: asked for outside a user
  // gesture, permissions.request fails at once (headless Chromium never answers its prompt).
  // Playwright's own calls count as gestures, so these run through the DevTools protocol
  // without one, once the activation from opening the page has lapsed.
  const cdp = await page.context().newCDPSession(page);
  const withoutGesture = async (expression) => (await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, userGesture: false })).result.value;
  await withoutGesture(`new Promise((resolve) => {
    const lapsed = () => (navigator.userActivation.isActive ? setTimeout(lapsed, 100) : resolve());
    lapsed();
  })`);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const status = await withoutGesture(`new Promise((resolve) => {
      const status = document.getElementById('grant-status');
      status.textContent = '';
      new MutationObserver(() => status.textContent && resolve(status.textContent)).observe(status, { childList: true, subtree: true, characterData: true });
      document.getElementById('grant-host').value = 'shop.example.com';
      document.getElementById('grant-form').requestSubmit();
    })`);
    assert.equal(status, 'shop.example.com was not allowed.');
  }
  await cdp.detach();
  await browser.recordMessages();
  await page.fill('#endpoint', 'https://reports.example/collect');
  await page.click('#endpoint-form button');
  await page.waitForFunction(() => /reports\.example/.test(document.getElementById('endpoint-status').textContent));
  // Sent after the submit, this arrives after everything the submit sent.
  await page.evaluate(() => chrome.runtime.sendMessage({ type: 'fakelens:get-tab-summary', tabId: 0 }));
  const recorded = await browser.recordedMessages();
  assert.equal(recorded.at(-1)?.type, 'fakelens:get-tab-summary');
  const saves = recorded.filter((m) => m.type === 'fakelens:set-settings' && m.endpoint !== undefined);
  assert.deepEqual(saves.map((m) => m.endpoint), ['https://reports.example/collect']);

  await page.fill('#endpoint', '');
  await page.click('#endpoint-form button');
  await page.waitForFunction(() => /Nothing will be sent/.test(document.getElementById('endpoint-status').textContent));
  await page.close();
});

test('another shop is allowed only through the browser prompt; a bad address is explained', async () => {
  const page = await browser.context.newPage();
  await page.goto(optionsUrl);
  await page.waitForSelector('#sites input[data-site="ebay"]');
  await page.fill('#grant-host', 'http://plain.example.com');
  await page.click('#grant-form button');
  await page.waitForFunction(() => /needs an https/.test(document.getElementById('grant-status').textContent));
  assert.equal(await page.locator('#granted-sites li').count(), 0);
  // Nothing beyond the marketplaces is readable, and no content script is registered for other sites.
  const { origins, registered } = await browser.worker.evaluate(async () => ({
    origins: (await chrome.permissions.getAll()).origins,
    registered: await chrome.scripting.getRegisteredContentScripts(),
  }));
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'dist/extension/manifest.json'), 'utf8'));
  assert.deepEqual([...origins].sort(), [...manifest.content_scripts[0].matches].sort());
  assert.deepEqual(manifest.optional_host_permissions, ['https://*/*']);
  assert.deepEqual(registered, []);
  await page.close();
});

test('sensitivity: "everything" marks low listings too, "calm" shows only the likely fakes', async () => {
  const options = await browser.context.newPage();
  await options.goto(optionsUrl);
  await options.waitForSelector('#sites input[data-site="ebay"]');
  const badgesWith = async (value) => {
    await options.check(`input[name="sensitivity"][value="${value}"]`);
    await options.waitForFunction(async (v) => (await chrome.runtime.sendMessage({ type: 'fakelens:get-settings' })).data.settings.sensitivity === v, value);
    const shop = await browser.context.newPage();
    await shop.goto('https://www.ebay.com/sch/i.html?_nkw=watch');
    await shop.waitForFunction(() => document.querySelectorAll('li.s-item[data-fakelens-level]').length >= 6);
    const rows = await shop.$$eval('li.s-item[data-fakelens-level]', (items) => items.slice(0, 6).map((i) => [i.dataset.fakelensLevel, i.querySelector('fakelens-badge')?.dataset.fakelensBadge ?? null]));
    await shop.close();
    return rows;
  };
  for (const [level, badge] of await badgesWith('all')) assert.equal(badge, level);
  for (const [level, badge] of await badgesWith('calm')) assert.equal(badge, level === 'high' ? 'high' : null);
  for (const [level, badge] of await badgesWith('standard')) assert.equal(badge, level === 'low' ? null : level);
  await options.close();
});
