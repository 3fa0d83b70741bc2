// An eBay-shaped search results page of `count` listings (half replica wording, half
// plain), served at a real eBay URL: the extension's responsiveness test and the bench's
// annotation measurement load the same page.
export const searchPageUrl = 'https://www.ebay.com/sch/i.html?_nkw=bag';

const titles = ['AAA Quality Replica Designer Handbag 1:1', 'Genuine Leather Tote Bag, Brown', 'G-U-C-C-I Marmont Shoulder Bag',
  'Canvas Beach Bag with Zip', 'Super Copy Luxury Backpack', 'Kids School Backpack, Blue', 'Mirror quality wallet', 'Cotton Shopping Bag 3 Pack'];

export function searchPage(count) {
  const items = Array.from({ length: count }, (_, i) => `<li class="s-item"><div class="s-item__title"><span>${titles[i % titles.length]} #${i}</span></div><span class="s-item__price">$${(19 + (i % 50)).toFixed(2)}</span></li>`);
  return `<!doctype html><html><head><meta charset="utf-8"><title>${count} listings</title></head><body><ul class="srp-results">${items.join('')}</ul></body></html>`;
}

/**
 * For page.addInitScript, before the page's first script: records in window.annotation the
 * long tasks (over 50 ms: {start, ms}), the listings marked per task (a MutationObserver's
 * callback runs once at the end of each task that changed the page) and when the first
 * and the last listing were marked.
 */
export function recordAnnotation() {
  const annotation = { longTasks: [], markedPerTask: [], first: null, last: null };
  window.annotation = annotation;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) annotation.longTasks.push({ start: entry.startTime, ms: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((records) => {
    const marked = records.filter((r) => r.attributeName === 'data-fakelens-level').length;
    if (marked === 0) return;
    annotation.markedPerTask.push(marked);
    annotation.first ??= performance.now();
    annotation.last = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-fakelens-level'] });
}
