// Pure functions over the extension's stored data: reports, per-seller event totals, the
// storage migrations, export and import. No chrome.* here, so node --test checks them
// directly (tests/extension/records.test.mjs); background/store.js does the storing.

export const DATA_VERSION = 2;
export const REASONS = Object.freeze(['counterfeit', 'exaggerated', 'fake-discount', 'other']);
export const STATUSES = Object.freeze(['saved', 'sent', 'failed']);
const MAX_NOTE = 2000;
const MAX_DAYS_PER_SELLER = 600;        // 3 event types a day stays under the core's 2000 events
const MAX_SEEN_LISTINGS_PER_SELLER = 64;
const MAX_SELLER_NAME = 100;
const MAX_EVENT_COUNT = 1000000;        // the core's seller_limits::kMaxCount
// A stored seller record (key and JSON value, as chrome.storage counts them) stays within
// this many bytes: seen listings are kept as short hashes and the oldest days fold together.
// The storage budget in background/store.js rests on it.
export const MAX_SELLER_RECORD_BYTES = 4096;
const MIN_REPORT_YEAR = 2000;           // no FakeLens report is older; the core reads 1970 on

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// The times the core's parse_day reads: a date, "T", HH:MM[:SS[.fraction]], and Z or an offset.
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(?::(?:[0-5]\d|60)(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
// Site ids in sites/adapters.json are single words; a shop the shopper allowed is its host name.
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

export const dayOf = (isoTime) => isoTime.slice(0, 10);

const validDate = (year, month, day) => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** True for "2026-11-28" when the core's parse_day reads it: a real calendar day, 1970 to 9999. */
export function isCoreDay(day) {
  const match = typeof day === 'string' ? DAY.exec(day) : null;
  return Boolean(match) && Number(match[1]) >= 1970 && validDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** The problem with a report time, or null: a strict ISO time whose day the core reads, from 2000 on. */
function reportTimeProblem(text) {
  const match = typeof text === 'string' ? ISO_TIME.exec(text) : null;
  if (!match || !validDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    return 'createdAt must be an ISO time such as 2026-11-28T17:00:00.000Z';
  }
  if (Number(match[1]) < MIN_REPORT_YEAR) return `createdAt must be in ${MIN_REPORT_YEAR} or later`;
  return null;
}

/** The problem with a listing's marketplace, or null: absent, a site id in `siteIds`, or a host name. */
export function marketplaceProblem(marketplace, siteIds) {
  if (marketplace === undefined) return null;
  if (typeof marketplace === 'string' && (siteIds.includes(marketplace) || HOST_NAME.test(marketplace))) return null;
  return 'listing.marketplace must be a known site or a host name';
}

/** The problem with a report record, or null when it is a valid Report (contract). */
export function reportProblem(report) {
  if (!isObject(report)) return 'a report is an object';
  if (typeof report.id !== 'string' || !UUID.test(report.id)) return 'id must be a UUID';
  const timeProblem = reportTimeProblem(report.createdAt);
  if (timeProblem) return timeProblem;
  if (report.reason !== undefined && !REASONS.includes(report.reason)) return `reason must be one of ${REASONS.join(', ')}`;
  if (report.note !== undefined && (typeof report.note !== 'string' || report.note.length > MAX_NOTE)) return `note must be text of at most ${MAX_NOTE} characters`;
  if (!isObject(report.listing) || typeof report.listing.title !== 'string' || !report.listing.title) return 'listing must be a Listing with a title';
  // Stored reports hold an adapter id (one word) or a host name: no other text may become a lookup key.
  const { marketplace } = report.listing;
  if (marketplace !== undefined && (typeof marketplace !== 'string' || !/^[a-z0-9][a-z0-9.-]{0,252}$/.test(marketplace))) {
    return 'listing.marketplace must be a site id or a host name';
  }
  if (!isObject(report.verdict)) return 'verdict must be the Verdict shown';
  if (!STATUSES.includes(report.status)) return `status must be one of ${STATUSES.join(', ')}`;
  return null;
}

/** "ebay" + {id: "A1"} -> "ebay|id:a1"; by name when there is no id; null without either. */
export function sellerKeyOf(listing, fallbackMarketplace) {
  const seller = listing?.seller;
  const marketplace = String(listing?.marketplace ?? fallbackMarketplace ?? '').toLowerCase().slice(0, 100);
  if (!isObject(seller) || !marketplace) return null;
  if (typeof seller.id === 'string' && seller.id.trim()) return `${marketplace}|id:${seller.id.trim().toLowerCase().slice(0, 200)}`;
  if (typeof seller.name === 'string' && seller.name.trim()) return `${marketplace}|name:${seller.name.trim().replace(/\s+/g, ' ').toLowerCase().slice(0, 200)}`;
  return null;
}

export function emptySeller(key, listing) {
  return { key, marketplace: key.split('|')[0], name: String(listing?.seller?.name ?? listing?.seller?.id ?? '').slice(0, MAX_SELLER_NAME), official: false, days: {}, seenListings: [] };
}

/** The bytes a seller record takes in chrome.storage.local: its key and its JSON. */
export function sellerRecordBytes(seller) {
  return new TextEncoder().encode(`seller:${seller.key}${JSON.stringify(seller)}`).length;
}

/** True when the record counts at least one report (such records are never evicted). */
export const sellerHasReports = (seller) => Object.values(seller.days).some((counts) => counts.report > 0);

export function sellerProblem(seller) {
  if (!isObject(seller) || typeof seller.key !== 'string' || !isObject(seller.days) || !Array.isArray(seller.seenListings)) return 'a seller record is {key, days, seenListings}';
  if (!seller.seenListings.every((id) => typeof id === 'string')) return 'seenListings must hold listing ids';
  if (seller.lastSeenAt !== undefined && !Number.isFinite(seller.lastSeenAt)) return 'lastSeenAt must be a time in milliseconds';
  for (const [day, counts] of Object.entries(seller.days)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !isObject(counts)) return `day ${day} is not a date with counts`;
    for (const type of ['report', 'seen', 'seenHigh']) {
      const n = counts[type] ?? 0;
      if (!Number.isInteger(n) || n < 0) return `${day}.${type} must be a whole number`;
    }
  }
  return null;
}

/** Adds `delta` events of `type` on `day` (removing emptied days); keeps the day count bounded. */
export function addSellerEvent(seller, type, day, delta = 1) {
  const counts = seller.days[day] ?? {};
  const next = Math.max(0, (counts[type] ?? 0) + delta);
  if (next === 0) delete counts[type];
  else counts[type] = next;
  if (Object.keys(counts).length === 0) delete seller.days[day];
  else seller.days[day] = counts;
  // Too many days, or too many bytes: fold the oldest into the next oldest (counts kept,
  // dated a little later).
  const days = Object.keys(seller.days).sort();
  const tooBig = () => days.length > MAX_DAYS_PER_SELLER || (days.length > 1 && sellerRecordBytes(seller) > MAX_SELLER_RECORD_BYTES);
  while (tooBig()) {
    const [oldest, next2] = days.splice(0, 2);
    const merged = { ...seller.days[next2] };
    for (const [t, n] of Object.entries(seller.days[oldest])) merged[t] = (merged[t] ?? 0) + n;
    delete seller.days[oldest];
    seller.days[next2] = merged;
    days.unshift(next2);
  }
  return seller;
}

// A short id for a listing key (32-bit FNV-1a in base 36, at most 7 characters): the record
// keeps the last few listings seen without their URLs. A rare collision costs one count.
function seenIdOf(listingKey) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < listingKey.length; i += 1) {
    hash ^= listingKey.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/** Records a listing of this seller as seen, once per listing; true when it was new. */
export function markSeen(seller, listingKey, high, day) {
  // Records written before the ids were short keep their listings, as ids.
  const seen = seller.seenListings.map((key) => (key.length > 8 ? seenIdOf(key) : key));
  const id = seenIdOf(listingKey);
  if (seen.includes(id)) {
    seller.seenListings = seen.slice(-MAX_SEEN_LISTINGS_PER_SELLER);
    return false;
  }
  seen.push(id);
  seller.seenListings = seen.slice(-MAX_SEEN_LISTINGS_PER_SELLER);
  addSellerEvent(seller, 'seen', day);
  if (high) addSellerEvent(seller, 'seenHigh', day);
  return true;
}

/**
 * Counts one scored listing on its seller's record (an official store stays official);
 * true when the record changed. A sighting is what shared/scoring.js reports.
 */
export function recordSighting(seller, { listingKey, high, official }, day) {
  if (official) seller.official = true;
  return markSeen(seller, listingKey, high, day) || official;
}

const EVENT_TYPES = ['report', 'seen', 'seenHigh'];
const MAX_HISTORY_EVENTS = 1999;        // the core takes 2000, one kept for "official"

/** Why the core would refuse this day of a seller record, or null. */
function dayProblem(day, counts) {
  if (!isCoreDay(day)) return 'not a calendar day from 1970 on';
  if (!isObject(counts)) return 'no counts';
  const bad = EVENT_TYPES.find((type) => counts[type] !== undefined && !(Number.isInteger(counts[type]) && counts[type] >= 0 && counts[type] <= MAX_EVENT_COUNT));
  return bad ? `${bad} is not a count from 0 to ${MAX_EVENT_COUNT}` : null;
}

/** The days of a seller record that historyOf leaves out, [{day, problem}]. */
export function historyProblems(seller) {
  return Object.entries(seller.days).flatMap(([day, counts]) => {
    const problem = dayProblem(day, counts);
    return problem ? [{ day, problem }] : [];
  });
}

/**
 * The core's history object for a seller: {asOf, events: [{type, at, count}]}. Days the core
 * would refuse are left out (historyProblems names them), so one bad day cannot cost the
 * seller's whole history, or the listing its verdict.
 */
export function historyOf(seller, asOf) {
  const events = [];
  for (const [day, counts] of Object.entries(seller.days).sort(([a], [b]) => a.localeCompare(b))) {
    if (dayProblem(day, counts)) continue;
    for (const type of EVENT_TYPES) if (counts[type]) events.push({ type, at: day, count: counts[type] });
  }
  const kept = events.slice(-MAX_HISTORY_EVENTS);
  if (seller.official) kept.push({ type: 'official', at: dayOf(asOf) });
  return { asOf, events: kept };
}

/** A stable key for "the same listing": its URL without query and hash, else its title. */
export function listingKeyOf(listing) {
  if (typeof listing.url === 'string' && /^https?:\/\//.test(listing.url)) {
    try {
      const url = new URL(listing.url);
      return `${url.host}${url.pathname}`.slice(0, 300);
    } catch {
      // fall through to the title
    }
  }
  return `title:${listing.title.slice(0, 300)}`;
}

/** Storage migrations: each takes the whole stored object of version N and returns N+1. */
export const MIGRATIONS = {
  // 0.1.0 stored only settings (version 1). Version 2 adds reports, seller records and the
  // optional sending endpoint (off).
  1: (data) => {
    const settings = isObject(data.settings) && data.settings.version === 1 ? { ...data.settings, version: 2, endpoint: null } : undefined;
    return { ...data, ...(settings ? { settings } : {}), meta: { dataVersion: 2 } };
  },
};

/** The version of a stored object: meta.dataVersion, or 1 for what 0.1.0 wrote. */
export function dataVersionOf(data) {
  return Number.isInteger(data?.meta?.dataVersion) ? data.meta.dataVersion : 1;
}

export function migrate(data) {
  let current = data;
  let version = dataVersionOf(current);
  if (version > DATA_VERSION) throw new Error(`stored data is version ${version}; this FakeLens reads up to ${DATA_VERSION}`);
  while (version < DATA_VERSION) {
    current = MIGRATIONS[version](current);
    version += 1;
  }
  return current;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The problem with an imported report, or null: a valid Report of a known site, not from the future. */
function importedReportProblem(report, { marketplaces, now }) {
  const problem = reportProblem(report) ?? marketplaceProblem(report.listing.marketplace, marketplaces);
  if (problem) return problem;
  // A report dated ahead would count at full weight for ever (the core weighs by age).
  if (Date.parse(report.createdAt) > Date.parse(now) + DAY_MS) return 'createdAt is in the future';
  return null;
}

/**
 * Merges imported reports into `existing` (by id): {added: [...], duplicates, invalid: [{index, problem}]}.
 * `marketplaces` are the site ids of sites/adapters.json; `now` an ISO time.
 */
export function mergeImport(existingIds, imported, { marketplaces, now }) {
  const added = [];
  const invalid = [];
  let duplicates = 0;
  const seen = new Set(existingIds);
  (Array.isArray(imported) ? imported : []).forEach((report, index) => {
    const problem = importedReportProblem(report, { marketplaces, now });
    if (problem) invalid.push({ index, problem });
    else if (seen.has(report.id)) duplicates += 1;
    else {
      seen.add(report.id);
      added.push(report);
    }
  });
  return { added, duplicates, invalid };
}

/** The export file: {format, version, exportedAt, reports}. */
export function exportJson(reports, exportedAt) {
  return JSON.stringify({ format: 'fakelens-reports', version: 1, exportedAt, reports }, null, 2);
}

/** The reports of an export file (or a bare array), or an error message. */
export function parseExport(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { error: `not JSON: ${error.message}` };
  }
  if (Array.isArray(data)) return { reports: data };
  if (isObject(data) && data.format === 'fakelens-reports' && Array.isArray(data.reports)) return { reports: data.reports };
  return { error: 'not a FakeLens reports export (expected {"format": "fakelens-reports", "reports": [...]})' };
}

const CSV_COLUMNS = ['id', 'createdAt', 'status', 'reason', 'note', 'marketplace', 'seller', 'title', 'price', 'currency', 'url', 'level', 'score', 'evidence'];

function csvCell(value) {
  let text = value === undefined || value === null ? '' : String(value);
  // Spreadsheet formula injection: a cell starting with = + - @ is prefixed with '.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function exportCsv(reports) {
  const rows = reports.map((r) => [r.id, r.createdAt, r.status, r.reason, r.note, r.listing.marketplace, r.listing.seller?.name ?? r.listing.seller?.id,
    r.listing.title, r.listing.price?.amount, r.listing.price?.currency, r.listing.url, r.verdict.level, r.verdict.score,
    (r.verdict.evidence ?? []).map((e) => e.message).join(' | ')].map(csvCell).join(','));
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

/** Retry delay after `attempts` failed sends: 30 s doubling, at most an hour. */
export function retryDelayMs(attempts) {
  return Math.min(60 * 60 * 1000, 30 * 1000 * 2 ** Math.max(0, attempts - 1));
}
export const MAX_SEND_ATTEMPTS = 10;

/** The listing URL's host when it is one of the site's `hosts` (or their subdomains), else ''. */
function siteHostOf(url, hosts) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return '';
  }
  if (!/^https?:$/.test(parsed.protocol) || parsed.port || parsed.username || parsed.password) return '';
  const host = parsed.hostname;
  return hosts.some((suffix) => host === suffix || host.endsWith(`.${suffix}`)) ? host : '';
}

/**
 * A report link from the site's template: {url} and {itemId} are filled, URL-encoded, and
 * {host} only with a host of the site (`hosts`, from sites/adapters.json); else null.
 */
export function fillReportLink(template, listing, hosts) {
  const itemId = /(?:\/itm\/|\/dp\/|\/item\/|\/listing\/|\/ip\/(?:[^/]+\/)?|[?&]id=|MLB-?)(\w+)/i.exec(listing.url ?? '')?.[1] ?? '';
  const host = template.includes('{host}') ? siteHostOf(listing.url, hosts) : '';
  if (template.includes('{host}') && !host) return null;
  return template.replace(/\{host\}/g, host).replace(/\{url\}/g, encodeURIComponent(listing.url ?? '')).replace(/\{itemId\}/g, encodeURIComponent(itemId));
}
