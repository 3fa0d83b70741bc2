// The one writer of FakeLens's stored data (chrome.storage.local). Every change goes through
// `write()`, a queue in the service worker, so reports from many tabs at once are applied
// one after another and none overwrites another. Each change is one storage.set call (atomic):
// a report and its seller's totals land together or not at all. Reports are idempotent by
// id, so a content script that retries after a worker restart cannot duplicate one.
//
// Keys: meta {dataVersion}, settings, report:<uuid>, seller:<marketplace>|<id:|name:...>,
// damaged:<key> (a damaged record kept aside: {keptAt, problem, value}).
// Records that fail validation are never deleted or overwritten silently: they are counted
// and shown ("damaged"), and the shopper decides. A damaged seller record is moved aside
// (damaged:seller:...) when the seller's reports change, so it cannot block them.
//
// Storage budget. chrome.storage.local holds 10 MiB (10,485,760 bytes):
//   - sightings-only seller records (what any page can cause by showing listings): at most
//     MAX_SIGHTINGS_ONLY_SELLERS records of at most MAX_SELLER_RECORD_BYTES (4 KiB,
//     shared/records.js) each: at most 4 MiB; the oldest seen are evicted first;
//   - a custom rule pack: at most 2 MiB as stored (handlers/from_extension_pages.js; the
//     built-in pack is 256 KiB);
//   - the rest, at least 4 MiB, is left to what only the shopper's clicks add: reports,
//     the seller records holding reports (never evicted), settings.
import {
  addSellerEvent, dayOf, emptySeller, mergeImport, migrate, recordSighting, reportProblem, sellerHasReports, sellerKeyOf,
  sellerProblem, DATA_VERSION,
} from '../shared/records.js';

export const MAX_SIGHTINGS_ONLY_SELLERS = 1000;

let queue = Promise.resolve();
let migrated = null;
// Map<sellerKey, lastSeenAt> of the stored sightings-only records, read once per worker life;
// recordSeen keeps it current, every other change of seller records drops it (rebuilt when next needed).
let sightingsOnlyIndex = null;

export class StoreError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

// Storage failures become stable codes: a full quota says so plainly.
function storageError(cause) {
  const message = String(cause?.message ?? cause);
  if (/quota/i.test(message)) {
    return new StoreError('storage_full', 'The browser\'s storage for FakeLens is full; nothing was changed. Export and delete old reports to make room.');
  }
  return new StoreError('storage_failed', `The browser could not store FakeLens data (${message}); nothing was changed.`);
}

async function set(items) {
  try {
    await chrome.storage.local.set(items);
  } catch (cause) {
    throw storageError(cause);
  }
}

async function remove(keys) {
  try {
    await chrome.storage.local.remove(keys);
  } catch (cause) {
    throw storageError(cause);
  }
}

/** Brings stored data to DATA_VERSION once per worker life, before any other change. */
function ensureMigrated() {
  migrated ??= (async () => {
    const data = await chrome.storage.local.get(['meta', 'settings']);
    if (data.meta?.dataVersion === DATA_VERSION) return;
    const next = migrate(data);
    await set({ meta: next.meta, ...(next.settings ? { settings: next.settings } : {}) });
  })().catch((cause) => {
    migrated = null;
    throw cause;
  });
  return migrated;
}

/** Runs `change` after every earlier change has finished; returns its result. */
export function write(change) {
  const run = queue.then(async () => {
    await ensureMigrated();
    return change();
  });
  queue = run.catch(() => {});
  return run;
}

/** The problem with a stored report or seller record, or null; other keys are not records. */
function storedProblem(key, value) {
  if (key.startsWith('report:')) return reportProblem(value) ?? (`report:${value.id}` !== key ? 'stored under another id' : null);
  if (key.startsWith('seller:')) return sellerProblem(value) ?? (`seller:${value.key}` !== key ? 'stored under another key' : null);
  return null;
}

export async function readAll() {
  await ensureMigrated();
  const all = await chrome.storage.local.get(null);
  const reports = [];
  const sellers = [];
  const damaged = [];
  for (const [key, value] of Object.entries(all)) {
    if (key.startsWith('report:') || key.startsWith('seller:')) {
      const problem = storedProblem(key, value);
      if (problem) damaged.push({ key, problem });
      else (key.startsWith('report:') ? reports : sellers).push(value);
    } else if (key.startsWith('damaged:seller:')) {
      damaged.push({ key, problem: `kept aside on ${String(value?.keptAt ?? 'an earlier day').slice(0, 30)}: ${String(value?.problem ?? 'damaged').slice(0, 200)}` });
    }
  }
  reports.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  return { reports, sellers, damaged };
}

/**
 * A seller record built again from the stored reports of that seller: their report counts,
 * no sightings. {seller, reports}: how many reports it counts.
 */
async function sellerFromReports(key, listing) {
  const all = await chrome.storage.local.get(null);
  const theirs = Object.entries(all)
    .filter(([storeKey, value]) => storeKey.startsWith('report:') && !storedProblem(storeKey, value) && sellerKeyOf(value.listing) === key)
    .map(([, value]) => value);
  const seller = emptySeller(key, theirs[0]?.listing ?? listing);
  for (const report of theirs) addSellerEvent(seller, 'report', dayOf(report.createdAt));
  return { seller, reports: theirs.length };
}

/**
 * The seller's record, to change and store with `items` (one set call). A damaged record is
 * kept aside in the same call (damaged:seller:..., {keptAt, problem, value}) and the fresh
 * record counts the seller's stored reports again, so the damage costs only sightings.
 */
async function readSeller(key, listing, items) {
  const storeKey = `seller:${key}`;
  const stored = (await chrome.storage.local.get(storeKey))[storeKey];
  if (stored === undefined) return emptySeller(key, listing);
  const problem = storedProblem(storeKey, stored);
  if (!problem) return stored;
  let asideKey = `damaged:${storeKey}`;
  if ((await chrome.storage.local.get(asideKey))[asideKey] !== undefined) asideKey += `#${Date.now()}`;
  items[asideKey] = { keptAt: new Date().toISOString(), problem, value: stored };
  sightingsOnlyIndex = null;
  return (await sellerFromReports(key, listing)).seller;
}

/** Saves a new report and counts it on its seller; the same id twice returns the first. */
export function saveReport(report, sellerKey) {
  return write(async () => {
    const key = `report:${report.id}`;
    const existing = (await chrome.storage.local.get(key))[key];
    if (existing) return { report: existing, duplicate: true };
    const problem = reportProblem(report);
    if (problem) throw new StoreError('bad_report', problem);
    const items = { [key]: report };
    if (sellerKey) {
      const seller = await readSeller(sellerKey, report.listing, items);
      addSellerEvent(seller, 'report', dayOf(report.createdAt));
      items[`seller:${sellerKey}`] = seller;
      sightingsOnlyIndex = null;
    }
    await set(items);
    return { report, duplicate: false };
  });
}

/** Changes reason, note or sending status of a stored report. */
export function updateReport(id, change) {
  return write(async () => {
    const key = `report:${id}`;
    const existing = (await chrome.storage.local.get(key))[key];
    if (!existing) throw new StoreError('not_found', 'no such report');
    const next = { ...existing, ...change };
    const problem = reportProblem(next);
    if (problem) throw new StoreError('bad_report', problem);
    await set({ [key]: next });
    return next;
  });
}

/** Deletes a report and takes it off its seller's totals. */
export function deleteReport(id, sellerKeyFor) {
  return write(async () => {
    const key = `report:${id}`;
    const existing = (await chrome.storage.local.get(key))[key];
    if (!existing) return false;
    const sellerKey = sellerKeyFor(existing.listing);
    if (sellerKey) {
      const items = {};
      const seller = await readSeller(sellerKey, existing.listing, items);
      addSellerEvent(seller, 'report', dayOf(existing.createdAt), -1);
      items[`seller:${sellerKey}`] = seller;
      sightingsOnlyIndex = null;
      await set(items);
    }
    await remove(key);
    return true;
  });
}

/**
 * Imports reports (merged by id; duplicates counted). `checks` ({marketplaces, now}) are
 * mergeImport's: a report of an unknown site or from the future is invalid.
 */
export function importReports(imported, sellerKeyFor, checks) {
  return write(async () => {
    const existing = Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith('report:')).map((k) => k.slice(7));
    const { added, duplicates, invalid } = mergeImport(existing, imported, checks);
    // All or nothing: one bad record means the file is not what it claims to be.
    if (invalid.length > 0) {
      throw new StoreError('bad_import', `the file holds ${invalid.length} invalid report(s) (record ${invalid[0].index + 1}: ${invalid[0].problem}); nothing was imported`);
    }
    const items = {};
    const sellers = new Map();
    for (const report of added) {
      items[`report:${report.id}`] = report;
      const sellerKey = sellerKeyFor(report.listing);
      if (!sellerKey) continue;
      if (!sellers.has(sellerKey)) sellers.set(sellerKey, await readSeller(sellerKey, report.listing, items));
      addSellerEvent(sellers.get(sellerKey), 'report', dayOf(report.createdAt));
    }
    for (const [key, seller] of sellers) items[`seller:${key}`] = seller;
    if (sellers.size > 0) sightingsOnlyIndex = null;
    if (added.length > 0) await set(items);
    return { added: added.length, duplicates, invalid };
  });
}

// When a sightings-only record was last seen: lastSeenAt, else (older records) its last day.
const lastSeenOf = (seller) => seller.lastSeenAt ?? (Date.parse(Object.keys(seller.days).sort().at(-1) ?? '') || 0);

function sightingsOnly() {
  sightingsOnlyIndex ??= chrome.storage.local.get(null).then((all) => new Map(Object.entries(all)
    .filter(([key, value]) => key.startsWith('seller:') && !storedProblem(key, value) && !sellerHasReports(value))
    .map(([key, value]) => [key.slice('seller:'.length), lastSeenOf(value)])))
    .catch((cause) => {
      sightingsOnlyIndex = null;
      throw cause;
    });
  return sightingsOnlyIndex;
}

/**
 * The sightings-only records to evict so that `changed` fits under MAX_SIGHTINGS_ONLY_SELLERS:
 * the least recently seen first; never one holding reports, never a damaged one.
 */
async function evictionsFor(index, changed) {
  const arriving = [...changed].filter(([key, seller]) => !index.has(key) && !sellerHasReports(seller)).length;
  const excess = index.size + arriving - MAX_SIGHTINGS_ONLY_SELLERS;
  if (excess <= 0) return [];
  const oldest = [...index].filter(([key]) => !changed.has(key)).sort((a, b) => a[1] - b[1]).slice(0, excess).map(([key]) => `seller:${key}`);
  // Checked again as stored: the index may predate a change made outside this store.
  const stored = await chrome.storage.local.get(oldest);
  return oldest.filter((key) => stored[key] === undefined || (!storedProblem(key, stored[key]) && !sellerHasReports(stored[key])));
}

/**
 * Counts scored listings (shared/scoring.js's sightings) on their sellers, each listing once
 * per seller; a damaged record is left as it is. Keeps the storage budget above: new
 * sightings-only records push out the least recently seen ones.
 */
export function recordSeen(entries, day) {
  return write(async () => {
    const keys = [...new Set(entries.map((sighting) => sighting.sellerKey))];
    const stored = await chrome.storage.local.get(keys.map((key) => `seller:${key}`));
    const changed = new Map();
    const now = Date.now();
    for (const sighting of entries) {
      const { sellerKey, listing } = sighting;
      const storeKey = `seller:${sellerKey}`;
      if (stored[storeKey] !== undefined && storedProblem(storeKey, stored[storeKey])) continue;
      const seller = changed.get(sellerKey) ?? stored[storeKey] ?? emptySeller(sellerKey, listing);
      if (recordSighting(seller, sighting, day)) {
        seller.lastSeenAt = now;
        changed.set(sellerKey, seller);
      }
    }
    if (changed.size === 0) return;
    const index = await sightingsOnly();
    const evicted = await evictionsFor(index, changed);
    // Evicted first: when storage is full, the room they leave is what the new ones need.
    if (evicted.length > 0) await remove(evicted);
    for (const key of evicted) index.delete(key.slice('seller:'.length));
    await set(Object.fromEntries([...changed].map(([key, seller]) => [`seller:${key}`, seller])));
    for (const [key, seller] of changed) {
      index.delete(key);
      if (!sellerHasReports(seller)) index.set(key, now);
    }
  });
}

/**
 * Deletes a seller record (the Sellers view): its sightings go; its reports stay and still
 * count, on a record rebuilt from them. {deleted, reportsKept}.
 */
export function deleteSeller(key) {
  return write(async () => {
    const storeKey = `seller:${key}`;
    const stored = (await chrome.storage.local.get(storeKey))[storeKey];
    if (stored === undefined) return { deleted: false, reportsKept: 0 };
    const { seller, reports } = await sellerFromReports(key, { seller: { name: typeof stored?.name === 'string' ? stored.name : '' } });
    if (reports > 0) await set({ [storeKey]: seller });
    else await remove(storeKey);
    sightingsOnlyIndex = null;
    return { deleted: true, reportsKept: reports };
  });
}

/**
 * Deletes a damaged record on the shopper's word: a damaged report, a damaged seller record
 * (as deleteSeller does) or one kept aside (damaged:seller:...). Sound records are not
 * touched here: {deleted: false}.
 */
export async function deleteDamaged(storeKey) {
  if (storeKey.startsWith('seller:')) {
    const stored = (await chrome.storage.local.get(storeKey))[storeKey];
    if (stored === undefined || !storedProblem(storeKey, stored)) return { deleted: false };
    return deleteSeller(storeKey.slice('seller:'.length));
  }
  return write(async () => {
    const stored = (await chrome.storage.local.get(storeKey))[storeKey];
    const damaged = storeKey.startsWith('damaged:seller:') || (storeKey.startsWith('report:') && storedProblem(storeKey, stored));
    if (stored === undefined || !damaged) return { deleted: false };
    await remove(storeKey);
    return { deleted: true };
  });
}

/** The stored seller records for these keys (missing ones absent). */
export async function sellersFor(keys) {
  await ensureMigrated();
  const stored = await chrome.storage.local.get(keys.map((key) => `seller:${key}`));
  const out = new Map();
  for (const key of keys) {
    const seller = stored[`seller:${key}`];
    if (seller && !sellerProblem(seller)) out.set(key, seller);
  }
  return out;
}
