// The built extension in real headless Chromium on an eBay-shaped search page: listings are
// found, scored by the WebAssembly engine in the service worker, and annotated.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launchWithExtension } from '../support/extension.mjs';
import { artifactDir, root } from '../support/paths.mjs';

const fixture = path.join(root, 'tests/browser/fixtures/ebay-search.html');
const url = 'https://www.ebay.com/sch/i.html?_nkw=watch';
let browser;

before(async () => {
  browser = await launchWithExtension();
  await browser.serve({ [url]: fixture });
});

after(async () => browser?.close());

test('search results on eBay get the expected levels, badges and highlights', async () => {
  const page = await browser.context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(url);
  await page.waitForFunction(() => document.querySelectorAll('li.s-item[data-fakelens-level]').length >= 6, null, { timeout: 10000 });
  const rows = await page.$$eval('li.s-item', (items) => items.map((item) => ({
    expect: item.dataset.expect, level: item.dataset.fakelensLevel ?? null,
    badge: item.querySelector('fakelens-badge')?.dataset.fakelensBadge ?? null,
    marks: [...item.querySelectorAll('mark[data-fakelens-highlight]')].map((m) => m.textContent),
  })));
  for (const row of rows.slice(0, 6)) assert.equal(row.level, row.expect, JSON.stringify(row));
  assert.equal(rows[0].badge, 'high');
  assert.deepEqual(rows[0].marks, ['AAA Quality', 'Replica', '1:1']);
  assert.deepEqual(rows[2].marks, ['R0LEX']);
  assert.equal(rows[1].badge, null, 'nothing is drawn for low');
  // The badge's shadow root is closed: the page cannot read or restyle its insides.
  assert.equal(await page.evaluate(() => document.querySelector('fakelens-badge').shadowRoot), null);
  await page.screenshot({ path: path.join(artifactDir('extension'), 'ebay-search.png'), fullPage: true });
  assert.deepEqual(pageErrors, []);
  await page.close();
});

test('listings added later by infinite scroll are annotated too', async () => {
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.querySelectorAll('li.s-item[data-fakelens-level]').length === 8, null, { timeout: 10000 });
  const late = await page.$$eval('li.s-item', (items) => items.slice(6).map((i) => [i.dataset.expect, i.dataset.fakelensLevel]));
  for (const [expect, level] of late) assert.equal(level, expect);
  await page.close();
});
