// Handlers of the messages content scripts send (FakeLensMessages.GROUPS.fromContentScripts).
// The dispatcher has checked that the sender is a content script in a tab. A content script
// reads a page the page controls: what it sends is bounded and checked, and what a message
// claims (a listing's level, how many were seen) is never taken on trust.
import '../../shared/messages.js';
import { recordSightings, scoreWithSellerHistory } from '../../shared/scoring.js';
import { adapterForHost, engine } from '../engine.js';
import { readSettings } from '../settings.js';
import { recordSeen, sellersFor } from '../store.js';
import { recordTab, withPageSightings } from '../tabs.js';
import { UUID, error, listingsProblem } from '../replies.js';

const M = globalThis.FakeLensMessages;
// As long as a content script may add details to a report it made (handlers/from_either.js).
const DETAILS_WITHIN_MS = 10 * 60 * 1000;

const pageHost = (sender) => (sender.url ? new URL(sender.url).hostname : undefined);
// One page is one document: a reload starts a new tally of sightings and a new toolbar count.
const documentOf = (sender) => sender.documentId ?? sender.url ?? '';

async function loadedEngine() {
  try {
    return { scorer: await engine() };
  } catch (cause) {
    return error('engine_unavailable', `the scoring engine could not load: ${cause?.message ?? cause}`);
  }
}

export const fromContentScripts = {
  async [M.GET_SITE_ADAPTER](message) {
    if (typeof message.host !== 'string' || message.host.length > 255) return error('bad_message', 'host must be a host name');
    const adapter = await adapterForHost(message.host);
    const settings = await readSettings();
    return { data: { adapter, enabled: !adapter || !settings.disabledSites.includes(adapter.id), sensitivity: settings.sensitivity } };
  },

  async [M.SCORE_LISTINGS](message, sender) {
    const { listings } = message;
    const refused = listingsProblem(listings, M.MAX_LISTINGS_PER_MESSAGE);
    if (refused) return refused;
    const loaded = await loadedEngine();
    if (loaded.error) return loaded;
    const verdicts = await scoreWithSellerHistory(loaded.scorer, listings, {
      sellers: { recordsFor: sellersFor },
      fallbackMarketplace: pageHost(sender),
    });
    await recordTab(sender.tab.id, listings, verdicts, documentOf(sender)).catch(() => {});
    return { data: { verdicts } };
  },

  // Listings the content script found the shopper could see. The caps per seller per page
  // (per tab and document) and per seller per day (a page can reload itself) are kept here,
  // and each listing is scored again for its level.
  async [M.LISTINGS_SEEN](message, sender) {
    const { listings } = message;
    const refused = listingsProblem(listings, M.MAX_SEEN_PER_MESSAGE);
    if (refused) return refused;
    const loaded = await loadedEngine();
    if (loaded.error) return loaded;
    const now = new Date().toISOString();
    const counted = await withPageSightings(sender.tab.id, documentOf(sender), now.slice(0, 10), (page, today) => recordSightings(loaded.scorer, listings, {
      sellers: { recordsFor: sellersFor, recordSeen },
      page,
      today,
      now,
      fallbackMarketplace: pageHost(sender),
    }));
    return { data: { counted } };
  },

  // The reason and the note are typed in FakeLens's own window, not in the page: keys typed
  // in a page reach the page's listeners, whatever FakeLens does.
  async [M.OPEN_REPORT_DETAILS](message) {
    if (typeof message.id !== 'string' || !UUID.test(message.id)) return error('bad_message', 'id must be a UUID');
    const key = `report:${message.id}`;
    const stored = (await chrome.storage.local.get(key))[key];
    if (!stored || !(Date.now() - Date.parse(stored.createdAt) <= DETAILS_WITHIN_MS)) {
      return error('forbidden', 'a page may open details only of a report it just made');
    }
    const url = chrome.runtime.getURL(`ui/report_details.html?id=${message.id}`);
    try {
      await chrome.windows.create({ url, type: 'popup', width: 460, height: 440, focused: true });
    } catch {
      await chrome.tabs.create({ url });  // no windows API (Firefox for Android)
    }
    return { data: { opened: true } };
  },
};
