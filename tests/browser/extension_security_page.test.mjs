// What a marketplace page can do to FakeLens, with the built extension in real headless
// Chromium: write seller records by showing listings nobody sees, listen to the shopper typing
// a report note, read the shopper's private seller history off the page, redirect a
// context-menu report with a forged event, and delete the badges.
//
// The listings come from Etsy-shaped pages: Etsy's search adapter reads each card's shop
// name (eBay's reads no seller on search pages), and only listings with a seller have a
// seller record.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickInBadge, countInBadge, eventually, launchWithExtension, sendFromContentScript } from '../support/extension.mjs';

const card = ({ id, title, seller, style = '', url = `https://www.etsy.com/listing/${id.replace(/\W/g, '')}/item` }) => `<li style="${style}"><div class="v2-listing-card" data-listing-id="${id}">
  <a class="listing-link" href="${url}"><h3 class="v2-listing-card__title">${title}</h3></a>
  <div class="v2-listing-card__shop"><p class="wt-text-caption" data-shop-name>${seller}</p></div>
  <p class="lc-price">$25.00</p></div></li>`;
const page = (cards, script = '', head = '') => ({
  body: `<!doctype html><html><head><meta charset="utf-8"><title>shop</title><style>body{margin:8px;font:14px sans-serif} ol{position:relative;margin:0;padding:0} li{list-style:none;margin:0;padding:2px;background:#fff} h3{margin:0;font-size:14px}</style>${head}</head>`
    + `<body><ol id="results">${cards.join('')}</ol><script>${script}</script></body></html>`,
});

// The smear: one honest listing of RivalShop, in view, on top of 60 replica listings of
// RivalShop that no shopper could see: hidden six ways, pushed off the page, or stacked
// beneath the honest card.
const HIDDEN_WAYS = [
  'display:none', 'visibility:hidden', 'opacity:0', 'width:0;height:0;overflow:hidden;padding:0',
  'position:absolute;left:-10000px;top:0', 'position:absolute;top:0;left:0;clip-path:inset(50%)',
  'position:absolute;top:4000px;left:0', 'transform:scale(0)', 'position:absolute;top:0;left:0;width:1px;height:1px;overflow:hidden',
];
const smearCards = [card({ id: 'honest', title: 'Leather tote bag, brown', seller: 'RivalShop', style: 'position:relative;z-index:2' })];
for (let i = 0; i < 60; i += 1) {
  const style = i < 45 ? HIDDEN_WAYS[i % HIDDEN_WAYS.length] : 'position:absolute;top:0;left:0;z-index:1;width:600px';
  smearCards.push(card({ id: `replica-${i}`, title: `AAA Replica Designer Tote Bag 1:1 #${i}`, seller: 'RivalShop', style }));
}
const visibleCards = Array.from({ length: 8 }, (_, i) => card({ id: `seen-${i}`, title: `AAA Replica Designer Tote Bag seen ${i}`, seller: 'SeenShop' }));

const neutral = 'Leather tote bag, brown';
const probeCards = [
  card({ id: 'probe-none', title: neutral, seller: 'ProbeNone' }),
  card({ id: 'probe-one', title: neutral, seller: 'ProbeOne' }),
  card({ id: 'probe-two', title: neutral, seller: 'ProbeTwo' }),
  card({ id: 'probe-six', title: neutral, seller: 'ProbeSix' }),
];

// Every keyboard, input, focus and composition event the page can hear, at the earliest
// place it can listen: capture phase on window, and on document.
const EAVESDROP = `window.heard = [];
for (const type of ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'change', 'focus', 'blur', 'focusin', 'focusout',
  'compositionstart', 'compositionupdate', 'compositionend', 'select', 'selectionchange', 'paste', 'copy']) {
  for (const target of [window, document]) {
    target.addEventListener(type, (event) => window.heard.push(type + ' ' + (event.key ?? '') + ' ' + (event.target?.nodeName ?? event.target)), true);
  }
}`;

const FORGE_CONTEXT = `document.addEventListener('contextmenu', (event) => {
  if (!event.isTrusted) return;
  // Right after the shopper's right-click, point FakeLens at another listing.
  setTimeout(() => document.querySelector('[data-listing-id="ctx-1"] h3').dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, composed: true, cancelable: true })), 0);
});`;

// Three fresh, visible replica listings of one rival each load, and a reload a moment later.
const RELOADING = `const list = document.getElementById('results');
for (let i = 0; i < 3; i += 1) {
  const id = Math.random().toString(36).slice(2);
  list.insertAdjacentHTML('beforeend', '<li><div class="v2-listing-card" data-listing-id="r' + i + '"><a class="listing-link" href="https://www.etsy.com/listing/' + id + '/x">'
    + '<h3 class="v2-listing-card__title">AAA Replica Designer Tote Bag ' + id + '</h3></a><div class="v2-listing-card__shop"><p class="wt-text-caption" data-shop-name>ReloadRival</p></div></div></li>');
}
window.loads = Number(sessionStorage.getItem('loads') ?? 0) + 1;
sessionStorage.setItem('loads', String(window.loads));
if (window.loads < 12) setTimeout(() => location.reload(), 1500);`;

const REMOVE_FOREVER = `window.badgesAdded = 0;
new MutationObserver((mutations) => {
  for (const m of mutations) for (const node of m.addedNodes) if (node.nodeName === 'FAKELENS-BADGE') { window.badgesAdded += 1; node.remove(); }
}).observe(document.documentElement, { childList: true, subtree: true });`;

const urls = {
  smear: 'https://www.etsy.com/search?q=smear',
  seen: 'https://www.etsy.com/search?q=seen',
  probe: 'https://www.etsy.com/search?q=probe',
  note: 'https://www.etsy.com/search?q=note',
  context: 'https://www.etsy.com/search?q=context',
  removeOnce: 'https://www.etsy.com/search?q=remove-once',
  removeForever: 'https://www.etsy.com/search?q=remove-forever',
  reloading: 'https://www.etsy.com/search?q=reloading',
};

let browser;
before(async () => {
  browser = await launchWithExtension();
  await browser.serve({
    [urls.smear]: page(smearCards),
    [urls.seen]: page(visibleCards),
    [urls.probe]: page(probeCards),
    [urls.note]: page([card({ id: 'note-0', title: 'AAA Replica Designer Tote Bag note', seller: 'NoteShop' })], EAVESDROP),
    [urls.context]: page([0, 1].map((i) => card({ id: `ctx-${i}`, title: `AAA Replica Designer Tote Bag ctx ${i}`, seller: `CtxShop${i}` })), FORGE_CONTEXT),
    [urls.removeOnce]: page(Array.from({ length: 20 }, (_, i) => card({ id: `once-${i}`, title: `AAA Replica Designer Tote Bag once ${i}`, seller: 'OnceShop' }))),
    [urls.reloading]: page([], RELOADING),
    [urls.removeForever]: page(Array.from({ length: 20 }, (_, i) => card({ id: `ever-${i}`, title: `AAA Replica Designer Tote Bag ever ${i}`, seller: 'EverShop' })), REMOVE_FOREVER),
  });
});
after(async () => browser?.close());

const sellerRecord = (key) => browser.worker.evaluate(async (k) => (await chrome.storage.local.get(`seller:${k}`))[`seller:${k}`] ?? null, key);
const totals = (record) => Object.values(record?.days ?? {}).reduce((sum, day) => ({ seen: sum.seen + (day.seen ?? 0), seenHigh: sum.seenHigh + (day.seenHigh ?? 0) }), { seen: 0, seenHigh: 0 });

async function open(url, count) {
  const tab = await browser.context.newPage();
  await tab.goto(url);
  await tab.waitForFunction((n) => document.querySelectorAll('[data-fakelens-level]').length === n, count, { timeout: 15000 });
  return tab;
}

const tabIdOf = (tab) => browser.tabIdOf(tab);

test('listings the shopper could not see do not count on their seller: a rival stays clean after reloads', async () => {
  const tab = await open(urls.smear, 61);
  for (let reload = 0; reload < 3; reload += 1) {
    await new Promise((resolve) => setTimeout(resolve, 2500));  // longer than any dwell and send delay
    await tab.reload();
    await tab.waitForFunction(() => document.querySelectorAll('[data-fakelens-level]').length === 61, null, { timeout: 15000 });
  }
  assert.equal(await tab.getAttribute('[data-listing-id="honest"]', 'data-fakelens-level'), 'low');
  assert.equal(await tab.locator('[data-listing-id="honest"] fakelens-badge').count(), 0);
  const record = await sellerRecord('etsy|name:rivalshop');
  // The honest listing, in view, is the one counted.
  assert.deepEqual(totals(record), { seen: 1, seenHigh: 0 }, JSON.stringify(record));
  await tab.close();
});

test('listings in view do count, a few per seller per page, and once each across reloads', async () => {
  const tab = await open(urls.seen, 8);
  const counted = await eventually(async () => totals(await sellerRecord('etsy|name:seenshop')).seen >= 3, 8000);
  assert.ok(counted, 'visible listings were counted');
  await new Promise((resolve) => setTimeout(resolve, 2000));
  assert.deepEqual(totals(await sellerRecord('etsy|name:seenshop')), { seen: 3, seenHigh: 3 });
  // Reloaded, the page shows the same listings: they are on the record already.
  await tab.reload();
  await tab.waitForFunction(() => document.querySelectorAll('[data-fakelens-level]').length === 8);
  await new Promise((resolve) => setTimeout(resolve, 2500));
  assert.deepEqual(totals(await sellerRecord('etsy|name:seenshop')), { seen: 3, seenHigh: 3 });
  await tab.close();
});

test('a page reloading itself to show fresh replicas adds only a day\'s few sightings to the rival', async () => {
  const tab = await browser.context.newPage();
  await tab.goto(urls.reloading);
  const done = await eventually(() => tab.evaluate(() => window.loads === 12 && document.querySelectorAll('[data-fakelens-level]').length === 3).catch(() => false), 40000);
  assert.ok(done, 'the page reloaded itself twelve times');
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const { seen } = totals(await sellerRecord('etsy|name:reloadrival'));
  assert.ok(seen >= 3, `visible listings were counted (${seen})`);
  assert.ok(seen <= 10, `at most ten a day (${seen})`);
  await tab.close();
});

test('the worker caps sightings per seller per page itself, whatever a content script claims', async () => {
  const tab = await open(urls.seen, 8);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  // A content script that lies (as a compromised renderer could): 40 listings of one seller,
  // never shown, sent as seen. Run in the content scripts' world of this tab.
  const reply = await sendFromContentScript(tab, {
    type: 'fakelens:listings-seen',
    listings: Array.from({ length: 40 }, (_, i) => ({ title: `AAA Replica Designer Tote Bag forged ${i}`, marketplace: 'etsy', seller: { name: 'ForgedShop' }, url: `https://www.etsy.com/listing/f${i}/x` })),
  });
  assert.ok(reply && !reply.error, JSON.stringify(reply));
  assert.ok(totals(await sellerRecord('etsy|name:forgedshop')).seen <= 3, 'at most a few per seller per page');
  await tab.close();
});

test('no keystroke, input, focus or composition event of the report note reaches the page', async () => {
  const tab = await open(urls.note, 1);
  const host = '[data-listing-id="note-0"] fakelens-badge';
  await clickInBadge(tab, host, 'button');
  await clickInBadge(tab, host, '.report-button');
  await eventually(async () => (await countInBadge(tab, host, '.undo')) === 1);
  const secret = 'my secret note';
  if (await countInBadge(tab, host, '.report input')) {
    // A note field in the page itself: typed into as the shopper would.
    await clickInBadge(tab, host, '.report input');
    await tab.keyboard.type(secret);
  } else {
    const [details] = await Promise.all([browser.context.waitForEvent('page'), clickInBadge(tab, host, '.details')]);
    await details.waitForLoadState();
    await details.waitForSelector('#note');
    await details.selectOption('#reason', 'counterfeit');
    await details.click('#note');
    await details.keyboard.type(secret);
    await details.click('#save');
    await details.waitForFunction(() => /Saved/.test(document.getElementById('status').textContent));
    const reports = await details.evaluate(() => chrome.runtime.sendMessage({ type: 'fakelens:list-reports' }));
    const saved = reports.data.reports.find((r) => r.listing.seller?.name === 'NoteShop');
    assert.equal(saved.note, secret);
    assert.equal(saved.reason, 'counterfeit');
    await details.close();
  }
  const heard = await tab.evaluate(() => window.heard);
  // The page may notice its window losing focus to FakeLens's window; nothing from FakeLens's UI.
  const fromFakeLens = heard.filter((entry) => !/^(blur|focus) +\[object Window\]$/.test(entry) && !/^(blur|focus) +#document$/.test(entry));
  assert.deepEqual(fromFakeLens, []);
  await tab.close();
});

test("the page reads nothing finer than the level from the shopper's seller records", async () => {
  const day = new Date().toISOString().slice(0, 10);
  await browser.worker.evaluate(async ({ today }) => {
    const seller = (name, reports) => ({ key: `etsy|name:${name}`, marketplace: 'etsy', name, official: false, days: { [today]: { report: reports } }, seenListings: [] });
    await chrome.storage.local.set({ 'seller:etsy|name:probeone': seller('probeone', 1), 'seller:etsy|name:probetwo': seller('probetwo', 2), 'seller:etsy|name:probesix': seller('probesix', 6) });
  }, { today: day });
  const tab = await open(urls.probe, 4);
  await tab.waitForFunction(() => document.querySelectorAll('fakelens-badge').length === 2);
  // What FakeLens adds that the page can read: its attributes, the badge's and highlights'
  // boxes (the page measures them), and what is written in the light DOM.
  const snapshot = (id) => tab.$eval(`[data-listing-id="${id}"]`, (li) => [li, ...li.querySelectorAll('*')].map((e) => {
    const ours = e.nodeName === 'FAKELENS-BADGE' || e.nodeName === 'MARK';
    const box = ours ? e.getBoundingClientRect() : null;
    return [e.nodeName, [...e.attributes].filter((a) => a.name.startsWith('data-fakelens') || ours).map((a) => `${a.name}=${a.value}`).join(' '),
      ours ? e.textContent : '', box?.width, box?.height];
  }));
  const levels = await tab.$$eval('[data-listing-id]', (items) => items.map((i) => i.dataset.fakelensLevel));
  assert.deepEqual(levels, ['low', 'low', 'medium', 'medium'], 'the levels do follow the shopper\'s records');
  assert.deepEqual(await snapshot('probe-one'), await snapshot('probe-none'), 'two low listings look the same');
  assert.deepEqual(await snapshot('probe-six'), await snapshot('probe-two'), 'two medium listings look the same');
  assert.equal(await tab.locator('[data-fakelens-score]').count(), 0);
  await tab.close();
});

test('a forged contextmenu event cannot point a context-menu report at another listing', async () => {
  const tab = await open(urls.context, 2);
  await tab.locator('[data-listing-id="ctx-0"] h3').click({ button: 'right' });
  await new Promise((resolve) => setTimeout(resolve, 300));  // the page's forged event has fired
  const tabId = await tabIdOf(tab);
  const reply = await browser.worker.evaluate((id) => new Promise((resolve) => {
    chrome.tabs.sendMessage(id, { type: 'fakelens:report-context-target' }, { frameId: 0 }, resolve);
  }), tabId);
  assert.equal(reply?.data?.report?.listing?.title, 'AAA Replica Designer Tote Bag ctx 0', JSON.stringify(reply));
  await tab.close();
});

test('badges the page removes are drawn again', async () => {
  const tab = await open(urls.removeOnce, 20);
  await tab.waitForFunction(() => document.querySelectorAll('fakelens-badge').length === 20);
  await tab.evaluate(() => document.querySelectorAll('fakelens-badge').forEach((badge) => badge.remove()));
  await tab.waitForFunction(() => document.querySelectorAll('fakelens-badge').length === 20, null, { timeout: 5000 });
  await tab.close();
});

test('a page removing badges forever: redrawn a bounded number of times; the toolbar and popup still count every flagged listing', async () => {
  const tab = await open(urls.removeForever, 20);
  await eventually(async () => (await tab.evaluate(() => window.badgesAdded)) > 20, 5000);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const added = await tab.evaluate(() => window.badgesAdded);
  assert.ok(added > 20, `badges were drawn again (${added})`);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal(await tab.evaluate(() => window.badgesAdded), added, 'and then no more');
  assert.ok(added <= 20 * 4, `bounded: ${added}`);
  const tabId = await tabIdOf(tab);
  assert.equal(await browser.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId), '20');
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/ui/popup.html`);
  const summary = await popup.evaluate((id) => chrome.runtime.sendMessage({ type: 'fakelens:get-tab-summary', tabId: id }), tabId);
  assert.equal(summary.data.count, 20);
  assert.equal(summary.data.flagged.length, 20);
  await Promise.all([popup.close(), tab.close()]);
});
