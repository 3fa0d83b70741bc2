// Extraction on real saved marketplace pages (../shared/corpus/pages, beside developer
// checkouts and CI, absent from a user's clone: then skipped). The content scripts' own
// files run in the page exactly as the extension loads them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser } from '../support/browser.mjs';
import { corpusDir, hasCorpus, root } from '../support/paths.mjs';

const adapters = JSON.parse(fs.readFileSync(path.join(root, 'extension/sites/adapters.json'), 'utf8')).adapters;
let chromium;

before(async () => {
  if (hasCorpus) chromium = await launchBrowser();
});
after(async () => chromium?.close());

async function extract(url, file) {
  const page = await chromium.browser.newPage();
  await page.route('**/*', (route) => (route.request().url() === url
    ? route.fulfill({ body: fs.readFileSync(path.join(corpusDir, 'pages', file)), contentType: 'text/html; charset=utf-8' })
    : route.abort()));
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  for (const script of ['shared/messages.js', 'shared/sites.js', 'content/price_text.js', 'content/extract.js']) {
    await page.addScriptTag({ path: path.join(root, 'extension', script) });
  }
  const result = await page.evaluate((all) => {
    const adapter = FakeLensSites.adapterFor(all, location.hostname);
    return {
      search: adapter ? FakeLensExtract.searchListings(document, adapter, location.hostname, new WeakSet()).map((f) => f.listing) : [],
      product: adapter ? FakeLensExtract.productListing(document, adapter, location.hostname)?.listing ?? null : null,
      generic: FakeLensExtract.jsonLdProducts(document)[0] ?? FakeLensExtract.openGraphProduct(document),
    };
  }, adapters);
  await page.close();
  return result;
}

test('eBay.de search "apple": every listing with its title and euro price', async (t) => {
  if (!hasCorpus) return t.skip('../shared/corpus is not beside this checkout');
  const { search } = await extract('https://www.ebay.de/sch/i.html?_nkw=apple', 'parsy/ebay_de.html');
  // 60 listings in the results list and 8 in two "related" carousels inside it. (The
  // source's own test counts 64 rows of the list: the 60 listings and the 4 carousel rows.)
  assert.equal(search.length, 68);
  assert.deepEqual(search[0].price, { amount: 10.79, currency: 'EUR' });
  assert.equal(search[0].title, '3x 2m Ladekabel NYLON für Original iPhone 6 7 8 11 12 X XS XR Pro Max USB Apple');
  assert.ok(search.every((l) => l.title.length > 5 && l.title !== 'Shop on eBay'));
  assert.ok(search.filter((l) => l.price?.currency === 'EUR').length >= 60);
});

test('Amazon.de search: the results with prices', async (t) => {
  if (!hasCorpus) return t.skip('../shared/corpus is not beside this checkout');
  const { search } = await extract('https://www.amazon.de/s?k=katzenfutter', 'parsy/amazon_de_search.html');
  assert.equal(search.length, 65);
  assert.equal(search[0].title, 'FELIX Countryside Sensations Dry Cat Food with Beef and Chicken, Pack of 1 (1 x 1 kg)');
  assert.deepEqual(search[0].price, { amount: 2.95, currency: 'EUR' });
});

test('Amazon product pages (.com, .co.uk, .es) and an eBay product page: one listing each', async (t) => {
  if (!hasCorpus) return t.skip('../shared/corpus is not beside this checkout');
  const com = (await extract('https://www.amazon.com/dp/B0TEST', 'metascraper_amazon/amazon-com_ansi-url.html')).product;
  assert.equal(com.title, 'SainSmart 4-Channel Relay Module');
  assert.deepEqual(com.price, { amount: 8.99, currency: 'USD' });
  assert.equal(com.brand, 'SainSmart');
  // The seller's id from their profile link: seller records are keyed by it.
  assert.deepEqual(com.seller, { name: 'SainSmart Official', id: 'A1CJB5SYI9X4XC' });
  const uk = (await extract('https://www.amazon.co.uk/dp/B0TEST', 'metascraper_amazon/amazon-co-uk_product-url.html')).product;
  assert.match(uk.title, /^Vegetable Perfection/);
  assert.deepEqual(uk.price, { amount: 4.45, currency: 'GBP' });
  assert.deepEqual(uk.seller, { name: 'Goldstone-Books', id: 'A2NQK4TIWYJD6B' });
  const es = (await extract('https://www.amazon.es/dp/B0TEST', 'metascraper_amazon/amazon-es_product-url.html')).product;
  assert.match(es.title, /^Cecotec Robot Limpiacristales/);
  assert.deepEqual(es.price, { amount: 149, currency: 'EUR' });
  assert.doesNotMatch(es.brand, /^Visita/);
  const ebay = (await extract('https://www.ebay.com/itm/1', 'opengraph/ebay.html')).product;
  assert.equal(ebay.title, 'Outdoor Wicker Patio Furniture Sofa 3 Seater Luxury Comfort Brown Wicker Couch');
  assert.deepEqual(ebay.price, { amount: 349.99, currency: 'USD' });
});

test('pages without an adapter are read from their OpenGraph product tags', async (t) => {
  if (!hasCorpus) return t.skip('../shared/corpus is not beside this checkout');
  const bestbuy = (await extract('https://www.bestbuy.com/site/4447801.p', 'opengraph/bestbuy.html')).generic;
  assert.equal(bestbuy.title, 'Apple - iPhone 6s 64GB - Space Gray (Verizon)');
  const etsy = (await extract('https://www.etsy.com/listing/230389421', 'opengraph/etsy.html')).generic;
  assert.match(etsy.title, /^Agents of Shield decal sticker/);
  const aliexpress = (await extract('https://he.aliexpress.com/item/32993251330.html', 'opengraph/aliexpress.html')).generic;
  assert.match(aliexpress.title, /Apple iPhone SE/);
});
