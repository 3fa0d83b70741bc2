// The background service worker: hosts the WebAssembly engine (engine.js) and answers the
// extension's other parts through the one message contract (shared/messages.js), whose
// groups decide who may send what (dispatch.js); one handler module per group. Listeners are
// registered synchronously at start; every message gets {data} or {error}.
import '../shared/messages.js';
import { createDispatcher } from './dispatch.js';
import { fromContentScripts } from './handlers/from_content_scripts.js';
import { fromEither } from './handlers/from_either.js';
import { fromExtensionPages } from './handlers/from_extension_pages.js';
import { syncGrantedSites } from './granted_sites.js';
import { errorFrom } from './replies.js';
import { flushQueue, SEND_ALARM } from './sender.js';
import { readSettings } from './settings.js';
import { forgetTab } from './tabs.js';

const M = globalThis.FakeLensMessages;
const dispatch = createDispatcher({ fromContentScripts, fromExtensionPages, fromEither });

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  dispatch(message, sender).then(sendResponse, (cause) => sendResponse(errorFrom(cause)));
  return true;  // the reply comes asynchronously
});

// A closed tab's toolbar count and flagged list go with it.
chrome.tabs.onRemoved.addListener((tabId) => {
  forgetTab(tabId).catch(() => {});
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
