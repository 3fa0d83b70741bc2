// The scoring flow the extension's service worker and the demo marketplace (web/shop.mjs)
// share: each listing's seller record goes in as seller.history and the engine scores the
// batch. Scoring records nothing: a page decides what is scored, so only listings the
// shopper could see count as seen (recordSightings), a few per seller per page. Where
// seller records live is the caller's: the extension's storage or the demo's localStorage.
import { dayOf, historyOf, listingKeyOf, sellerKeyOf } from './records.js';

const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Verdicts for `listings`, in order.
 * - scorer: the engine (scoreBatch).
 * - sellers: {recordsFor(keys) -> Map<key, seller> (or a promise of one)}.
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
  return verdicts;
}

/** How many listings of one seller one page can add to the seller's record. */
export const SIGHTINGS_PER_SELLER_PER_PAGE = 3;
/** How many sellers one page can add sightings to. */
export const SELLERS_PER_PAGE = 100;
/** How many listings of one seller all pages together can add in a day: a page can reload itself. */
export const SIGHTINGS_PER_SELLER_PER_DAY = 10;
const SELLERS_PER_DAY = 5000;

/**
 * Counts listings the shopper saw on one page on their sellers' records: each listing once,
 * at most SIGHTINGS_PER_SELLER_PER_PAGE per seller and SELLERS_PER_PAGE sellers per page,
 * whatever the caller sends. Whether a listing is high is decided by scoring it again here,
 * never taken from the caller. Resolves to the number of listings recorded.
 * - sellers: as for scoreWithSellerHistory, plus recordSeen(sightings, day); a sighting is
 *   {sellerKey, listingKey, listing, high, official}.
 * - page: {sellerKey: [listingKey, ...]} counted on this page so far; updated here, kept by
 *   the caller for as long as the page lives.
 * - today (optional): {sellerKey: count} counted today on all pages; updated here, kept by the
 *   caller for the day; at most SIGHTINGS_PER_SELLER_PER_DAY per seller.
 */
export async function recordSightings(scorer, listings, { sellers, page, today = null, fallbackMarketplace, now = new Date().toISOString() }) {
  const chosen = [];
  for (const listing of listings) {
    const sellerKey = sellerKeyOf(listing, fallbackMarketplace);
    if (!sellerKey) continue;
    const listingKey = listingKeyOf(listing);
    const counted = Object.hasOwn(page, sellerKey) ? page[sellerKey] : null;
    if (!counted && Object.keys(page).length >= SELLERS_PER_PAGE) continue;
    if (counted && (counted.includes(listingKey) || counted.length >= SIGHTINGS_PER_SELLER_PER_PAGE)) continue;
    if (today) {
      const countedToday = Object.hasOwn(today, sellerKey) ? today[sellerKey] : 0;
      if (countedToday >= SIGHTINGS_PER_SELLER_PER_DAY || (countedToday === 0 && Object.keys(today).length >= SELLERS_PER_DAY)) continue;
      today[sellerKey] = countedToday + 1;
    }
    page[sellerKey] = [...(counted ?? []), listingKey];
    chosen.push({ listing, sellerKey, listingKey });
  }
  if (chosen.length === 0) return 0;
  const verdicts = await scoreWithSellerHistory(scorer, chosen.map((c) => c.listing), { sellers, fallbackMarketplace, now });
  const sightings = chosen.map(({ listing, sellerKey, listingKey }, index) => ({
    sellerKey, listingKey, listing, high: verdicts[index]?.level === 'high', official: listing.seller?.official === true,
  }));
  await sellers.recordSeen(sightings, dayOf(now));
  return sightings.length;
}
