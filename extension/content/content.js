// The content script: find listings, ask the background to score them, draw the result.
// Listings added later (infinite scroll) are picked up in batches; each element is scored
// once. Work is capped so that a page flooding the DOM cannot make FakeLens busy forever.
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
          FakeLensAnnotate.annotate(document, item, verdict, sensitivity, actionsFor(item, verdict));
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
    };
  }

  // The context menu's "Report this listing": the scored listing around where the shopper
  // right-clicked, whatever its level.
  document.addEventListener('contextmenu', (event) => {
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
    }).observe(document.body, { childList: true, subtree: true });
  }

  start();
})();
