// Extraction on the project's fixture pages, one per supported site and page kind: the
// content scripts' own files run in each page at its real URL, and every listing the page
// holds is found with its title, price, list price and seller as the page prints them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser } from '../support/browser.mjs';
import { root } from '../support/paths.mjs';
import { siteFixtures } from '../support/site_fixtures.mjs';

const adapters = JSON.parse(fs.readFileSync(path.join(root, 'extension/sites/adapters.json'), 'utf8')).adapters;
// The reading half of the content scripts, in the manifest's order (annotate and content
// draw and talk to the worker, which these tests do not need).
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'extension/manifest.json'), 'utf8'));
const readerScripts = manifest.content_scripts[0].js.filter((script) => !/content\/(annotate|content)\.js$/.test(script));
let chromium;

before(async () => {
  chromium = await launchBrowser();
});
after(async () => chromium?.close());

/** What extraction read for each data-expect element of the page, and what it expected. */
async function extractFixture({ url, file, kind }) {
  const page = await chromium.browser.newPage();
  await page.route('**/*', (route) => (route.request().url() === url
    ? route.fulfill({ body: fs.readFileSync(file), contentType: 'text/html; charset=utf-8' })
    : route.abort()));
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  for (const script of readerScripts) await page.addScriptTag({ path: path.join(root, 'extension', script) });
  const result = await page.evaluate(({ all, pageKind }) => {
    const host = location.hostname;
    const adapter = FakeLensSites.adapterFor(all, host);
    const found = pageKind === 'search'
      ? FakeLensExtract.searchListings(document, adapter, host, new WeakSet())
      : [FakeLensExtract.productListing(document, adapter, host)].filter(Boolean);
    const money = (m) => (m ? `${m.amount} ${m.currency}` : null);
    const expected = [...document.querySelectorAll('[data-expect]')];
    return {
      adapter: adapter?.id ?? null,
      extra: found.filter((f) => !expected.includes(f.element)).map((f) => f.listing.title),
      rows: expected.map((element) => {
        const listing = found.find((f) => f.element === element)?.listing ?? null;
        return {
          got: listing && { title: listing.title, price: money(listing.price), listPrice: money(listing.listPrice), seller: listing.seller?.name ?? null, sellerId: listing.seller?.id ?? null },
          want: {
            title: (element.querySelector('h1, h2, h3, h4, [data-automation-id="product-title"], [class*="title"], a.item-title')?.textContent ?? '').replace(/^\s*Details about\s+/, '').replace(/\s+/g, ' ').trim(),
            price: element.dataset.expectPrice ?? null,
            listPrice: element.dataset.expectListPrice ?? null,
            seller: element.dataset.expectSeller ?? null,
            sellerId: element.dataset.expectSellerId ?? null,
          },
        };
      }),
    };
  }, { all: adapters, pageKind: kind });
  await page.close();
  return result;
}

for (const fixture of siteFixtures) {
  test(`${fixture.site} ${fixture.kind} page: every listing with its title, prices, seller and the seller's id where the page links it`, async () => {
    const { adapter, rows, extra } = await extractFixture(fixture);
    assert.equal(adapter, fixture.site);
    assert.ok(rows.length >= 1);
    assert.deepEqual(extra, [], 'no listing outside the ones the page holds');
    for (const { got, want } of rows) {
      assert.ok(got, `found: ${want.title}`);
      assert.deepEqual(got, want);
    }
  });
}

test('schema.org microdata: the product, its brand and its offer price, not the seller nested in the offer', async () => {
  const url = 'https://shop.example/p/1';
  const page = await chromium.browser.newPage();
  await page.route('**/*', (route) => (route.request().url() === url
    ? route.fulfill({ body: fs.readFileSync(path.join(root, 'tests/browser/fixtures/shop-product-microdata.html')), contentType: 'text/html' })
    : route.abort()));
  await page.goto(url);
  for (const script of readerScripts) await page.addScriptTag({ path: path.join(root, 'extension', script) });
  const products = await page.evaluate(() => FakeLensExtract.microdataProducts(document).map((p) => ({ ...p.listing, titleTag: p.titleElement.tagName })));
  await page.close();
  assert.deepEqual(products, [{
    title: 'Louis Vuitton Neverfull MM Tote, Mirror Quality 1:1 Replica', page: 'product', description: 'Top grade copy with dust bag.',
    brand: 'LV Style', price: { amount: 39, currency: 'USD' }, titleTag: 'H2',
  }]);
});
