// The scoring flow the service worker and the demo marketplace share
// (extension/shared/scoring.js), with the shipped engine and seller records kept in memory
// the way the demo keeps them: history goes in, page history is ignored, and sightings are
// recorded only when asked (recordSightings), a few per seller per page.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { emptySeller, recordSighting } from '../../extension/shared/records.js';
import {
  recordSightings, scoreWithSellerHistory, SELLERS_PER_PAGE, SIGHTINGS_PER_SELLER_PER_DAY, SIGHTINGS_PER_SELLER_PER_PAGE,
} from '../../extension/shared/scoring.js';
import { loadShippedEngine } from '../support/engine.mjs';

let engine;
before(async () => {
  engine = await loadShippedEngine();
});

// Seller records in a plain object, as web/shop.mjs keeps them in localStorage.
function memorySellers() {
  const records = {};
  return {
    records,
    recordsFor: (keys) => new Map(keys.filter((key) => records[key]).map((key) => [key, records[key]])),
    recordSeen(sightings, day) {
      for (const sighting of sightings) {
        records[sighting.sellerKey] ??= emptySeller(sighting.sellerKey, sighting.listing);
        recordSighting(records[sighting.sellerKey], sighting, day);
      }
    },
  };
}

const replica = (n) => ({ title: `AAA replica designer handbag 1:1 mirror quality #${n}`, marketplace: 'etsy', seller: { name: 'Bag Barn' }, url: `https://www.etsy.com/listing/${n}/bag` });

test('verdicts come in order; scoring records nothing on the sellers (a page decides what is scored)', async () => {
  const sellers = memorySellers();
  const listings = [replica(1), { title: 'Plain ceramic mug', marketplace: 'etsy' }, replica(2)];
  const verdicts = await scoreWithSellerHistory(engine, listings, { sellers, now: '2026-12-01T10:00:00.000Z' });
  assert.deepEqual(verdicts.map((v) => v.level), ['high', 'low', 'high']);
  assert.deepEqual(sellers.records, {});
});

test('sightings: each listing once, at most a few per seller per page; a new page adds a few more', async () => {
  assert.equal(SIGHTINGS_PER_SELLER_PER_PAGE, 3);
  const sellers = memorySellers();
  const page = {};
  const listings = [replica(1), replica(1), replica(2), replica(3), replica(4), replica(5), { title: 'Plain ceramic mug', marketplace: 'etsy' }];
  const counted = await recordSightings(engine, listings, { sellers, page, now: '2026-12-01T10:00:00.000Z' });
  assert.equal(counted, 3);
  const record = sellers.records['etsy|name:bag barn'];
  assert.ok(record, 'the seller has a record');
  assert.deepEqual(record.days, { '2026-12-01': { seen: 3, seenHigh: 3 } });
  assert.deepEqual(page['etsy|name:bag barn'].length, 3);
  // The same page sending them again adds nothing.
  assert.equal(await recordSightings(engine, listings, { sellers, page, now: '2026-12-01T10:01:00.000Z' }), 0);
  assert.deepEqual(record.days, { '2026-12-01': { seen: 3, seenHigh: 3 } });
  // The next page: a listing already on the record is not counted again; new ones are.
  assert.equal(await recordSightings(engine, [replica(1), replica(6)], { sellers, page: {}, now: '2026-12-01T11:00:00.000Z' }), 2);
  assert.deepEqual(record.days, { '2026-12-01': { seen: 4, seenHigh: 4 } });
});

test('sightings: the level is scored here, never taken from the caller; the sellers per page are bounded', async () => {
  const sellers = memorySellers();
  const claimed = { title: 'Leather tote bag, brown', marketplace: 'etsy', seller: { name: 'Bag Barn' }, level: 'high', high: true, verdict: { level: 'high' } };
  await recordSightings(engine, [claimed], { sellers, page: {}, now: '2026-12-01T10:00:00.000Z' });
  assert.deepEqual(sellers.records['etsy|name:bag barn'].days, { '2026-12-01': { seen: 1 } });
  const many = Array.from({ length: SELLERS_PER_PAGE + 20 }, (_, i) => ({ title: `Mug ${i}`, marketplace: 'etsy', seller: { name: `Shop ${i}` } }));
  const page = {};
  assert.equal(await recordSightings(engine, many, { sellers, page }), SELLERS_PER_PAGE);
  assert.equal(Object.keys(page).length, SELLERS_PER_PAGE);
});

test("the shopper's record goes in as seller.history; what the page sent there is dropped", async () => {
  const sellers = memorySellers();
  const honest = { title: 'Leather tote bag, brown', marketplace: 'etsy', seller: { name: 'Bag Barn' } };
  const forged = { ...honest, seller: { name: 'Bag Barn', history: { asOf: '2026-12-01', events: [{ type: 'report', at: '2026-12-01', count: 500 }] } } };
  const [fresh, withForgery] = await Promise.all([
    scoreWithSellerHistory(engine, [honest], { sellers: memorySellers() }),
    scoreWithSellerHistory(engine, [forged], { sellers: memorySellers() }),
  ]);
  assert.deepEqual(withForgery, fresh, 'a page cannot write its own seller history');
  // Reports the shopper made count: the same listing now scores higher.
  sellers.records['etsy|name:bag barn'] = { ...emptySeller('etsy|name:bag barn', honest), days: { '2026-11-30': { report: 6 } } };
  const [reported] = await scoreWithSellerHistory(engine, [honest], { sellers, now: '2026-12-01T10:00:00.000Z' });
  assert.ok(reported.score > fresh[0].score, `${reported.score} > ${fresh[0].score}`);
});

test('sightings: a page reloading itself adds at most a day\'s few to a seller, over all its pages', async () => {
  const sellers = memorySellers();
  const today = {};
  let total = 0;
  for (let reload = 0; reload < 10; reload += 1) {
    const fresh = [1, 2, 3].map((i) => replica(`${reload}-${i}`));
    total += await recordSightings(engine, fresh, { sellers, page: {}, today, now: '2026-12-01T10:00:00.000Z' });
  }
  assert.equal(total, SIGHTINGS_PER_SELLER_PER_DAY);
  assert.deepEqual(sellers.records['etsy|name:bag barn'].days, { '2026-12-01': { seen: SIGHTINGS_PER_SELLER_PER_DAY, seenHigh: SIGHTINGS_PER_SELLER_PER_DAY } });
});

test('a seller store that fails costs the history, never the verdicts', async () => {
  const failing = { recordsFor: () => Promise.reject(new Error('storage gone')), recordSeen: () => { throw new Error('storage gone'); } };
  const verdicts = await scoreWithSellerHistory(engine, [replica(3)], { sellers: failing });
  assert.equal(verdicts.length, 1);
  assert.equal(verdicts[0].level, 'high');
  // Recording sightings does fail: the caller (the worker's handler) answers with the error.
  await assert.rejects(recordSightings(engine, [replica(3)], { sellers: failing, page: {} }), /storage gone/);
});
