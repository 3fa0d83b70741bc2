// The background service worker: hosts the WebAssembly engine and answers the content
// scripts through the one message contract (shared/messages.js). Listeners are registered
// synchronously at start; the engine loads lazily behind a promise, and is rebuilt after
// the browser stops and restarts the worker. Every message gets {data} or {error}.
import '../shared/messages.js';
import { load } from '../engine/fakelens.mjs';
import { damagedSettings, readSettings, validEndpoint, writeSettings } from './settings.js';
import { deleteReport, importReports, readAll, recordSeen, saveReport, sellersFor, updateReport } from './store.js';
import { flushQueue, SEND_ALARM } from './sender.js';
import { fillReportLink, historyOf, listingKeyOf, sellerKeyOf } from '../shared/records.js';
import { grantedOrigins, syncGrantedSites } from './granted_sites.js';

const M = globalThis.FakeLensMessages;
let enginePromise = null;
let adaptersPromise = null;

let customPackError = null;

// The engine, with the shopper's custom pack when one is stored and still valid.
function engine() {
  enginePromise ??= load({ locateFile: (name) => chrome.runtime.getURL(`engine/${name}`) })
    .then(async (loaded) => {
      const { customPack } = await readSettings();
      if (customPack) {
        const result = loaded.loadRules(customPack);
        customPackError = result.error ?? null;  // the built-in pack stays active on error
      }
      return loaded;
    })
    .catch((error) => {
      enginePromise = null;  // let the next message try again
      throw error;
    });
  return enginePromise;
}

function adapters() {
  adaptersPromise ??= fetch(chrome.runtime.getURL('sites/adapters.json'))
    .then((response) => response.json())
    .then((data) => (data.schemaVersion === 1 && Array.isArray(data.adapters) ? data.adapters : []))
    .catch((error) => {
      adaptersPromise = null;
      throw error;
    });
  return adaptersPromise;
}

const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

// Checks a listing from a content script before it reaches the engine (which checks it
// again, fully): bounded size, a string title.
function validListing(listing) {
  return isPlainObject(listing) && typeof listing.title === 'string' && listing.title.length > 0 &&
    listing.title.length <= M.MAX_TEXT_LENGTH &&
    (listing.description === undefined || (typeof listing.description === 'string' && listing.description.length <= M.MAX_TEXT_LENGTH));
}

// The toolbar shows how many listings on the tab's page are `high`; the popup lists the
// flagged ones. Both live in session storage, so a restarted worker keeps adding to them.
const MAX_FLAGGED = 100;
async function recordTab(tabId, listings, verdicts, documentId) {
  const key = `tab:${tabId}`;
  const stored = (await chrome.storage.session.get(key))[key];
  const same = stored?.documentId === documentId;
  const flagged = same ? stored.flagged : [];
  verdicts.forEach((verdict, index) => {
    if ((verdict.level === 'high' || verdict.level === 'medium') && flagged.length < MAX_FLAGGED) {
      flagged.push({ title: listings[index].title.slice(0, 200), level: verdict.level, score: verdict.score });
    }
  });
  const count = (same ? stored.count : 0) + verdicts.filter((v) => v.level === 'high').length;
  await chrome.storage.session.set({ [key]: { documentId, count, flagged } });
  await chrome.action.setBadgeBackgroundColor({ tabId, color: '#b42318' });
  await chrome.action.setBadgeText({ tabId, text: count > 0 ? String(Math.min(count, 999)) : '' });
}

function error(code, message) {
  return { error: { code, message } };
}

// The shopper's record of each listing's seller goes into the listing as seller.history
// (never taken from the page: whatever a content script sent there is replaced).
async function withSellerHistory(listings, sender) {
  const fallback = sender.url ? new URL(sender.url).hostname : undefined;
  const prepared = listings.map((listing) => {
    const copy = { ...listing };
    if (isPlainObject(copy.seller)) {
      copy.seller = { ...copy.seller };
      delete copy.seller.history;
    }
    return { listing: copy, sellerKey: sellerKeyOf(copy, fallback) };
  });
  const keys = [...new Set(prepared.map((p) => p.sellerKey).filter(Boolean))];
  if (keys.length === 0) return prepared;
  const sellers = await sellersFor(keys).catch(() => new Map());
  const now = new Date().toISOString();
  for (const p of prepared) {
    const seller = p.sellerKey && sellers.get(p.sellerKey);
    if (seller) p.listing.seller.history = historyOf(seller, now);
  }
  return prepared;
}

const UI_TYPES = new Set([M.GET_TAB_SUMMARY, M.GET_SETTINGS, M.SET_SETTINGS, M.SET_CUSTOM_PACK, M.LIST_REPORTS, M.IMPORT_REPORTS, M.SEND_REPORTS]);
// Report messages come from both: content scripts (the badge) and the reports page.
const REPORT_TYPES = new Set([M.REPORT_LISTING, M.UPDATE_REPORT, M.DELETE_REPORT]);

// Extension pages (popup, options) have this extension's origin; content scripts run in
// marketplace pages. UI messages are refused from anything but the extension's own pages.
function fromExtensionPage(sender) {
  return typeof sender?.url === 'string' && sender.url.startsWith(chrome.runtime.getURL(''));
}

async function handleUi(message) {
  switch (message.type) {
    case M.GET_TAB_SUMMARY: {
      if (!Number.isInteger(message.tabId)) return error('bad_message', 'tabId must be a whole number');
      const stored = (await chrome.storage.session.get(`tab:${message.tabId}`))[`tab:${message.tabId}`];
      return { data: { count: stored?.count ?? 0, flagged: stored?.flagged ?? [] } };
    }
    case M.GET_SETTINGS: {
      const settings = await readSettings();
      let rules = null;
      try {
        rules = (await engine()).rules().rules ?? null;
      } catch {
        rules = null;
      }
      const sites = (await adapters()).map((a) => ({ id: a.id, hosts: a.hosts }));
      const grantedSites = await grantedOrigins();
      const damaged = await damagedSettings();
      return { data: { settings: { ...settings, customPack: settings.customPack ? true : null }, rules, sites, grantedSites, customPackError,
        damagedSettingsAt: damaged?.keptAt ?? null } };
    }
    case M.SET_SETTINGS: {
      const settings = await readSettings();
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
          return error('bad_message', 'the endpoint must be an https:// address (or http:// on this machine), or empty');
        }
        settings.endpoint = message.endpoint;
      }
      return { data: { settings: await writeSettings(settings) } };
    }
    case M.SET_CUSTOM_PACK: {
      const text = message.packText;
      if (text !== null && (typeof text !== 'string' || text.length > 16 * 1024 * 1024)) {
        return error('bad_message', 'packText must be the pack as text (16 MiB at most), or null');
      }
      const scorer = await engine();
      const settings = await readSettings();
      if (text === null) {
        enginePromise = null;  // a fresh engine starts with the built-in pack
        settings.customPack = null;
        customPackError = null;
        await writeSettings(settings);
        return { data: { rules: (await engine()).rules().rules } };
      }
      const result = scorer.loadRules(text);
      if (result.error) return result;  // the old pack stays active, and stored
      settings.customPack = text;
      customPackError = null;
      await writeSettings(settings);
      return { data: { rules: result.rules } };
    }
    case M.LIST_REPORTS: {
      const { reports, sellers, damaged } = await readAll();
      const now = new Date().toISOString();
      let scorer = null;
      try {
        scorer = await engine();
      } catch {
        scorer = null;  // the list still shows; credits need the engine
      }
      const records = sellers.map((seller) => ({
        key: seller.key, marketplace: seller.marketplace, name: seller.name,
        record: scorer ? scorer.sellerRecord(historyOf(seller, now)).record ?? null : null,
      }));
      const links = Object.fromEntries((await adapters()).map((a) => [a.id, a.reportLink]));
      const reportLinks = Object.fromEntries(reports.map((r) => [r.id, links[r.listing.marketplace] ? fillReportLink(links[r.listing.marketplace], r.listing) : null]));
      return { data: { reports, sellers: records, damaged, reportLinks } };
    }
    case M.IMPORT_REPORTS: {
      if (!Array.isArray(message.reports) || message.reports.length > 100000) return error('bad_message', 'reports must be an array');
      try {
        return { data: await importReports(message.reports, (listing) => sellerKeyOf(listing)) };
      } catch (cause) {
        return error(cause?.code ?? 'internal', String(cause?.message ?? cause));
      }
    }
    case M.SEND_REPORTS: {
      const { endpoint } = await readSettings();
      if (!endpoint) return error('no_endpoint', 'no endpoint is set: reports stay on this device');
      return { data: await flushQueue(endpoint, { force: true }) };
    }
    default:
      return error('unknown_type', 'unknown message type');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Reporting: one click stores the listing and the verdict as shown. Content scripts may undo
// (delete) their own report for a minute and add a reason or note for ten; pages any time.
async function handleReport(message, sender) {
  const fromPage = fromExtensionPage(sender);
  if (typeof message.id === 'string' && !UUID.test(message.id)) return error('bad_message', 'id must be a UUID');
  switch (message.type) {
    case M.REPORT_LISTING: {
      const input = message.report;
      if (!isPlainObject(input) || typeof input.id !== 'string' || !UUID.test(input.id)) return error('bad_message', 'report.id must be a UUID');
      if (!validListing(input.listing)) return error('bad_message', 'report.listing must be a listing with a title and bounded text');
      if (!isPlainObject(input.verdict) || JSON.stringify(input.verdict).length > 200000) return error('bad_message', 'report.verdict must be the verdict shown');
      const listing = { ...input.listing };
      if (!listing.marketplace && sender.url) listing.marketplace = new URL(sender.url).hostname;
      const { endpoint } = await readSettings();
      const report = { id: input.id, createdAt: new Date().toISOString(), listing, verdict: input.verdict, status: 'saved' };
      if (endpoint) report.delivery = { attempts: 0, nextAttemptAt: 0 };
      const result = await saveReport(report, sellerKeyOf(listing));
      if (endpoint && !result.duplicate) flushQueue(endpoint).catch(() => {});
      return { data: { report: result.report } };
    }
    case M.UPDATE_REPORT: {
      const change = {};
      if (message.reason !== undefined) {
        if (!M.REASONS.includes(message.reason)) return error('bad_message', `reason must be one of ${M.REASONS.join(', ')}`);
        change.reason = message.reason;
      }
      if (message.note !== undefined) {
        if (typeof message.note !== 'string' || message.note.length > 2000) return error('bad_message', 'note must be text of at most 2000 characters');
        change.note = message.note;
      }
      if (!fromPage && !(await recentReport(message.id, 10 * 60 * 1000))) return error('forbidden', 'a page may add details only to a report it just made');
      return { data: { report: await updateReport(message.id, change) } };
    }
    case M.DELETE_REPORT: {
      if (!fromPage && !(await recentReport(message.id, 60 * 1000))) return error('forbidden', 'a page may only undo a report it just made');
      return { data: { deleted: await deleteReport(message.id, (listing) => sellerKeyOf(listing)) } };
    }
    default:
      return error('unknown_type', 'unknown message type');
  }
}

async function recentReport(id, withinMs) {
  const stored = (await chrome.storage.local.get(`report:${id}`))[`report:${id}`];
  return Boolean(stored) && Date.now() - Date.parse(stored.createdAt) <= withinMs;
}

async function handle(message, sender) {
  if (sender?.id !== chrome.runtime.id) return error('forbidden', 'messages are accepted only from FakeLens itself');
  if (!isPlainObject(message) || typeof message.type !== 'string') return error('bad_message', 'a message is an object with a type');
  if (REPORT_TYPES.has(message.type)) {
    if (!fromExtensionPage(sender) && !sender.tab) return error('forbidden', 'reports come from pages or FakeLens pages');
    return handleReport(message, sender).catch((cause) => error(cause?.code ?? 'internal', String(cause?.message ?? cause)));
  }
  if (UI_TYPES.has(message.type)) {
    return fromExtensionPage(sender) ? handleUi(message) : error('forbidden', 'settings are changed only from FakeLens pages');
  }
  // Everything else comes from content scripts in pages, never from extension pages.
  if (fromExtensionPage(sender)) return error('forbidden', 'page messages come from pages');
  switch (message.type) {
    case M.GET_SITE_ADAPTER: {
      if (typeof message.host !== 'string' || message.host.length > 255) return error('bad_message', 'host must be a host name');
      const host = message.host.toLowerCase();
      const adapter = (await adapters()).find((a) => a.hosts.some((suffix) => host === suffix || host.endsWith(`.${suffix}`)));
      const settings = await readSettings();
      return { data: { adapter: adapter ?? null, enabled: !adapter || !settings.disabledSites.includes(adapter.id), sensitivity: settings.sensitivity } };
    }
    case M.SCORE_LISTINGS: {
      if (!sender.tab) return error('forbidden', 'listings come from pages');
      const { listings } = message;
      if (!Array.isArray(listings) || listings.length > M.MAX_LISTINGS_PER_MESSAGE) {
        return error('bad_message', `listings must be an array of at most ${M.MAX_LISTINGS_PER_MESSAGE}`);
      }
      if (!listings.every(validListing)) return error('bad_message', 'every listing needs a title and bounded text');
      let scorer;
      try {
        scorer = await engine();
      } catch (cause) {
        return error('engine_unavailable', `the scoring engine could not load: ${cause?.message ?? cause}`);
      }
      const prepared = await withSellerHistory(listings, sender);
      const verdicts = scorer.scoreBatch(prepared.map((p) => p.listing));
      recordSeen(prepared.filter((p) => p.sellerKey).map((p) => ({
        sellerKey: p.sellerKey, listingKey: listingKeyOf(p.listing), listing: p.listing,
        high: verdicts[prepared.indexOf(p)]?.level === 'high', official: p.listing.seller?.official === true,
      })), new Date().toISOString().slice(0, 10)).catch(() => {});
      await recordTab(sender.tab.id, listings, verdicts, sender.documentId ?? sender.url ?? '').catch(() => {});
      return { data: { verdicts } };
    }
    default:
      return error('unknown_type', `unknown message type ${String(message.type).slice(0, 80)}`);
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  handle(message, sender).then(sendResponse, (cause) => sendResponse(error('internal', String(cause?.message ?? cause))));
  return true;  // the reply comes asynchronously
});

// Granted sites: registered again whenever the shopper adds or removes one, and at start.
const resync = () => syncGrantedSites().catch((cause) => console.warn('FakeLens: granted sites', cause));
chrome.permissions.onAdded.addListener(resync);
chrome.permissions.onRemoved.addListener(resync);
chrome.runtime.onInstalled.addListener(resync);
chrome.runtime.onStartup.addListener(resync);

// Reports waiting to be sent are retried on an alarm, which outlives the worker.
chrome.alarms.onAlarm.addListener(async (alarm) => {
  if (alarm.name !== SEND_ALARM) return;
  const { endpoint } = await readSettings();
  if (endpoint) await flushQueue(endpoint).catch(() => {});
  else await chrome.alarms.clear(SEND_ALARM);
});

// "Report this listing" on the page's context menu, for listings without a badge too.
const MENU_ID = 'fakelens-report-listing';
chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({ id: MENU_ID, title: 'Report this listing to FakeLens', contexts: ['page', 'link', 'image', 'selection'] }, () => void chrome.runtime.lastError);
});
chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId !== MENU_ID || !tab?.id) return;
  chrome.tabs.sendMessage(tab.id, { type: M.REPORT_CONTEXT_TARGET }, { frameId: info.frameId ?? 0 }, () => void chrome.runtime.lastError);
});
