// What the toolbar and the popup show for a tab: how many listings on its page are `high`
// (the badge) and the flagged ones (the popup). Kept in session storage under tab:<id>, so a
// restarted worker keeps adding to them, and removed when the tab closes. They come from the
// worker's own verdicts, so a page that deletes or hides FakeLens's badges changes neither.
// Also per tab: the listings of its page already counted as seen (seen:<id>), which caps
// the sightings one page can add to a seller's record, and (seen-today) those of the day.
const MAX_FLAGGED = 100;
const keyOf = (tabId) => `tab:${tabId}`;

// Each tab's updates run one after another (two batches of one page must both count), and a
// tab that has closed is not written again by an answer still on its way.
const pendingWrites = new Map();
const closedTabs = new Set();

export function recordTab(tabId, listings, verdicts, documentId) {
  const previous = pendingWrites.get(tabId) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(() => writeTab(tabId, listings, verdicts, documentId));
  pendingWrites.set(tabId, next);
  next.finally(() => { if (pendingWrites.get(tabId) === next) pendingWrites.delete(tabId); }).catch(() => {});
  return next;
}

async function writeTab(tabId, listings, verdicts, documentId) {
  if (closedTabs.has(tabId)) return;
  const key = keyOf(tabId);
  const stored = (await chrome.storage.session.get(key))[key];
  const same = stored?.documentId === documentId;
  const flagged = same ? stored.flagged : [];
  verdicts.forEach((verdict, index) => {
    if ((verdict.level === 'high' || verdict.level === 'medium') && flagged.length < MAX_FLAGGED) {
      flagged.push({ title: listings[index].title.slice(0, 200), level: verdict.level, score: verdict.score });
    }
  });
  const count = (same ? stored.count : 0) + verdicts.filter((v) => v.level === 'high').length;
  if (closedTabs.has(tabId)) return;  // closed while we read
  await chrome.storage.session.set({ [key]: { documentId, count, flagged } });
  if (closedTabs.has(tabId)) {
    await chrome.storage.session.remove(key);  // closed while we wrote
    return;
  }
  await chrome.action.setBadgeBackgroundColor({ tabId, color: '#b42318' });
  await chrome.action.setBadgeText({ tabId, text: count > 0 ? String(Math.min(count, 999)) : '' });
}

const seenKeyOf = (tabId) => `seen:${tabId}`;
const SEEN_TODAY_KEY = 'seen-today';
let sightingsQueue = Promise.resolve();

/**
 * Runs `change(page, today)` with this tab's page tally of sightings ({sellerKey:
 * [listingKey]}, empty for a new document) and the day's tally over all pages ({sellerKey:
 * count}, empty on a new day), and stores what it leaves. One change at a time, so two
 * messages cannot both pass a cap. Resolves to change's result.
 */
export function withPageSightings(tabId, documentId, day, change) {
  const next = sightingsQueue.then(async () => {
    if (closedTabs.has(tabId)) return 0;
    const key = seenKeyOf(tabId);
    const stored = await chrome.storage.session.get([key, SEEN_TODAY_KEY]);
    const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
    const page = stored[key]?.documentId === documentId && isObject(stored[key].page) ? stored[key].page : {};
    const today = stored[SEEN_TODAY_KEY]?.day === day && isObject(stored[SEEN_TODAY_KEY].sellers) ? stored[SEEN_TODAY_KEY].sellers : {};
    const result = await change(page, today);
    await chrome.storage.session.set({ [SEEN_TODAY_KEY]: { day, sellers: today }, ...(closedTabs.has(tabId) ? {} : { [key]: { documentId, page } }) });
    if (closedTabs.has(tabId)) await chrome.storage.session.remove(key);  // closed while we wrote
    return result;
  });
  sightingsQueue = next.catch(() => {});
  return next;
}

/** {count, flagged} for the popup. */
export async function tabSummary(tabId) {
  const stored = (await chrome.storage.session.get(keyOf(tabId)))[keyOf(tabId)];
  return { count: stored?.count ?? 0, flagged: stored?.flagged ?? [] };
}

export function forgetTab(tabId) {
  closedTabs.add(tabId);  // tab ids are not reused within a browser session
  return chrome.storage.session.remove([keyOf(tabId), seenKeyOf(tabId)]);
}
