// The content script: find listings, ask the background to score them, draw the result.
// Listings added later (infinite scroll) are picked up in batches; each element is scored
// once. Work is capped so that a page flooding the DOM cannot make FakeLens busy forever.
// The page controls its DOM: a listing counts as seen on its seller's record only once the
// shopper could see it (sightings below), badges it removes are drawn again a few times,
// and only the shopper's own (trusted) right-click chooses what the context menu reports.
(() => {
  const M = globalThis.FakeLensMessages;
  const MAX_LISTINGS_PER_PAGE = 2000;
  const seen = new WeakSet();
  let scoredCount = 0;
  let adapter = null;
  let sensitivity = 'standard';
  let pending = false;

  const scored = new WeakMap();  // listing element -> {item, verdict}, for the context menu
  let contextTarget = null;

  function send(message) {
    return new Promise((resolve) => {
      try {
        chrome.runtime.sendMessage(message, (reply) => {
          resolve(chrome.runtime.lastError ? { error: { code: 'unreachable', message: chrome.runtime.lastError.message } } : reply);
        });
      } catch (error) {
        resolve({ error: { code: 'unreachable', message: String(error?.message ?? error) } });
      }
    });
  }

  async function scan() {
    pending = false;
    const host = location.hostname;
    let found = adapter ? FakeLensExtract.searchListings(document, adapter, host, seen) : [];
    if (found.length === 0 && adapter && scoredCount === 0) {
      const product = FakeLensExtract.productListing(document, adapter, host);
      if (product && !seen.has(product.element)) found = [product];
    }
    if (found.length === 0 && scoredCount === 0) found = genericListings();
    found = found.slice(0, Math.max(0, MAX_LISTINGS_PER_PAGE - scoredCount));
    for (let start = 0; start < found.length; start += M.MAX_LISTINGS_PER_MESSAGE) {
      const batch = found.slice(start, start + M.MAX_LISTINGS_PER_MESSAGE);
      batch.forEach((item) => seen.add(item.element));
      scoredCount += batch.length;
      const reply = await send({ type: M.SCORE_LISTINGS, listings: batch.map((item) => item.listing) });
      if (reply?.error || !Array.isArray(reply?.data?.verdicts)) continue;
      // Drawn a slice at a time, a frame apart: 200 badges drawn at once made one style and
      // layout pass of over 50 ms on a busy two-core machine.
      for (let from = 0; from < batch.length; from += ANNOTATE_SLICE) {
        if (from > 0) await yieldToPage();
        batch.slice(from, from + ANNOTATE_SLICE).forEach((item, offset) => {
          const verdict = reply.data.verdicts[from + offset];
          if (!verdict) return;
          scored.set(item.element, { item, verdict });
          const badge = FakeLensAnnotate.annotate(document, item, verdict, sensitivity, actionsFor(item, verdict));
          if (badge) drawn.push({ item, verdict, badge, redraws: 0 });
          watchForSighting(item);
        });
      }
    }
  }

  const ANNOTATE_SLICE = 25;
  // After the next frame has been drawn; a hidden tab draws no frames, so at most 50 ms.
  const yieldToPage = () => new Promise((resolve) => {
    const fallback = setTimeout(resolve, 50);
    requestAnimationFrame(() => {
      clearTimeout(fallback);
      setTimeout(resolve, 0);
    });
  });

  // A product page the adapter does not recognise (or a site without one): schema.org
  // microdata marks the product's own element; JSON-LD and OpenGraph tags do not, so their
  // badge goes after the heading that shows the product.
  function genericListings() {
    const microdata = FakeLensExtract.microdataProducts(document)[0];
    if (microdata?.titleElement && microdata.titleElement.tagName !== 'META' && !seen.has(microdata.element)) return [microdata];
    const listing = FakeLensExtract.jsonLdProducts(document)[0] ?? microdata?.listing ?? FakeLensExtract.openGraphProduct(document);
    if (!listing) return [];
    const heading = [...document.querySelectorAll('h1')].find((h) => (h.textContent ?? '').includes(listing.title.slice(0, 40)))
      ?? document.querySelector('h1');
    if (!heading || seen.has(heading)) return [];
    return [{ element: heading.closest('main, article, section, div') ?? heading, titleElement: heading, listing }];
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // One click, one report: the id is made here, so retrying after the browser restarted the
  // service worker mid-save cannot store it twice.
  async function report(item, verdict) {
    const message = { type: M.REPORT_LISTING, report: { id: crypto.randomUUID(), listing: item.listing, verdict } };
    let reply;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      reply = await send(message);
      if (reply?.data || (reply?.error && !['unreachable', 'internal'].includes(reply.error.code))) return reply;
      await sleep(200 * 2 ** attempt);
    }
    return reply ?? { error: { code: 'unreachable', message: 'FakeLens did not answer' } };
  }

  function actionsFor(item, verdict) {
    return {
      report: () => report(item, verdict),
      undo: (id) => send({ type: M.DELETE_REPORT, id }),
      update: (id, change) => send({ type: M.UPDATE_REPORT, id, ...change }),
      details: (id) => send({ type: M.OPEN_REPORT_DETAILS, id }),
    };
  }

  // ---- Badges the page removes are drawn again, a few times each ----
  const MAX_REDRAWS = 3;
  const drawn = [];  // {item, verdict, badge, redraws}
  let redrawPending = false;

  function redrawRemovedBadges() {
    redrawPending = false;
    for (const entry of drawn) {
      const { item, verdict } = entry;
      if (entry.badge.isConnected || entry.redraws >= MAX_REDRAWS) continue;
      if (!item.element.isConnected || !item.titleElement.isConnected || !item.element.contains(item.titleElement)) continue;
      entry.redraws += 1;
      item.element.setAttribute('data-fakelens-level', verdict.level);
      entry.badge = FakeLensAnnotate.createBadge(document, verdict, actionsFor(item, verdict));
      item.titleElement.after(entry.badge);
    }
  }

  function scheduleRedraw() {
    if (redrawPending || drawn.length === 0) return;
    redrawPending = true;
    setTimeout(redrawRemovedBadges, 100);
  }

  // ---- Sightings: listings the shopper could see count on their seller's record ----
  // A listing is seen when its title has been in view for a moment, drawn and not covered
  // (not display:none, hidden, transparent, zero-size, off the page, clipped away or beneath
  // another element). The worker caps what one page can add (shared/scoring.js) and scores
  // each listing again; the caps here only spare it messages.
  const DWELL_MS = 500;
  const MAX_CHECKS = 20;  // a listing in view but hidden is looked at for ten seconds, then left
  const SEEN_PER_SELLER = 3;
  const MAX_SEEN_PER_PAGE = 100;
  const sentPerSeller = new Map();
  const sentListings = new Set();
  let seenQueue = [];
  let sentTotal = 0;
  let checkTimer = null;
  let flushTimer = null;
  const inView = new Map();  // title element -> {item, since, checks}
  const watched = new WeakMap();  // title element -> item
  const sellerOf = (listing) => String(listing.seller?.id ?? listing.seller?.name ?? '').trim().toLowerCase();
  const sightingKey = (listing) => `${listing.url ?? ''}|${listing.title}`;
  const sellerFull = (listing) => (sentPerSeller.get(sellerOf(listing)) ?? 0) >= SEEN_PER_SELLER;

  const viewObserver = typeof IntersectionObserver === 'function' ? new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const item = watched.get(entry.target);
      if (!item) continue;
      if (entry.isIntersecting) inView.set(entry.target, { item, since: performance.now(), checks: 0 });
      else inView.delete(entry.target);
    }
    if (inView.size > 0 && !checkTimer) checkTimer = setTimeout(checkInView, DWELL_MS);
  }, { threshold: 0.5 }) : null;

  function watchForSighting(item) {
    if (!viewObserver || !sellerOf(item.listing) || sellerFull(item.listing) || sentTotal >= MAX_SEEN_PER_PAGE) return;
    watched.set(item.titleElement, item);
    viewObserver.observe(item.titleElement);
  }

  function shopperCanSee({ element, titleElement }) {
    if (!element.isConnected || !titleElement.isConnected) return false;
    if (typeof titleElement.checkVisibility === 'function' &&
        !titleElement.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) return false;
    const box = titleElement.getBoundingClientRect();
    if (box.width < 8 || box.height < 6) return false;
    const x = box.left + Math.min(box.width, 200) / 2;
    const y = box.top + box.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
    // What is drawn at the title's place: the listing itself, not something above it.
    const hit = document.elementFromPoint(x, y);
    return Boolean(hit) && (element.contains(hit) || titleElement.contains(hit));
  }

  function checkInView() {
    checkTimer = null;
    const now = performance.now();
    for (const [target, entry] of inView) {
      if (now - entry.since < DWELL_MS) continue;
      entry.checks += 1;
      if (shopperCanSee(entry.item)) noteSeen(entry.item.listing);
      if (entry.checks >= MAX_CHECKS || sentListings.has(sightingKey(entry.item.listing)) || sellerFull(entry.item.listing)) {
        inView.delete(target);
        viewObserver.unobserve(target);
      }
    }
    if (sentTotal >= MAX_SEEN_PER_PAGE) {
      viewObserver.disconnect();
      inView.clear();
    }
    if (inView.size > 0) checkTimer = setTimeout(checkInView, DWELL_MS);
  }

  function noteSeen(listing) {
    const key = sightingKey(listing);
    if (sentListings.has(key) || sellerFull(listing) || sentTotal >= MAX_SEEN_PER_PAGE) return;
    sentListings.add(key);
    sentPerSeller.set(sellerOf(listing), (sentPerSeller.get(sellerOf(listing)) ?? 0) + 1);
    sentTotal += 1;
    seenQueue.push(listing);
    flushTimer ??= setTimeout(flushSeen, 300);
  }

  function flushSeen() {
    flushTimer = null;
    const listings = seenQueue.slice(0, M.MAX_SEEN_PER_MESSAGE);
    seenQueue = seenQueue.slice(M.MAX_SEEN_PER_MESSAGE);
    if (listings.length > 0) send({ type: M.LISTINGS_SEEN, listings });
    if (seenQueue.length > 0) flushTimer = setTimeout(flushSeen, 300);
  }

  // The context menu's "Report this listing": the scored listing around where the shopper
  // right-clicked, whatever its level. Only the shopper's own right-click counts: an event
  // the page dispatches itself is not trusted.
  document.addEventListener('contextmenu', (event) => {
    if (!event.isTrusted) return;
    contextTarget = event.target instanceof Element ? event.target : null;
  }, { capture: true, passive: true });

  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id || message?.type !== M.REPORT_CONTEXT_TARGET) return false;
    let element = contextTarget?.closest('[data-fakelens-level]') ?? null;
    while (element && !scored.has(element)) element = element.parentElement?.closest('[data-fakelens-level]') ?? null;
    if (!element) {
      sendResponse({ error: { code: 'no_listing', message: 'FakeLens found no scored listing where you clicked' } });
      return false;
    }
    const { item, verdict } = scored.get(element);
    report(item, verdict).then(sendResponse);
    return true;
  });

  function schedule() {
    if (pending || scoredCount >= MAX_LISTINGS_PER_PAGE) return;
    pending = true;
    // Batch bursts of mutations; score when the page is idle.
    setTimeout(() => (globalThis.requestIdleCallback ?? setTimeout)(() => scan()), 250);
  }

  async function start() {
    const reply = await send({ type: M.GET_SITE_ADAPTER, host: location.hostname });
    if (reply?.data?.enabled === false) return;  // the shopper switched this site off
    adapter = reply?.data?.adapter ?? null;
    sensitivity = M.SENSITIVITIES.includes(reply?.data?.sensitivity) ? reply.data.sensitivity : 'standard';
    await scan();
    new MutationObserver((mutations) => {
      const ours = (node) => node.nodeName === 'FAKELENS-BADGE' || node.dataset?.fakelensHighlight !== undefined;
      if (mutations.some((m) => [...m.addedNodes].some((node) => node.nodeType === 1 && !ours(node)))) schedule();
      if (mutations.some((m) => m.removedNodes.length > 0)) scheduleRedraw();
    }).observe(document.body, { childList: true, subtree: true });
    scheduleRedraw();  // badges removed while the first pass drew, before the observer was there
  }

  start();
})();
