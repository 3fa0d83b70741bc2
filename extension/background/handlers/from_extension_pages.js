// Handlers of the messages only FakeLens's own pages send: the popup, the options page and
// the reports page (FakeLensMessages.GROUPS.fromExtensionPages). The dispatcher has checked
// that the sender is one of those pages.
import '../../shared/messages.js';
import { fillReportLink, historyOf, sellerKeyOf } from '../../shared/records.js';
import { adapters, customPackError, engine, restartEngine, setCustomPackError } from '../engine.js';
import { grantedOrigins } from '../granted_sites.js';
import { flushQueue } from '../sender.js';
import { damagedSettings, readSettings, validEndpoint, writeSettings } from '../settings.js';
import { importReports, readAll } from '../store.js';
import { tabSummary } from '../tabs.js';
import { error, errorFrom } from '../replies.js';

const M = globalThis.FakeLensMessages;
const MAX_PACK_TEXT = 16 * 1024 * 1024;
const MAX_IMPORTED_REPORTS = 100000;

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
    if (text !== null && (typeof text !== 'string' || text.length > MAX_PACK_TEXT)) {
      return error('bad_message', 'packText must be the pack as text (16 MiB at most), or null');
    }
    const scorer = await engine();
    const settings = await readSettings();
    if (text === null) {
      settings.customPack = null;
      await writeSettings(settings);
      restartEngine();  // a fresh engine starts with the built-in pack
      return { data: { rules: (await engine()).rules().rules } };
    }
    const result = scorer.loadRules(text);
    if (result.error) return result;  // the old pack stays active, and stored
    settings.customPack = text;
    setCustomPackError(null);
    await writeSettings(settings);
    return { data: { rules: result.rules } };
  },

  async [M.LIST_REPORTS]() {
    const { reports, sellers, damaged } = await readAll();
    const now = new Date().toISOString();
    const scorer = await engineOrNull();  // the list still shows; credits need the engine
    const records = sellers.map((seller) => ({
      key: seller.key, marketplace: seller.marketplace, name: seller.name,
      record: scorer ? scorer.sellerRecord(historyOf(seller, now)).record ?? null : null,
    }));
    const links = Object.fromEntries((await adapters()).map((a) => [a.id, a.reportLink]));
    const linkOf = (report) => {
      const template = links[report.listing.marketplace];
      return template ? fillReportLink(template, report.listing) : null;
    };
    return { data: { reports, sellers: records, damaged, reportLinks: Object.fromEntries(reports.map((r) => [r.id, linkOf(r)])) } };
  },

  async [M.IMPORT_REPORTS](message) {
    if (!Array.isArray(message.reports) || message.reports.length > MAX_IMPORTED_REPORTS) return error('bad_message', 'reports must be an array');
    try {
      return { data: await importReports(message.reports, (listing) => sellerKeyOf(listing)) };
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
