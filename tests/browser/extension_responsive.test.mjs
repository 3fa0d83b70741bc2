// A search page with 200 listings stays responsive: annotating them adds no main-thread
// task over 50 ms (Long Tasks API, observed from before the page's first script).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launchWithExtension } from '../support/extension.mjs';
import { artifactDir } from '../support/paths.mjs';

const url = 'https://www.ebay.com/sch/i.html?_nkw=bag';
const titles = ['AAA Quality Replica Designer Handbag 1:1', 'Genuine Leather Tote Bag, Brown', 'G-U-C-C-I Marmont Shoulder Bag',
  'Canvas Beach Bag with Zip', 'Super Copy Luxury Backpack', 'Kids School Backpack, Blue', 'Mirror quality wallet', 'Cotton Shopping Bag 3 Pack'];

function page200() {
  const items = Array.from({ length: 200 }, (_, i) => `<li class="s-item"><div class="s-item__title"><span>${titles[i % titles.length]} #${i}</span></div><span class="s-item__price">$${(19 + (i % 50)).toFixed(2)}</span></li>`);
  return `<!doctype html><html><head><meta charset="utf-8"><title>200 listings</title></head><body><ul class="srp-results">${items.join('')}</ul></body></html>`;
}

let browser;
before(async () => {
  browser = await launchWithExtension();
  await browser.serve({ [url]: { body: page200() } });
});
after(async () => browser?.close());

test('200 listings are annotated with no main-thread task over 50 ms', async (t) => {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => document.querySelectorAll('li.s-item[data-fakelens-level]').length === 200, null, { timeout: 15000 });
  await page.waitForTimeout(300);
  const longTasks = await page.evaluate(() => window.__longTasks);
  const counts = await page.$$eval('li.s-item', (items) => items.reduce((c, i) => ({ ...c, [i.dataset.fakelensLevel]: (c[i.dataset.fakelensLevel] ?? 0) + 1 }), {}));
  t.diagnostic(`levels ${JSON.stringify(counts)}; long tasks (ms): ${JSON.stringify(longTasks)}`);
  assert.deepEqual(longTasks.filter((ms) => ms > 50), []);
  await page.screenshot({ path: path.join(artifactDir('extension'), 'ebay-200.png') });
  await page.close();
});
