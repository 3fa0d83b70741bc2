// Pure functions over the extension's stored data: reports, per-seller event totals, the
// storage migrations, export and import. No chrome.* here, so node --test checks them
// directly (tests/extension/records.test.mjs); background/store.js does the storing.

export const DATA_VERSION = 2;
export const REASONS = Object.freeze(['counterfeit', 'exaggerated', 'fake-discount', 'other']);
export const STATUSES = Object.freeze(['saved', 'sent', 'failed']);
const MAX_NOTE = 2000;
const MAX_DAYS_PER_SELLER = 600;        // 3 event types a day stays under the core's 2000 events
const MAX_SEEN_LISTINGS_PER_SELLER = 500;

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const dayOf = (isoTime) => isoTime.slice(0, 10);

/** The problem with a report record, or null when it is a valid Report (contract). */
export function reportProblem(report) {
  if (!isObject(report)) return 'a report is an object';
  if (typeof report.id !== 'string' || !UUID.test(report.id)) return 'id must be a UUID';
  if (typeof report.createdAt !== 'string' || Number.isNaN(Date.parse(report.createdAt))) return 'createdAt must be an ISO time';
  if (report.reason !== undefined && !REASONS.includes(report.reason)) return `reason must be one of ${REASONS.join(', ')}`;
  if (report.note !== undefined && (typeof report.note !== 'string' || report.note.length > MAX_NOTE)) return `note must be text of at most ${MAX_NOTE} characters`;
  if (!isObject(report.listing) || typeof report.listing.title !== 'string' || !report.listing.title) return 'listing must be a Listing with a title';
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
  return { key, marketplace: key.split('|')[0], name: String(listing?.seller?.name ?? listing?.seller?.id ?? '').slice(0, 200), official: false, days: {}, seenListings: [] };
}

export function sellerProblem(seller) {
  if (!isObject(seller) || typeof seller.key !== 'string' || !isObject(seller.days) || !Array.isArray(seller.seenListings)) return 'a seller record is {key, days, seenListings}';
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
  // Too many days: fold the oldest into the next oldest (counts kept, dated a little later).
  const days = Object.keys(seller.days).sort();
  while (days.length > MAX_DAYS_PER_SELLER) {
    const [oldest, next2] = days.splice(0, 2);
    const merged = { ...seller.days[next2] };
    for (const [t, n] of Object.entries(seller.days[oldest])) merged[t] = (merged[t] ?? 0) + n;
    delete seller.days[oldest];
    seller.days[next2] = merged;
    days.unshift(next2);
  }
  return seller;
}

/** Records a listing of this seller as seen, once per listing; true when it was new. */
export function markSeen(seller, listingKey, high, day) {
  if (seller.seenListings.includes(listingKey)) return false;
  seller.seenListings.push(listingKey);
  if (seller.seenListings.length > MAX_SEEN_LISTINGS_PER_SELLER) seller.seenListings.shift();
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

/** The core's history object for a seller: {asOf, events: [{type, at, count}]}. */
export function historyOf(seller, asOf) {
  const events = [];
  for (const [day, counts] of Object.entries(seller.days).sort(([a], [b]) => a.localeCompare(b))) {
    for (const type of ['report', 'seen', 'seenHigh']) if (counts[type]) events.push({ type, at: day, count: counts[type] });
  }
  if (seller.official) events.push({ type: 'official', at: dayOf(asOf) });
  return { asOf, events };
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

/** Merges imported reports into `existing` (by id): {added: [...], duplicates, invalid: [{index, problem}]}. */
export function mergeImport(existingIds, imported) {
  const added = [];
  const invalid = [];
  let duplicates = 0;
  const seen = new Set(existingIds);
  (Array.isArray(imported) ? imported : []).forEach((report, index) => {
    const problem = reportProblem(report);
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

/** A report link from the site's template: {url} and {itemId} are filled, URL-encoded. */
export function fillReportLink(template, listing) {
  const itemId = /(?:\/itm\/|\/dp\/|\/item\/|\/listing\/|\/ip\/(?:[^/]+\/)?|[?&]id=|MLB-?)(\w+)/i.exec(listing.url ?? '')?.[1] ?? '';
  let host = '';
  try {
    host = new URL(listing.url).host;
  } catch {
    host = '';
  }
  if (template.includes('{host}') && !host) return null;
  return template.replace(/\{host\}/g, host).replace(/\{url\}/g, encodeURIComponent(listing.url ?? '')).replace(/\{itemId\}/g, encodeURIComponent(itemId));
}
