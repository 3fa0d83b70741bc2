// The scoring flow the extension's service worker and the demo marketplace (web/shop.mjs)
// share: each listing's seller record goes in as seller.history, the engine scores the
// batch, and every listing with a seller is recorded as seen. Where seller records live is
// the caller's: the extension's storage or the demo's localStorage.
import { dayOf, historyOf, listingKeyOf, sellerKeyOf } from './records.js';

const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Verdicts for `listings`, in order.
 * - scorer: the engine (scoreBatch).
 * - sellers: {recordsFor(keys) -> Map<key, seller> (or a promise of one),
 *             recordSeen(sightings, day)}; a sighting is {sellerKey, listingKey, listing, high, official}.
 * - fallbackMarketplace: the marketplace of listings that do not name one (the page's host).
 */
export async function scoreWithSellerHistory(scorer, listings, { sellers, fallbackMarketplace, now = new Date().toISOString() }) {
  // seller.history is the shopper's own record, never what a page sent: it is replaced.
  const prepared = listings.map((listing) => {
    const copy = { ...listing };
    if (isPlainObject(copy.seller)) {
      copy.seller = { ...copy.seller };
      delete copy.seller.history;
    }
    return { listing: copy, sellerKey: sellerKeyOf(copy, fallbackMarketplace) };
  });
  const keys = [...new Set(prepared.map((p) => p.sellerKey).filter(Boolean))];
  if (keys.length > 0) {
    const records = await Promise.resolve().then(() => sellers.recordsFor(keys)).catch(() => new Map());
    for (const p of prepared) {
      const seller = p.sellerKey && records.get(p.sellerKey);
      if (seller) p.listing.seller.history = historyOf(seller, now);
    }
  }
  const verdicts = scorer.scoreBatch(prepared.map((p) => p.listing));
  // Stored history the core refuses costs the listing its history, never its verdict.
  const refused = prepared.flatMap((p, index) => (verdicts[index]?.error && p.listing.seller?.history ? [index] : []));
  if (refused.length > 0) {
    for (const index of refused) delete prepared[index].listing.seller.history;
    const again = scorer.scoreBatch(refused.map((index) => prepared[index].listing));
    refused.forEach((index, i) => { verdicts[index] = again[i]; });
  }
  const sightings = prepared.flatMap((p, index) => (p.sellerKey ? [{
    sellerKey: p.sellerKey, listingKey: listingKeyOf(p.listing), listing: p.listing,
    high: verdicts[index]?.level === 'high', official: p.listing.seller?.official === true,
  }] : []));
  // Started here, not waited for: a slow or failing record must not hold back the verdicts.
  try {
    Promise.resolve(sellers.recordSeen(sightings, dayOf(now))).catch(() => {});
  } catch {
    // the verdicts stand without the record
  }
  return verdicts;
}
