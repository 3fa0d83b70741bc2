// Handlers of the messages only FakeLens's own pages send: the popup, the options page and
// the reports page (FakeLensMessages.GROUPS.fromExtensionPages). The dispatcher has checked
// that the sender is one of those pages.
import '../../shared/messages.js';
import { fillReportLink, historyOf, historyProblems, sellerKeyOf } from '../../shared/records.js';
import { adapters, customPackError, engine, restartEngine, setCustomPackError } from '../engine.js';
import { grantedOrigins } from '../granted_sites.js';
import { flushQueue } from '../sender.js';
import { damagedSettings, readSettings, validEndpoint, writeSettings } from '../settings.js';
import { deleteDamaged, deleteSeller, importReports, readAll } from '../store.js';
import { tabSummary } from '../tabs.js';
import { error, errorFrom } from '../replies.js';

const M = globalThis.FakeLensMessages;
// A custom pack is stored in settings: at most 2 MiB as stored (its JSON string in UTF-8),
// 8 times the built-in pack (256 KiB), within the storage budget in store.js.
const MAX_PACK_BYTES = 2 * 1024 * 1024;
const MAX_IMPORTED_REPORTS = 100000;
const MAX_STORE_KEY = 1000;
const MiB = (bytes) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

// writeSettings throws the browser's own error; a full quota says so plainly.
function packWriteError(cause) {
  const full = /quota/i.test(String(cause?.message ?? cause));
  return error(full ? 'storage_full' : 'storage_failed', full
    ? 'The browser\'s storage for FakeLens is full, so the pack was not stored; the pack in use stays. Delete old reports or seller records to make room.'
    : `The browser could not store the pack (${String(cause?.message ?? cause)}); the pack in use stays.`);
}

// The engine, or null where a page can still show what it has without it.
const engineOrNull = () => engine().catch(() => null);

// Each change the message asks for, checked; {error} for the first bad one.
async function settingsChange(message, settings) {
  if (message.sensitivity !== undefined) {
    if (!M.SENSITIVITIES.includes(message.sensitivity)) return error('bad_message', 'unknown sensitivity');
    settings.sensitivity = message.sensitivity;
  }
  if (message.disabledSites !== undefined) {
    const known = new Set((await adapters()).map((a) => a.id));
    if (!Array.isArray(message.disabledSites) || !message.disabledSites.every((id) => known.has(id))) {
      return error('bad_message', 'disabledSites must list known site ids');
    }
    settings.disabledSites = [...new Set(message.disabledSites)];
  }
  if (message.endpoint !== undefined) {
    if (message.endpoint !== null && !validEndpoint(message.endpoint)) {
      return error('bad_message', 'the endpoint must be an https:// address (or http://127.0.0.1 or http://localhost on this machine), or empty');
    }
    settings.endpoint = message.endpoint;
  }
  if (message.sendNotes !== undefined) {
    if (typeof message.sendNotes !== 'boolean') return error('bad_message', 'sendNotes must be true or false');
    settings.sendNotes = message.sendNotes;
  }
  return null;
}

export const fromExtensionPages = {
  async [M.GET_TAB_SUMMARY](message) {
    if (!Number.isInteger(message.tabId)) return error('bad_message', 'tabId must be a whole number');
    return { data: await tabSummary(message.tabId) };
  },

  async [M.GET_SETTINGS]() {
    const settings = await readSettings();
    // The settings page works without the engine's summary: it shows the rest.
    const rules = await engineOrNull().then((loaded) => loaded?.rules().rules ?? null).catch(() => null);
    const sites = (await adapters()).map((a) => ({ id: a.id, hosts: a.hosts }));
    const damaged = await damagedSettings();
    return {
      data: {
        settings: { ...settings, customPack: settings.customPack ? true : null }, rules, sites,
        grantedSites: await grantedOrigins(), customPackError: customPackError(), damagedSettingsAt: damaged?.keptAt ?? null,
      },
    };
  },

  async [M.SET_SETTINGS](message) {
    const settings = await readSettings();
    const refused = await settingsChange(message, settings);
    return refused ?? { data: { settings: await writeSettings(settings) } };
  },

  async [M.SET_CUSTOM_PACK](message) {
    const text = message.packText;
    if (text !== null && typeof text !== 'string') return error('bad_message', 'packText must be the pack as text, or null');
    // The length first: a string longer than the limit is too large whatever its bytes.
    const bytes = text === null ? 0 : text.length > MAX_PACK_BYTES ? text.length : new TextEncoder().encode(JSON.stringify(text)).length;
    if (bytes > MAX_PACK_BYTES) {
      return error('pack_too_large', `the pack is ${MiB(bytes)} as stored; FakeLens stores packs of up to ${MiB(MAX_PACK_BYTES)} (the built-in pack is 0.25 MiB)`);
    }
    const scorer = await engine();
    const settings = await readSettings();
    const previous = settings.customPack;
    settings.customPack = text;
    // Stored first, then switched: a pack that cannot be stored never becomes active.
    try {
      await writeSettings(settings);
    } catch (cause) {
      return packWriteError(cause);
    }
    if (text === null) {
      restartEngine();  // a fresh engine starts with the built-in pack
      return { data: { rules: (await engine()).rules().rules } };
    }
    const result = scorer.loadRules(text);
    if (result.error) {
      // The old pack stays active; stored again as it was (a failure here leaves the refused
      // pack stored, which the next engine refuses too and reports, on the built-in pack).
      settings.customPack = previous;
      await writeSettings(settings).catch(() => {});
      return result;
    }
    setCustomPackError(null);
    return { data: { rules: result.rules } };
  },

  async [M.LIST_REPORTS]() {
    const { reports, sellers, damaged } = await readAll();
    const now = new Date().toISOString();
    const scorer = await engineOrNull();  // the list still shows; credits need the engine
    const records = sellers.map((seller) => ({
      key: seller.key, marketplace: seller.marketplace, name: seller.name,
      record: scorer ? scorer.sellerRecord(historyOf(seller, now)).record ?? null : null,
      skippedDays: historyProblems(seller).map((p) => p.day),  // left out of the record: the core would refuse them
    }));
    // A Map: a marketplace is looked up as data, never as a property of an object.
    const sites = new Map((await adapters()).map((a) => [a.id, a]));
    const linkOf = (report) => {
      const site = sites.get(report.listing.marketplace);
      return typeof site?.reportLink === 'string' ? fillReportLink(site.reportLink, report.listing, site.hosts) : null;
    };
    return { data: { reports, sellers: records, damaged, reportLinks: Object.fromEntries(reports.map((r) => [r.id, linkOf(r)])) } };
  },

  async [M.IMPORT_REPORTS](message) {
    if (!Array.isArray(message.reports) || message.reports.length > MAX_IMPORTED_REPORTS) return error('bad_message', 'reports must be an array');
    try {
      const checks = { marketplaces: (await adapters()).map((a) => a.id), now: new Date().toISOString() };
      return { data: await importReports(message.reports, (listing) => sellerKeyOf(listing), checks) };
    } catch (cause) {
      return errorFrom(cause);
    }
  },

  async [M.DELETE_SELLER](message) {
    if (typeof message.key !== 'string' || !message.key || message.key.length > MAX_STORE_KEY) return error('bad_message', 'key must be a seller key');
    try {
      return { data: await deleteSeller(message.key) };
    } catch (cause) {
      return errorFrom(cause);
    }
  },

  async [M.DELETE_DAMAGED](message) {
    const key = message.storeKey;
    if (typeof key !== 'string' || key.length > MAX_STORE_KEY || !/^(report:|seller:|damaged:seller:)/.test(key)) {
      return error('bad_message', 'storeKey must be the key of a damaged report or seller record');
    }
    try {
      return { data: await deleteDamaged(key) };
    } catch (cause) {
      return errorFrom(cause);
    }
  },

  async [M.SEND_REPORTS]() {
    const { endpoint } = await readSettings();
    if (!endpoint) return error('no_endpoint', 'no endpoint is set: reports stay on this device');
    return { data: await flushQueue(endpoint, { force: true }) };
  },
};
