// One-click reports and the seller credit record, with the built extension in real headless
// Chromium: the Report button in a badge, many tabs at once, a worker restart mid-way,
// export and import into a fresh profile, a reported seller's next listing, and sending
// to a local receiver that comes back up.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { clickInBadge, launchWithExtension } from '../support/extension.mjs';
import { artifactDir } from '../support/paths.mjs';

/** An Etsy-shaped search page of `count` listings by `seller` (the adapter reads shop names). */
function etsyPage(prefix, count, seller, title = (i) => `AAA Replica Designer Tote Bag ${prefix}-${i}`) {
  const cards = Array.from({ length: count }, (_, i) => `<li><div class="v2-listing-card" data-listing-id="${prefix}-${i}">
    <a class="listing-link" href="https://www.etsy.com/listing/${prefix.replace(/\W/g, '')}${i}/item"><h3 class="v2-listing-card__title">${title(i)}</h3></a>
    <div class="v2-listing-card__shop"><p class="wt-text-caption" data-shop-name>${seller}</p></div>
    <p class="lc-price">$25.00</p></div></li>`);
  return { body: `<!doctype html><html><head><meta charset="utf-8"><title>${prefix}</title></head><body><ol>${cards.join('')}</ol></body></html>` };
}

const tabs = 5;
const perTab = 10;
const pages = {};
for (let t = 0; t < tabs; t += 1) pages[`https://www.etsy.com/search?q=tab${t}`] = etsyPage(`t${t}`, perTab, `BulkShop${t}`);
pages['https://www.etsy.com/search?q=one'] = etsyPage('one', 2, 'OneShop');
pages['https://www.etsy.com/search?q=restart'] = etsyPage('restart', 8, 'RestartShop');
pages['https://www.etsy.com/search?q=before'] = etsyPage('before', 1, 'RepeatShop', () => 'Wireless Earbuds Bluetooth 5.3, Black');
pages['https://www.etsy.com/search?q=reported'] = etsyPage('reported', 2, 'RepeatShop', (i) => `Mirror Quality Replica Watch ${i}`);
pages['https://www.etsy.com/search?q=after'] = etsyPage('after', 1, 'RepeatShop', () => 'Wireless Earbuds Bluetooth 5.4, White');
pages['https://www.etsy.com/search?q=send'] = etsyPage('send', 1, 'SendShop');

let browser;
let reportsUrl;
before(async () => {
  browser = await launchWithExtension();
  reportsUrl = `chrome-extension://${browser.extensionId}/ui/reports.html`;
  await browser.serve(pages);
});
after(async () => browser?.close());

async function openSearch(url, count) {
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.waitForFunction((n) => document.querySelectorAll('[data-fakelens-level]').length === n, count, { timeout: 15000 });
  return page;
}

/** Opens the badge's panel, clicks Report, and closes the panel (Escape) once it says so. */
async function reportListing(page, listingId) {
  const host = `[data-listing-id="${listingId}"] fakelens-badge`;
  await clickInBadge(page, host, 'button');
  await clickInBadge(page, host, '.report-button');
  await page.keyboard.press('Escape');
}

async function storedReports(context = browser) {
  const page = await context.context.newPage();
  await page.goto(`chrome-extension://${context.extensionId}/ui/reports.html`);
  const reply = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'fakelens:list-reports' }));
  await page.close();
  return reply.data;
}

async function waitForReports(count, context = browser) {
  for (let i = 0; i < 100; i += 1) {
    const { reports } = await storedReports(context);
    if (reports.length >= count) return reports;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return (await storedReports(context)).reports;
}

test('one click on Report saves the listing and the verdict shown; the reports page lists it', async () => {
  const page = await openSearch('https://www.etsy.com/search?q=one', 2);
  await reportListing(page, 'one-0');
  const [report] = await waitForReports(1);
  assert.equal(report.listing.title, 'AAA Replica Designer Tote Bag one-0');
  assert.equal(report.listing.seller.name, 'OneShop');
  assert.equal(report.verdict.level, 'high');
  assert.equal(report.status, 'saved');
  const reports = await browser.context.newPage();
  await reports.goto(reportsUrl);
  await reports.waitForSelector(`tr[data-report-id="${report.id}"]`);
  assert.match(await reports.textContent(`tr[data-report-id="${report.id}"]`), /AAA Replica Designer Tote Bag one-0.*OneShop|OneShop.*AAA Replica Designer Tote Bag one-0/s);
  await reports.screenshot({ path: path.join(artifactDir('extension'), 'reports-page.png'), fullPage: true });
  await reports.close();
  await page.close();
});

test('50 reports fired from 5 tabs at once are all stored, none twice', async () => {
  const before = (await storedReports()).reports.length;
  const opened = await Promise.all(Array.from({ length: tabs }, (_, t) => openSearch(`https://www.etsy.com/search?q=tab${t}`, perTab)));
  await Promise.all(opened.map(async (page, t) => {
    for (let i = 0; i < perTab; i += 1) await reportListing(page, `t${t}-${i}`);
  }));
  const reports = await waitForReports(before + tabs * perTab);
  const bulk = reports.filter((r) => /BulkShop/.test(r.listing.seller?.name ?? ''));
  assert.equal(bulk.length, tabs * perTab);
  assert.equal(new Set(bulk.map((r) => r.id)).size, tabs * perTab);
  assert.equal(new Set(bulk.map((r) => r.listing.title)).size, tabs * perTab);
  await Promise.all(opened.map((page) => page.close()));
});

test('the browser stopping the service worker mid-way loses no report', async () => {
  const page = await openSearch('https://www.etsy.com/search?q=restart', 8);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  for (let i = 0; i < 8; i += 1) {
    await reportListing(page, `restart-${i}`);
    if (i === 3) await cdp.send('ServiceWorker.stopAllWorkers');
  }
  const deadline = Date.now() + 15000;
  let restart = [];
  while (Date.now() < deadline) {
    restart = (await storedReports()).reports.filter((r) => r.listing.seller?.name === 'RestartShop');
    if (restart.length >= 8) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.equal(restart.length, 8);
  assert.equal(new Set(restart.map((r) => r.listing.title)).size, 8);
  await page.close();
});

test('export, then import into a fresh profile, gives the same records; importing again adds none', async () => {
  const reports = await browser.context.newPage();
  await reports.goto(reportsUrl);
  await reports.waitForFunction(() => Number(document.getElementById('count').textContent) > 0);
  const [download] = await Promise.all([reports.waitForEvent('download'), reports.click('#export-json')]);
  const file = path.join(artifactDir('extension'), 'reports-export.json');
  await download.saveAs(file);
  const [csvDownload] = await Promise.all([reports.waitForEvent('download'), reports.click('#export-csv')]);
  const csvFile = path.join(artifactDir('extension'), 'reports-export.csv');
  await csvDownload.saveAs(csvFile);
  await reports.close();
  const original = (await storedReports()).reports;
  const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(exported.reports.length, original.length);
  assert.equal(fs.readFileSync(csvFile, 'utf8').trim().split('\r\n').length, original.length + 1);

  const fresh = await launchWithExtension();
  try {
    const page = await fresh.context.newPage();
    await page.goto(`chrome-extension://${fresh.extensionId}/ui/reports.html`);
    await page.setInputFiles('#import-file', file);
    await page.waitForFunction(() => /Imported/.test(document.getElementById('import-status').textContent));
    assert.match(await page.textContent('#import-status'), new RegExp(`Imported ${original.length} report`));
    const imported = (await storedReports(fresh)).reports;
    assert.deepEqual(imported, original);
    await page.setInputFiles('#import-file', file);
    await page.waitForFunction((n) => new RegExp(`Imported 0 report.*${n} already`).test(document.getElementById('import-status').textContent), original.length);
    assert.equal((await storedReports(fresh)).reports.length, original.length);
    await page.close();
  } finally {
    await fresh.close();
  }
});

// The page sees the level only (the score stays inside the badge's closed shadow root).
test('a seller reported twice is rated higher on a new listing than before', async () => {
  const first = await openSearch('https://www.etsy.com/search?q=before', 1);
  assert.equal(await first.getAttribute('[data-listing-id="before-0"]', 'data-fakelens-level'), 'low');
  await first.close();
  const reported = await openSearch('https://www.etsy.com/search?q=reported', 2);
  await reportListing(reported, 'reported-0');
  await reportListing(reported, 'reported-1');
  await waitForReports((await storedReports()).reports.length);
  await reported.close();
  const later = await openSearch('https://www.etsy.com/search?q=after', 1);
  assert.equal(await later.getAttribute('[data-listing-id="after-0"]', 'data-fakelens-level'), 'medium');
  const { sellers } = await storedReports();
  const record = sellers.find((s) => s.name === 'RepeatShop').record;
  assert.equal(record.reports, 2);
  assert.ok(record.credit <= 60, String(record.credit));
  await later.close();
});

test('with an endpoint set, a report waits while the receiver is down and is delivered when it is back', async () => {
  const received = [];
  const receiver = http.createServer((request, response) => {
    response.setHeader('access-control-allow-origin', '*');
    response.setHeader('access-control-allow-headers', 'content-type');
    if (request.method === 'OPTIONS') return response.end();
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      received.push(JSON.parse(body));
      response.writeHead(201).end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address();
  await new Promise((resolve) => receiver.close(resolve));  // down

  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/ui/options.html`);
  await options.fill('#endpoint', `http://127.0.0.1:${port}/reports`);
  await options.click('#endpoint-form button');
  await options.waitForFunction(() => document.getElementById('endpoint-status').textContent !== '');
  assert.match(await options.textContent('#endpoint-status'), /will be sent/);

  const page = await openSearch('https://www.etsy.com/search?q=send', 1);
  await reportListing(page, 'send-0');
  let report;
  for (let i = 0; i < 50 && !(report?.delivery?.attempts >= 1); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    report = (await storedReports()).reports.find((r) => r.listing.seller?.name === 'SendShop');
  }
  assert.equal(report.status, 'saved');
  assert.equal(report.delivery.attempts, 1);
  assert.match(report.delivery.lastError, /could not be reached/);

  await new Promise((resolve) => receiver.listen(port, '127.0.0.1', resolve));  // back up
  const reports = await browser.context.newPage();
  await reports.goto(reportsUrl);
  await reports.waitForSelector('#send-now:not([hidden])');
  await reports.click('#send-now');
  await reports.waitForFunction(() => /Sent 1/.test(document.getElementById('send-status').textContent));
  assert.equal(received.length, 1);
  assert.equal(received[0].id, report.id);
  assert.equal(received[0].listing.title, 'AAA Replica Designer Tote Bag send-0');
  assert.equal((await storedReports()).reports.find((r) => r.id === report.id).status, 'sent');

  await options.fill('#endpoint', '');
  await options.click('#endpoint-form button');
  await new Promise((resolve) => receiver.close(resolve));
  await Promise.all([options.close(), reports.close(), page.close()]);
});
