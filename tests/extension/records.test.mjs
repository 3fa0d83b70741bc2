// The extension's pure data functions (extension/shared/records.js): migrations, seller
// totals, import merging, CSV export.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addSellerEvent, emptySeller, exportCsv, historyOf, markSeen, mergeImport, migrate, parseExport, reportProblem,
  retryDelayMs, sellerKeyOf, fillReportLink, DATA_VERSION,
} from '../../extension/shared/records.js';
import * as records from '../../extension/shared/records.js';

const report = (id, extra = {}) => ({
  id, createdAt: '2026-11-28T10:00:00.000Z', status: 'saved',
  listing: { title: 'Replica bag', marketplace: 'etsy', seller: { name: 'Shop' }, url: 'https://www.etsy.com/listing/123/x' },
  verdict: { score: 90, level: 'high', evidence: [{ message: 'replica' }] }, ...extra,
});
const ID1 = '11111111-1111-4111-8111-111111111111';
const ID2 = '22222222-2222-4222-8222-222222222222';

test('0.1.0 data (settings version 1) migrates to the current version, keeping the settings', () => {
  const old = { settings: { version: 1, sensitivity: 'calm', disabledSites: ['ebay'], customPack: null } };
  const now = migrate(old);
  assert.equal(now.meta.dataVersion, DATA_VERSION);
  assert.deepEqual(now.settings, { version: 2, sensitivity: 'calm', disabledSites: ['ebay'], customPack: null, endpoint: null });
  // Already-current settings are left alone (an endpoint set before the first report survives).
  const current = { settings: { version: 2, sensitivity: 'standard', disabledSites: [], customPack: null, endpoint: 'https://x.example/r' } };
  assert.equal(migrate(current).settings.endpoint, 'https://x.example/r');
  assert.throws(() => migrate({ meta: { dataVersion: 99 } }), /version 99/);
});

test('reports are validated against the contract', () => {
  assert.equal(reportProblem(report(ID1)), null);
  assert.match(reportProblem(report('not-a-uuid')), /UUID/);
  assert.match(reportProblem(report(ID1, { reason: 'spam' })), /reason/);
  assert.match(reportProblem(report(ID1, { status: 'lost' })), /status/);
  assert.match(reportProblem({ ...report(ID1), listing: {} }), /title/);
});

test('seller keys: marketplace plus id, else the folded name', () => {
  assert.equal(sellerKeyOf({ marketplace: 'eBay', seller: { id: 'AB12', name: 'x' } }), 'ebay|id:ab12');
  assert.equal(sellerKeyOf({ marketplace: 'etsy', seller: { name: '  Luxe  Bags ' } }), 'etsy|name:luxe bags');
  assert.equal(sellerKeyOf({ seller: { name: 'x' } }, 'shop.example'), 'shop.example|name:x');
  assert.equal(sellerKeyOf({ marketplace: 'etsy' }), null);
});

test('seller totals: daily counts, each listing seen once, the core history, bounded days', () => {
  const seller = emptySeller('etsy|name:shop', { seller: { name: 'Shop' } });
  addSellerEvent(seller, 'report', '2026-11-27');
  assert.equal(markSeen(seller, 'www.etsy.com/listing/1', true, '2026-11-28'), true);
  assert.equal(markSeen(seller, 'www.etsy.com/listing/1', true, '2026-11-28'), false);
  assert.deepEqual(historyOf(seller, '2026-11-28T12:00:00Z'), { asOf: '2026-11-28T12:00:00Z', events: [
    { type: 'report', at: '2026-11-27', count: 1 }, { type: 'seen', at: '2026-11-28', count: 1 }, { type: 'seenHigh', at: '2026-11-28', count: 1 }] });
  addSellerEvent(seller, 'report', '2026-11-27', -1);  // an undo
  assert.equal(seller.days['2026-11-27'], undefined);
  for (let d = 0; d < 700; d += 1) addSellerEvent(seller, 'seen', new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10));
  assert.ok(Object.keys(seller.days).length <= 600);
  const total = Object.values(seller.days).reduce((sum, c) => sum + (c.seen ?? 0), 0);
  assert.equal(total, 701, 'folding old days keeps every count');
});

test('import merges by id: duplicates and invalid records are counted, not added', () => {
  const result = mergeImport([ID1], [report(ID1), report(ID2), report(ID2), { id: 'x' }], importOptions);
  assert.deepEqual(result.added.map((r) => r.id), [ID2]);
  assert.equal(result.duplicates, 2);
  assert.equal(result.invalid.length, 1);
  assert.match(parseExport('{"format":"other"}').error, /not a FakeLens/);
  assert.match(parseExport('{').error, /not JSON/);
});

test('CSV export quotes text and defuses spreadsheet formulas', () => {
  const csv = exportCsv([report(ID1, { note: '=HYPERLINK("x")', listing: { ...report(ID1).listing, title: 'Bag, "AAA"' } })]);
  const [header, row] = csv.trim().split('\r\n');
  assert.match(header, /^id,createdAt,status,reason,note/);
  assert.match(row, /"'=HYPERLINK\(""x""\)"/);
  assert.match(row, /"Bag, ""AAA"""/);
});

test('retry backoff doubles from 30 s up to an hour; report links fill the item', () => {
  assert.deepEqual([1, 2, 3, 20].map(retryDelayMs), [30000, 60000, 120000, 3600000]);
  assert.equal(fillReportLink('https://{host}/report?item={itemId}', { url: 'https://www.amazon.de/dp/B0ABC123' }, ['amazon.de']), 'https://www.amazon.de/report?item=B0ABC123');
  assert.equal(fillReportLink('https://{host}/report', { title: 'x' }, ['amazon.de']), null);
});

// Security review findings (hostile imports, storage filling, report links). New names are
// read through the namespace so these tests fail, not the whole file, where one is missing.
const NOW = '2026-12-01T10:00:00.000Z';
const importOptions = { marketplaces: ['etsy', 'ebay'], now: NOW };

test('report times are strict ISO times from 2000 on, as the core reads them', () => {
  for (const createdAt of ['1', 'x 2020-01-01', '1969-12-31T12:00:00Z', '1999-12-31T23:59:59Z', '2026-02-30T10:00:00Z',
    '2026-11-28', '2026-11-28T10:00:00', '+002026-11-28T10:00:00Z', '2026-11-28T25:00:00Z', '2026-11-28T10:00:00Z junk', 2026]) {
    assert.match(String(reportProblem(report(ID1, { createdAt }))), /createdAt/, JSON.stringify(createdAt));
  }
  for (const createdAt of [new Date().toISOString(), '2026-11-28T17:00:00Z', '2026-11-28T17:00:00.123+01:00', '2026-11-28T17:00-05:00']) {
    assert.equal(reportProblem(report(ID1, { createdAt })), null, createdAt);
  }
});

test('an import refuses unknown marketplaces and times in the future, naming the record and the reason', () => {
  const withMarketplace = (marketplace, id = ID1) => report(id, { listing: { ...report(ID1).listing, marketplace } });
  for (const marketplace of ['__proto__', 'constructor', 'hasOwnProperty', 'amazon', 'evil host', 'x'.repeat(300), 42]) {
    const result = records.mergeImport([], [withMarketplace(marketplace)], importOptions);
    assert.equal(result.added.length, 0, String(marketplace));
    assert.match(result.invalid[0]?.problem ?? '', /marketplace/, String(marketplace));
  }
  // An adapter id, or a plain host name as the worker writes for shops the shopper allowed.
  const good = records.mergeImport([], [withMarketplace('etsy'), withMarketplace('shop.example', ID2)], importOptions);
  assert.deepEqual(good.invalid, []);
  assert.equal(good.added.length, 2);
  const future = records.mergeImport([], [report(ID1, { createdAt: '2099-01-01T00:00:00.000Z' })], importOptions);
  assert.match(future.invalid[0]?.problem ?? '', /future/);
});

test('historyOf skips the days the core would refuse and says which; the core takes the rest', async () => {
  const { loadShippedEngine } = await import('../support/engine.mjs');
  const engine = await loadShippedEngine();
  const seller = emptySeller('etsy|name:shop', { seller: { name: 'Shop' } });
  seller.days = {
    '1969-12-31': { report: 1 }, '2026-02-30': { seen: 1 }, '0000-00-00': { seen: 1 }, '2026-11-28': { seen: 2000000 },
    '2026-11-27': { report: 1 },
  };
  const history = historyOf(seller, NOW);
  assert.deepEqual(history.events, [{ type: 'report', at: '2026-11-27', count: 1 }]);
  assert.equal(engine.sellerRecord(history).error, undefined);
  assert.deepEqual(records.historyProblems(seller).map((p) => p.day).sort(), ['0000-00-00', '1969-12-31', '2026-02-30', '2026-11-28']);
});

test('a history the core refuses costs the listing its history, never its verdict', async () => {
  const { loadShippedEngine } = await import('../support/engine.mjs');
  const { scoreWithSellerHistory } = await import('../../extension/shared/scoring.js');
  const engine = await loadShippedEngine();
  const listing = { title: 'AAA replica designer handbag 1:1 mirror quality', marketplace: 'etsy', seller: { name: 'Shop' } };
  const seller = { ...emptySeller('etsy|name:shop', listing), days: { '2026-11-27': { report: 1 } } };
  const sellers = { recordsFor: () => new Map([['etsy|name:shop', seller]]), recordSeen() {} };
  // An asOf the core cannot read makes the history refused, whatever the days hold.
  const [verdict] = await scoreWithSellerHistory(engine, [listing], { sellers, now: '10000-01-01T00:00:00.000Z' });
  assert.equal(verdict.error, undefined, JSON.stringify(verdict.error));
  assert.equal(verdict.level, 'high');
});

test('the report link goes only to the hosts of the listing\'s site', () => {
  const hosts = ['ebay.com', 'ebay.de'];
  const template = 'https://{host}/help?item={itemId}';
  assert.equal(fillReportLink(template, { url: 'https://www.ebay.com/itm/123' }, hosts), 'https://www.ebay.com/help?item=123');
  assert.equal(fillReportLink(template, { url: 'https://ebay.de/itm/123' }, hosts), 'https://ebay.de/help?item=123');
  for (const url of ['https://evil.example/itm/1', 'https://ebay.com.evil.example/itm/1', 'https://notebay.com/itm/1',
    'https://user@evil.example/itm/1', 'https://www.ebay.com:8443/itm/1', 'javascript:alert(1)']) {
    assert.equal(fillReportLink(template, { url }, hosts), null, url);
  }
  // A template without {host} names its own host; the listing's URL is only encoded into it.
  assert.equal(fillReportLink('https://ipp.alibabagroup.com/?u={url}', { url: 'https://evil.example/x' }, ['aliexpress.com']),
    `https://ipp.alibabagroup.com/?u=${encodeURIComponent('https://evil.example/x')}`);
});

test('a seller record stays within its byte bound: short seen-listing ids, bounded, old days folded', () => {
  assert.ok(records.MAX_SELLER_RECORD_BYTES > 0 && records.MAX_SELLER_RECORD_BYTES <= 4096, 'a stated bound of at most 4 KiB');
  const key = `etsy|name:${'n'.repeat(200)}`;
  const seller = emptySeller(key, { seller: { name: 'N'.repeat(500) } });
  for (let d = 0; d < 1000; d += 1) {
    const day = new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
    assert.equal(markSeen(seller, `www.etsy.com/listing/${d}/${'x'.repeat(280)}`, d % 2 === 0, day), true);
    addSellerEvent(seller, 'report', day);
  }
  assert.equal(markSeen(seller, `www.etsy.com/listing/999/${'x'.repeat(280)}`, true, '2026-09-26'), false, 'a listing is still counted once');
  assert.ok(records.sellerRecordBytes(seller) <= records.MAX_SELLER_RECORD_BYTES, String(records.sellerRecordBytes(seller)));
  assert.ok(seller.seenListings.length > 0 && seller.seenListings.every((id) => typeof id === 'string' && id.length <= 8));
  const total = (type) => Object.values(seller.days).reduce((sum, c) => sum + (c[type] ?? 0), 0);
  assert.deepEqual([total('seen'), total('seenHigh'), total('report')], [1000, 500, 1000], 'folding keeps every count');
  assert.equal(records.sellerProblem(seller), null);
});
