// The extension's pure data functions (extension/shared/records.js): migrations, seller
// totals, import merging, CSV export.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addSellerEvent, emptySeller, exportCsv, historyOf, markSeen, mergeImport, migrate, parseExport, reportProblem,
  retryDelayMs, sellerKeyOf, fillReportLink, DATA_VERSION,
} from '../../extension/shared/records.js';

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
  const result = mergeImport([ID1], [report(ID1), report(ID2), report(ID2), { id: 'x' }]);
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
  assert.equal(fillReportLink('https://{host}/report?item={itemId}', { url: 'https://www.amazon.de/dp/B0ABC123' }), 'https://www.amazon.de/report?item=B0ABC123');
  assert.equal(fillReportLink('https://{host}/report', { title: 'x' }), null);
});
