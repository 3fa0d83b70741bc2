// The built extension on Amazon-shaped search results and a schema.org product page;
// the toolbar count and its removal with the tab; and a service worker restarted by the browser.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eventually, launchWithExtension } from '../support/extension.mjs';
import { artifactDir, root } from '../support/paths.mjs';

const fixtures = path.join(root, 'tests/browser/fixtures');
const pages = {
  'https://www.amazon.com/s?k=airpods': 'amazon-search.html',
  'https://www.amazon.com/s?k=airpods&closing': 'amazon-search.html',
  'https://www.walmart.com/ip/100200300': 'shop-product-jsonld.html',
  'https://www.bestbuy.com/site/bargain/1.p': 'shop-product-microdata.html',
};
let browser;

before(async () => {
  browser = await launchWithExtension();
  await browser.serve(Object.fromEntries(Object.entries(pages).map(([url, file]) => [url, path.join(fixtures, file)])));
});

after(async () => browser?.close());

// [expected level, level given, title] of each listing, once every one has its level. The
// fixture's listings are counted first: an empty page would pass any check over its items.
async function expectedLevels(page, selector) {
  const listed = await page.locator(selector).count();
  assert.ok(listed > 0, `the page holds listings (${selector})`);
  await page.waitForFunction(({ s, n }) => document.querySelectorAll(`${s}[data-fakelens-level]`).length === n, { s: selector, n: listed }, { timeout: 10000 });
  return page.$$eval(selector, (items) => items.map((i) => [i.dataset.expect, i.dataset.fakelensLevel, i.textContent.trim().slice(0, 50)]));
}

const AMAZON_LISTINGS = 5;  // in amazon-search.html

test('Amazon search results get their levels; titles carrying markup stay text', async () => {
  const page = await browser.context.newPage();
  await page.goto('https://www.amazon.com/s?k=airpods');
  const levels = await expectedLevels(page, '[data-component-type="s-search-result"]');
  assert.equal(levels.length, AMAZON_LISTINGS);
  for (const [expect, level, title] of levels) assert.equal(level, expect, title);
  assert.equal(await page.locator('img').count(), 0);
  assert.deepEqual(await page.locator('[data-asin="B0A5"] mark').allTextContents(), ['Mirror Quality', 'Replica']);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await page.screenshot({ path: path.join(artifactDir('extension'), 'amazon-search.png'), fullPage: true });

  // The toolbar counts the page's high listings.
  const tabId = await browser.tabIdOf(page);
  const tabBadge = await browser.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  assert.equal(tabBadge, '2');
  await page.close();
});

test('a product page the site adapter does not recognise is read from its schema.org JSON-LD', async () => {
  const page = await browser.context.newPage();
  await page.goto('https://www.walmart.com/ip/100200300');
  await page.waitForSelector('main[data-fakelens-level]', { timeout: 10000 });
  assert.equal(await page.getAttribute('main', 'data-fakelens-level'), 'high');
  assert.equal(await page.locator('fakelens-badge').count(), 1);
  await page.close();
});

test('a product page the adapter does not recognise is read from its schema.org microdata', async () => {
  const page = await browser.context.newPage();
  await page.goto('https://www.bestbuy.com/site/bargain/1.p');
  await page.waitForSelector('[itemscope][data-fakelens-level]', { timeout: 10000 });
  assert.equal(await page.getAttribute('[itemtype="https://schema.org/Product"]', 'data-fakelens-level'), 'high');
  assert.ok((await page.locator('h2 mark[data-fakelens-highlight]').allTextContents()).includes('Replica'));
  assert.equal(await page.locator('h2 + fakelens-badge').count(), 1);
  await page.close();
});

test('a closed tab takes its toolbar count and flagged list out of session storage', async () => {
  const page = await browser.context.newPage();
  await page.goto('https://www.amazon.com/s?k=airpods&closing');
  await page.waitForFunction((n) => document.querySelectorAll('[data-fakelens-level]').length === n, AMAZON_LISTINGS);
  const tabKey = `tab:${await browser.tabIdOf(page)}`;
  const stored = () => browser.worker.evaluate(async (key) => (await chrome.storage.session.get(key))[key] ?? null, tabKey);
  assert.equal((await stored())?.count, 2, 'the tab\'s summary is stored while it is open');
  await page.close();
  assert.ok(await eventually(async () => (await stored()) === null, 5000), `${tabKey} is removed when the tab closes`);
});

test('annotations keep working after the browser stops the service worker', async () => {
  const cdp = await browser.context.newCDPSession(await browser.context.newPage());
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const page = await browser.context.newPage();
  await page.goto('https://www.amazon.com/s?k=airpods');
  const levels = await expectedLevels(page, '[data-component-type="s-search-result"]');
  assert.equal(levels.length, AMAZON_LISTINGS);
  for (const [expect, level, title] of levels) assert.equal(level, expect, title);
  await page.close();
});
