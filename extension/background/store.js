// The one writer of FakeLens's stored data (chrome.storage.local). Every change goes through
// `write()`, a queue in the service worker, so reports from many tabs at once are applied
// one after another and none overwrites another. Each change is one storage.set call (atomic):
// a report and its seller's totals land together or not at all. Reports are idempotent by
// id, so a content script that retries after a worker restart cannot duplicate one.
//
// Keys: meta {dataVersion}, settings, report:<uuid>, seller:<marketplace>|<id:|name:...>.
// Records that fail validation are never deleted or overwritten: they are counted and shown
// ("damaged"), and the shopper decides.
import {
  addSellerEvent, dayOf, emptySeller, mergeImport, migrate, recordSighting, reportProblem, sellerProblem, DATA_VERSION,
} from '../shared/records.js';

let queue = Promise.resolve();
let migrated = null;

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

export async function readAll() {
  await ensureMigrated();
  const all = await chrome.storage.local.get(null);
  const reports = [];
  const sellers = [];
  const damaged = [];
  for (const [key, value] of Object.entries(all)) {
    if (key.startsWith('report:')) {
      const problem = reportProblem(value);
      if (problem || `report:${value.id}` !== key) damaged.push({ key, problem: problem ?? 'stored under another id' });
      else reports.push(value);
    } else if (key.startsWith('seller:')) {
      const problem = sellerProblem(value);
      if (problem) damaged.push({ key, problem });
      else sellers.push(value);
    }
  }
  reports.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  return { reports, sellers, damaged };
}

async function readSeller(key, listing) {
  const storeKey = `seller:${key}`;
  const stored = (await chrome.storage.local.get(storeKey))[storeKey];
  if (stored === undefined) return emptySeller(key, listing);
  if (sellerProblem(stored)) throw new StoreError('damaged_record', `The stored record of seller ${key} is damaged; it is kept as it is.`);
  return stored;
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
      const seller = await readSeller(sellerKey, report.listing);
      addSellerEvent(seller, 'report', dayOf(report.createdAt));
      items[`seller:${sellerKey}`] = seller;
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
      const seller = await readSeller(sellerKey, existing.listing);
      addSellerEvent(seller, 'report', dayOf(existing.createdAt), -1);
      await set({ [`seller:${sellerKey}`]: seller });
    }
    try {
      await chrome.storage.local.remove(key);
    } catch (cause) {
      throw storageError(cause);
    }
    return true;
  });
}

/** Imports reports (merged by id; duplicates and invalid ones skipped and counted). */
export function importReports(imported, sellerKeyFor) {
  return write(async () => {
    const existing = Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith('report:')).map((k) => k.slice(7));
    const { added, duplicates, invalid } = mergeImport(existing, imported);
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
      if (!sellers.has(sellerKey)) sellers.set(sellerKey, await readSeller(sellerKey, report.listing));
      addSellerEvent(sellers.get(sellerKey), 'report', dayOf(report.createdAt));
    }
    for (const [key, seller] of sellers) items[`seller:${key}`] = seller;
    if (added.length > 0) await set(items);
    return { added: added.length, duplicates, invalid };
  });
}

/** Counts scored listings (shared/scoring.js's sightings) on their sellers, each listing once per seller. */
export function recordSeen(entries, day) {
  return write(async () => {
    const changed = new Map();
    for (const sighting of entries) {
      const { sellerKey, listing } = sighting;
      const seller = changed.get(sellerKey) ?? await readSeller(sellerKey, listing).catch(() => null);
      if (seller && recordSighting(seller, sighting, day)) changed.set(sellerKey, seller);
    }
    if (changed.size > 0) await set(Object.fromEntries([...changed].map(([key, seller]) => [`seller:${key}`, seller])));
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
