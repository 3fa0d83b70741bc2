// The extension's stored data against a hostile import, a page that floods seller names, a
// report link aimed elsewhere and a custom pack too big to store, with the built extension
// in real headless Chromium (security review findings 1, 2, 6 and 8).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eventually, launchWithExtension, sendFromContentScript } from '../support/extension.mjs';
import { root } from '../support/paths.mjs';

/** An Etsy-shaped search page: one listing card per [seller, title]. */
function etsyPage(cards) {
  const items = cards.map(([seller, title], i) => `<li><div class="v2-listing-card" data-listing-id="card-${i}">
    <a class="listing-link" href="https://www.etsy.com/listing/${9000 + i}/item"><h3 class="v2-listing-card__title">${title}</h3></a>
    <div class="v2-listing-card__shop"><p class="wt-text-caption" data-shop-name>${seller}</p></div>
    <p class="lc-price">$25.00</p></div></li>`);
  return { body: `<!doctype html><html><head><meta charset="utf-8"><title>shop</title></head><body><ol>${items.join('')}</ol></body></html>` };
}

const REPLICA = 'AAA Replica Designer Tote Bag 1:1 mirror quality';
const pages = {
  'https://www.etsy.com/search?q=history': etsyPage([['OldShop', REPLICA], ['OtherShop', REPLICA]]),
  'https://www.etsy.com/search?q=flood': etsyPage([['FloodHost', 'Plain ceramic mug']]),
};

let browser;
let ui;  // a FakeLens page, the sender of extension-page messages
before(async () => {
  browser = await launchWithExtension();
  await browser.serve(pages);
  ui = await browser.context.newPage();
  await ui.goto(`chrome-extension://${browser.extensionId}/ui/reports.html`);
});
after(async () => browser?.close());

const send = (message) => ui.evaluate((m) => chrome.runtime.sendMessage(m), message);
const stored = () => browser.worker.evaluate(() => chrome.storage.local.get(null));
const bytesInUse = (keys = null) => browser.worker.evaluate((k) => chrome.storage.local.getBytesInUse(k), keys);

let nextId = 0x100;
const uuid = () => `00000000-0000-4000-8000-${(nextId++).toString(16).padStart(12, '0')}`;
const report = (seller, extra = {}, listing = {}) => ({
  id: uuid(), createdAt: '2026-11-20T10:00:00.000Z', status: 'saved',
  listing: { title: `${REPLICA} of ${seller}`, marketplace: 'etsy', seller: { name: seller }, ...listing },
  verdict: { level: 'high', score: 90, evidence: [] }, ...extra,
});

test('a hostile import is refused with its reason and leaves the seller record sound', async () => {
  const poisoned = [
    [{ createdAt: '1' }, /createdAt/],
    [{ createdAt: 'x 2020-01-01' }, /createdAt/],
    [{ createdAt: '1969-12-31T12:00:00Z' }, /createdAt/],
    [{ createdAt: '2999-01-01T00:00:00Z' }, /future/],
    [{}, /marketplace/, { marketplace: '__proto__' }],
    [{}, /marketplace/, { marketplace: 'constructor' }],
  ];
  for (const [extra, reason, listing] of poisoned) {
    const reply = await send({ type: 'fakelens:import-reports', reports: [report('Poisoned', {}, {}), report('Poisoned', extra, listing)] });
    assert.equal(reply.error?.code, 'bad_import', JSON.stringify(extra ?? listing));
    assert.match(reply.error.message, /record 2/);
    assert.match(reply.error.message, reason);
  }
  const all = await stored();
  assert.equal(Object.keys(all).filter((k) => /poisoned/i.test(k)).length, 0, 'nothing of the refused files was stored');
  // The seller's real reports still save and count.
  const real = await send({ type: 'fakelens:report-listing', report: report('Poisoned') });
  assert.equal(real.error, undefined, JSON.stringify(real.error));
  const { sellers } = (await send({ type: 'fakelens:list-reports' })).data;
  assert.equal(sellers.find((s) => s.name === 'Poisoned')?.record?.reports, 1);
});

test('stored history the core would refuse never turns a listing into an error; the reports page still lists', async () => {
  // What older FakeLens versions let an import write: a day before 1970 and a report under __proto__.
  const proto = report('ProtoShop', {}, { marketplace: '__proto__' });
  await browser.worker.evaluate(async (protoReport) => {
    await chrome.storage.local.set({
      'seller:etsy|name:oldshop': { key: 'etsy|name:oldshop', marketplace: 'etsy', name: 'OldShop', official: false,
        days: { '1969-12-31': { report: 1 }, '2026-02-30': { report: 1 } }, seenListings: [] },
      [`report:${protoReport.id}`]: protoReport,
    });
  }, proto);
  const page = await browser.context.newPage();
  await page.goto('https://www.etsy.com/search?q=history');
  await page.waitForFunction(() => document.querySelectorAll('[data-fakelens-level]').length === 2, null, { timeout: 15000 });
  assert.equal(await page.getAttribute('[data-listing-id="card-1"]', 'data-fakelens-level'), 'high', 'the same listing of another seller');
  assert.equal(await page.getAttribute('[data-listing-id="card-0"]', 'data-fakelens-level'), 'high', 'OldShop\'s listing is scored, not an error');
  await page.close();
  const listed = await send({ type: 'fakelens:list-reports' });
  assert.equal(listed.error, undefined, JSON.stringify(listed.error));
  assert.ok(listed.data.reports.length > 0);
  assert.ok(listed.data.damaged.some((d) => d.key === `report:${proto.id}` && /marketplace/.test(d.problem)), JSON.stringify(listed.data.damaged));
  const oldShop = listed.data.sellers.find((s) => s.key === 'etsy|name:oldshop');
  assert.ok(oldShop?.record, 'the record is computed without the refused days');
  assert.deepEqual(oldShop.skippedDays.sort(), ['1969-12-31', '2026-02-30']);
  // The damaged report can be deleted from the reports page.
  await ui.reload();
  const row = `#damaged-records tr[data-store-key="report:${proto.id}"]`;
  await ui.waitForSelector(row);
  ui.once('dialog', (dialog) => dialog.accept());
  await ui.click(`${row} button`);
  assert.ok(await eventually(async () => (await stored())[`report:${proto.id}`] === undefined), 'the damaged report is gone');
});

test('a damaged seller record is kept aside, new reports of the seller save, and the shopper can delete it', async () => {
  const earlier = report('BrokenShop');
  await browser.worker.evaluate(async (r) => {
    await chrome.storage.local.set({
      [`report:${r.id}`]: r,
      'seller:etsy|name:brokenshop': { key: 'etsy|name:brokenshop', marketplace: 'etsy', name: 'BrokenShop', days: { 1: { report: 1 } }, seenListings: [] },
    });
  }, earlier);
  const reply = await send({ type: 'fakelens:report-listing', report: report('BrokenShop') });
  assert.equal(reply.error, undefined, JSON.stringify(reply.error));
  const all = await stored();
  assert.equal(all['damaged:seller:etsy|name:brokenshop']?.value?.days?.['1']?.report, 1, 'the damaged record is kept aside as it was');
  // The fresh record counts the seller's stored reports: the earlier one and the new one.
  const { sellers, damaged } = (await send({ type: 'fakelens:list-reports' })).data;
  assert.equal(sellers.find((s) => s.key === 'etsy|name:brokenshop')?.record?.reports, 2);
  assert.ok(damaged.some((d) => d.key === 'damaged:seller:etsy|name:brokenshop'));
  // The earlier report can be deleted too (it counted on the damaged record).
  assert.equal((await send({ type: 'fakelens:delete-report', id: earlier.id })).data?.deleted, true);
  await ui.reload();
  const row = '#damaged-records tr[data-store-key="damaged:seller:etsy|name:brokenshop"]';
  await ui.waitForSelector(row);
  ui.once('dialog', (dialog) => dialog.accept());
  await ui.click(`${row} button`);
  assert.ok(await eventually(async () => (await stored())['damaged:seller:etsy|name:brokenshop'] === undefined), 'deleted on the shopper\'s click');
});

test('"Report to the marketplace" goes only to the site\'s own hosts', async () => {
  const good = report('LinkShop', {}, { marketplace: 'ebay', url: 'https://www.ebay.com/itm/123456' });
  const evil = report('LinkShop', {}, { marketplace: 'ebay', url: 'https://evil.example/itm/123456' });
  const lookalike = report('LinkShop', {}, { marketplace: 'ebay', url: 'https://www.ebay.com.evil.example/itm/1' });
  const imported = await send({ type: 'fakelens:import-reports', reports: [good, evil, lookalike] });
  assert.equal(imported.data?.added, 3, JSON.stringify(imported));
  const { reportLinks } = (await send({ type: 'fakelens:list-reports' })).data;
  assert.match(reportLinks[good.id], /^https:\/\/www\.ebay\.com\/help\//);
  assert.equal(reportLinks[evil.id], null);
  assert.equal(reportLinks[lookalike.id], null);
});

test('a page flooding seller names: records stay at the cap, within the budget; sellers with reports stay; a report still saves', async (t) => {
  const kept = await send({ type: 'fakelens:report-listing', report: report('KeptShop') });
  assert.equal(kept.error, undefined);
  const before = await bytesInUse();
  // A page can only name listings as seen (never by scoring): at most 100 sellers per page
  // load, one of them the page's own visible listing (FloodHost, which the content script
  // reports on its own time), so the flood names 99 more on each of 12 loads: 1,188 sellers
  // with long names and addresses.
  const page = await browser.context.newPage();
  const longName = 'Flood Seller With A Long Name '.repeat(5);
  const loads = 12;
  for (let load = 0; load < loads; load += 1) {
    await page.goto('https://www.etsy.com/search?q=flood');
    await page.waitForSelector('[data-fakelens-level]', { timeout: 15000 });
    for (const [part, size] of [[0, 50], [1, 49]]) {
      const listings = Array.from({ length: size }, (_, j) => {
        const i = part * 50 + j;
        return {
          title: `Plain ceramic mug ${load}-${i} ${'x'.repeat(200)}`, marketplace: 'etsy', seller: { name: `${longName}${load}-${i}` },
          url: `https://www.etsy.com/listing/${load * 1000 + i}/${'y'.repeat(250)}`,
        };
      });
      const reply = await sendFromContentScript(page, { type: 'fakelens:listings-seen', listings });
      assert.equal(reply.data?.counted, size, JSON.stringify(reply).slice(0, 300));
    }
  }
  const floodKey = (load, i) => `seller:etsy|name:${`${longName}${load}-${i}`.replace(/\s+/g, ' ').toLowerCase()}`;
  const last = floodKey(loads - 1, 98);
  assert.ok((await stored())[last] !== undefined, 'the last sightings were stored');
  await page.close();
  const all = await stored();
  const sellerKeys = Object.keys(all).filter((k) => k.startsWith('seller:'));
  const withReports = sellerKeys.filter((k) => Object.values(all[k].days).some((c) => c.report > 0));
  const sightingsOnly = sellerKeys.filter((k) => !withReports.includes(k));
  assert.ok(withReports.includes('seller:etsy|name:keptshop'), 'a seller with a report is never evicted');
  assert.ok(withReports.includes('seller:etsy|name:poisoned'));
  assert.equal(sightingsOnly.length, 1000, 'sightings-only records stay at the cap');
  const sellerBytes = await bytesInUse(sightingsOnly);
  assert.ok(sellerBytes <= 1000 * 3072, `${sellerBytes} bytes of sightings-only records`);
  const total = await bytesInUse();
  t.diagnostic(`${loads * 99} sellers seen: ${sightingsOnly.length} sightings-only records kept, ${sellerBytes} bytes; storage ${before} -> ${total} bytes`);
  assert.ok(total - before <= 3 * 1024 * 1024, `${total - before} bytes more than before the flood`);
  // The newest are kept, the oldest went first.
  assert.ok(all[last]);
  assert.equal(all[floodKey(0, 0)], undefined);
  const real = await send({ type: 'fakelens:report-listing', report: report('AfterFlood') });
  assert.equal(real.error, undefined, JSON.stringify(real.error));
  assert.ok((await stored())[`report:${real.data.report.id}`]);
});

test('the Sellers view lists seller records; deleting one removes its sightings and keeps its reports', async () => {
  await ui.reload();
  const keptRow = 'tr[data-seller-key="etsy|name:keptshop"]';
  await ui.waitForSelector(keptRow);
  // Give KeptShop a sighting, so there is something to delete beside the report.
  await browser.worker.evaluate(async () => {
    const key = 'seller:etsy|name:keptshop';
    const seller = (await chrome.storage.local.get(key))[key];
    seller.days['2026-11-21'] = { seen: 3, seenHigh: 2 };
    await chrome.storage.local.set({ [key]: seller });
  });
  ui.once('dialog', (dialog) => dialog.accept());
  await ui.click(`${keptRow} button.delete-seller`);
  const after = await eventually(async () => {
    const seller = (await stored())['seller:etsy|name:keptshop'];
    return seller && !Object.values(seller.days).some((c) => c.seen) ? seller : null;
  });
  assert.ok(after, 'the sightings are gone');
  assert.deepEqual(Object.values(after.days).map((c) => c.report), [1], 'the report still counts');
  assert.ok((await send({ type: 'fakelens:list-reports' })).data.reports.some((r) => r.listing.seller.name === 'KeptShop'), 'the report stays');
  // A sightings-only seller goes entirely.
  const sightingKey = Object.keys(await stored()).find((k) => k.startsWith('seller:etsy|name:flood'));
  assert.ok(sightingKey);
  const reply = await send({ type: 'fakelens:delete-seller', key: sightingKey.slice('seller:'.length) });
  assert.equal(reply.data?.deleted, true, JSON.stringify(reply));
  assert.equal((await stored())[sightingKey], undefined);
});

const builtInPack = () => JSON.parse(fs.readFileSync(path.join(root, 'rules/default.rules.json'), 'utf8'));

test('a custom pack too big for the storage budget is refused, and the built-in pack stays', async () => {
  const big = JSON.stringify({ ...builtInPack(), id: 'too-big' }) + ' '.repeat(3 * 1024 * 1024);
  const refused = await send({ type: 'fakelens:set-custom-pack', packText: big });
  assert.equal((await send({ type: 'fakelens:get-settings' })).data.rules.id, 'fakelens-default');
  assert.equal(refused.error?.code, 'pack_too_large', JSON.stringify(refused).slice(0, 300));
  assert.match(refused.error.message, /2\.0 MiB/);
});

test('a pack whose write fails never becomes active: the old pack stays and the error says storage is full', async () => {
  const pack = builtInPack();
  // Storage nearly full: the pack fits the limit but not the room left.
  const room = 10 * 1024 * 1024 - await bytesInUse();
  await browser.worker.evaluate((n) => chrome.storage.local.set({ filler: 'f'.repeat(n) }), room - 300 * 1024);
  try {
    const fits = JSON.stringify({ ...pack, id: 'no-room' }) + ' '.repeat(600 * 1024);
    const failed = await send({ type: 'fakelens:set-custom-pack', packText: fits });
    const { rules, settings } = (await send({ type: 'fakelens:get-settings' })).data;
    assert.equal(rules.id, 'fakelens-default', 'the old pack stays active');
    assert.equal(settings.customPack, null);
    assert.equal(failed.error?.code, 'storage_full', JSON.stringify(failed).slice(0, 300));
    assert.match(failed.error.message, /full.*pack in use stays/);
  } finally {
    await browser.worker.evaluate(() => chrome.storage.local.remove('filler'));
  }
  const loaded = await send({ type: 'fakelens:set-custom-pack', packText: JSON.stringify({ ...pack, id: 'fits' }) });
  assert.equal(loaded.data?.rules?.id, 'fits', JSON.stringify(loaded).slice(0, 300));
  assert.equal((await send({ type: 'fakelens:set-custom-pack', packText: null })).data?.rules?.id, 'fakelens-default');
});
