// The web demo served from dist/web, in real headless Chromium: the playground, the demo
// marketplace (the extension's own annotator), batch scoring in a worker, the rules page,
// offline use, the message when WebAssembly cannot load, an axe-core accessibility check
// and screenshots of every view at desktop and phone widths.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { serveDirectory } from '../../scripts/static_server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { clickInBadge, countInBadge } from '../support/extension.mjs';
import { artifactDir, distWeb, root, testData } from '../support/paths.mjs';

const VIEWS = ['index.html', 'shop.html', 'batch.html', 'rules.html'];
const SIZES = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
let server;
let baseUrl;
let chromium;

before(async () => {
  const served = await serveDirectory(distWeb);
  server = served.server;
  baseUrl = `http://127.0.0.1:${served.port}/`;
  chromium = await launchBrowser();
});
after(async () => {
  await chromium?.close();
  server?.close();
});

// Opens a view in a fresh context. `prepare(page)` runs before it loads (routes, say).
// `problems`: page errors and console errors; `warnings`: FakeLens's console warnings;
// `packFiles`: the built-in pack's files the page fetched, with their statuses.
async function open(view, options = {}, prepare = async () => {}) {
  const context = await chromium.browser.newContext({ viewport: SIZES.desktop, ...options });
  const page = await context.newPage();
  const problems = [];
  const warnings = [];
  const packFiles = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
    if (message.type() === 'warning' && message.text().startsWith('FakeLens')) warnings.push(message.text());
  });
  page.on('response', (response) => {
    const name = new URL(response.url()).pathname.split('/').pop();
    if (name.startsWith('default.rules.')) packFiles.push(`${name} ${response.status()}`);
  });
  await prepare(page);
  await page.goto(baseUrl + view);
  return { context, page, problems, warnings, packFiles };
}

test('playground: a replica title raises the level and highlights the word; presets load; the link restores the form', async () => {
  const { context, page, problems, packFiles } = await open('index.html');
  await page.waitForSelector('body[data-engine="ready"]');
  // The engine loads the built-in pack from its image and never needs the JSON.
  assert.deepEqual(packFiles, ['default.rules.image 200']);
  await page.fill('#title', 'Leather tote bag, brown');
  await page.fill('#price', '');
  await page.fill('#listPrice', '');
  await page.fill('#sellerName', '');
  await page.fill('#sellerRating', '');
  await page.fill('#sellerRatingCount', '');
  await page.fill('#sellerAgeDays', '');
  await page.waitForFunction(() => document.body.dataset.fakelensLevel === 'low');
  await page.type('#title', ' AAA replica');
  await page.waitForFunction(() => document.body.dataset.fakelensLevel === 'high');
  assert.ok((await page.locator('#highlighted-title mark').allTextContents()).some((t) => /replica/i.test(t)));
  assert.ok(Number(await page.getAttribute('meter[data-category="counterfeit"]', 'value')) >= 70);

  await page.click('button[data-preset="2"]');  // Chinese
  await page.waitForFunction(() => document.getElementById('title').value.includes('高仿'));
  assert.equal(await page.evaluate(() => document.body.dataset.fakelensLevel), 'high');
  assert.ok((await page.locator('#highlighted-title mark').allTextContents()).includes('高仿'));
  await page.click('button[data-preset="1"]');  // honest phone
  await page.waitForFunction(() => document.body.dataset.fakelensLevel === 'low');

  await page.fill('#title', 'Miracle cream, 100% effective, 1:1 copy');
  await page.fill('#sellerName', 'Shop & "Co" <b>');
  await page.check('#sellerOfficial');
  await page.click('#share');
  const url = page.url();
  assert.match(url, /#listing=/);
  const restored = await context.newPage();
  await restored.goto(url);
  await restored.waitForFunction(() => document.body.dataset.fakelensLevel === 'high');
  assert.equal(await restored.inputValue('#title'), 'Miracle cream, 100% effective, 1:1 copy');
  assert.equal(await restored.inputValue('#sellerName'), 'Shop & "Co" <b>');
  assert.equal(await restored.isChecked('#sellerOfficial'), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('demo marketplace: 26 listings get the extension\'s badges at the expected levels; one click reports; the seller record follows', async () => {
  const { context, page, problems } = await open('shop.html');
  await page.waitForSelector('body[data-shop-ready]');
  const rows = await page.$$eval('.shop-item', (items) => items.map((i) => [i.dataset.listingId, i.dataset.expect, i.dataset.fakelensLevel,
    i.querySelector('fakelens-badge')?.dataset.fakelensBadge ?? null]));
  assert.ok(rows.length >= 24);
  for (const [id, expect, level, badge] of rows) {
    assert.equal(level, expect, id);
    assert.equal(badge, expect === 'low' ? null : expect, id);
  }
  assert.ok(rows.some((r) => r[1] === 'high') && rows.some((r) => r[1] === 'medium') && rows.some((r) => r[1] === 'low'));
  assert.deepEqual(await page.locator('[data-listing-id="demo-01"] mark').allTextContents(), ['AAA Quality', 'Replica', '1:1', 'Mirror Quality']);

  // Report the replica watch twice over two listings of one seller: Kicks Vault sells two fakes.
  for (const id of ['demo-15', 'demo-16']) {
    await clickInBadge(page, `[data-listing-id="${id}"] fakelens-badge`, 'button');
    await clickInBadge(page, `[data-listing-id="${id}"] fakelens-badge`, '.report-button');
    await page.keyboard.press('Escape');
  }
  await page.waitForFunction(() => document.querySelectorAll('#reports-list li').length === 2);
  const sellerRow = await page.locator('#seller-records tbody tr').first().allTextContents();
  assert.match(sellerRow.join(' '), /Kicks Vault.*2.*\d/s);
  // The report survives a reload, and the seller record now weighs on that seller's listings.
  await page.reload();
  await page.waitForSelector('body[data-shop-ready]');
  assert.equal(await page.locator('#reports-list li').count(), 2);
  const stored = await page.evaluate(() => Object.values(JSON.parse(localStorage.getItem('fakelens-demo:store')).reports));
  assert.equal(stored.length, 2);
  assert.ok(stored.every((r) => r.status === 'saved' && r.verdict.level === 'high' && r.listing.seller.name === 'Kicks Vault'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('demo marketplace: a report is undone from its badge, and the report row is as it was before', async () => {
  const { context, page, problems } = await open('shop.html');
  await page.waitForSelector('body[data-shop-ready]');
  const badge = '[data-listing-id="demo-01"] fakelens-badge';
  const rowControls = async () => Object.fromEntries(await Promise.all(['button', 'select', 'input']
    .map(async (tag) => [tag, await countInBadge(page, badge, `.report ${tag}`)])));
  await clickInBadge(page, badge, 'button');
  assert.deepEqual(await rowControls(), { button: 1, select: 0, input: 0 });
  await clickInBadge(page, badge, '.report-button');
  await page.waitForFunction(() => document.querySelectorAll('#reports-list li').length === 1);
  // Reported: Undo, a reason, a note and Save beside the Report button.
  assert.deepEqual(await rowControls(), { button: 3, select: 1, input: 1 });
  await clickInBadge(page, badge, '.undo');
  await page.waitForFunction(() => document.querySelectorAll('#reports-list li').length === 0);
  assert.deepEqual(await rowControls(), { button: 1, select: 0, input: 0 });
  assert.deepEqual(await page.evaluate(() => JSON.parse(localStorage.getItem('fakelens-demo:store')).reports), {});
  assert.deepEqual(problems, []);
  await context.close();
});

function writeBatchFile(name, lines) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fakelens-batch-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

test('batch: 10,000 listings score in a worker with progress; table, charts and the download appear', async (t) => {
  const labelled = fs.readFileSync(path.join(testData, 'labelled-listings.jsonl'), 'utf8').trim().split('\n');
  const lines = Array.from({ length: 10000 }, (_, i) => labelled[i % labelled.length]);
  const file = writeBatchFile('ten-thousand.jsonl', lines);
  const { context, page, problems } = await open('batch.html');
  await page.evaluate(() => {
    // The page stays responsive while the worker scores: the bar's value is read once per
    // task that changed it, so values between 0 and the total are seen only if the page
    // handled the worker's progress messages as they came (the worker posts one per 500
    // listings), not all at once at the end. Counted in tasks, not timed: it holds on a busy
    // machine too. Long main-thread tasks are only reported.
    window.progressSeen = [];
    new MutationObserver(() => window.progressSeen.push(Number(document.getElementById('batch-progress').value)))
      .observe(document.getElementById('batch-progress'), { attributes: true });
    window.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.longTasks.push(Math.round(e.duration)))).observe({ type: 'longtask' });
  });
  await page.setInputFiles('#batch-file', file);
  await page.waitForSelector('body[data-batch="done"]', { timeout: 120000 });
  const progress = await page.evaluate(() => window.progressSeen);
  const between = new Set(progress.filter((v) => v > 0 && v < 10000));
  assert.ok(between.size >= 2, `progress seen between start and end: ${JSON.stringify(progress)}`);
  assert.equal(await page.locator('#batch-table tbody tr').count(), 200);
  const levels = JSON.parse(await page.getAttribute('#level-chart', 'data-values'));
  assert.equal(levels.low + levels.medium + levels.high + levels.error, 10000);
  assert.equal(levels.error, 0);
  assert.ok(levels.high > 1000 && levels.low > 1000, JSON.stringify(levels));
  // Sorting by score puts the riskiest first.
  await page.click('button[data-sort="score"]');
  assert.equal(await page.locator('#batch-table tbody tr').first().locator('td').nth(1).textContent(), '100');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const saved = path.join(artifactDir('web'), 'verdicts.jsonl');
  await download.saveAs(saved);
  assert.equal(fs.readFileSync(saved, 'utf8').trim().split('\n').length, 10000);
  const longTasks = await page.evaluate(() => window.longTasks);
  t.diagnostic(`long tasks during batch: ${JSON.stringify(longTasks)}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('batch: bad lines show as errors with their line numbers and the rest are scored; CSV works too', async () => {
  const file = writeBatchFile('mixed.jsonl', ['{"title":"AAA replica bag"}', 'not json', '{"title":""}', '', '{"title":"Plain mug","price":{"amount":-1,"currency":"USD"}}', '{"title":"Plain mug"}']);
  const { context, page } = await open('batch.html');
  await page.setInputFiles('#batch-file', file);
  await page.waitForSelector('body[data-batch="done"]');
  const rows = await page.$$eval('#batch-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  assert.deepEqual(rows.map((r) => [r[0], r[2]]), [['1', 'high'], ['2', 'error'], ['3', 'error'], ['4', 'error'], ['5', 'error'], ['6', 'low']]);
  assert.match(rows[1][4], /^invalid_json/);
  assert.match(rows[2][4], /^empty_title/);
  assert.match(rows[4][4], /^bad_amount/);
  assert.match(await page.textContent('#batch-summary'), /6 listings: 1 high, 0 medium, 1 low, 4 with errors/);

  const csv = path.join(path.dirname(file), 'shop.csv');
  fs.writeFileSync(csv, 'title,price,listPrice,currency,seller\n"Replica watch, AAA grade",39,,USD,Time "Deals"\nCasio F-91W watch,18.50,,USD,Casio\n"Speaker ""bass""",12.99,259.99,USD,\n');
  await page.setInputFiles('#batch-file', csv);
  await page.waitForFunction(() => /3 listings/.test(document.getElementById('batch-summary').textContent));
  const csvRows = await page.$$eval('#batch-table tbody tr', (trs) => trs.map((tr) => [tr.cells[2].textContent, tr.cells[3].textContent]));
  assert.deepEqual(csvRows, [['high', 'Replica watch, AAA grade'], ['low', 'Casio F-91W watch'], ['medium', 'Speaker "bass"']]);
  await context.close();
});

test('rules: the active pack is browsable; a bad pack is refused with its problems; a good one is used on every page', async () => {
  const { context, page, problems } = await open('rules.html');
  await page.waitForSelector('body[data-rules-ready]');
  const pack = JSON.parse(fs.readFileSync(path.join(root, 'rules/default.rules.json'), 'utf8'));
  assert.match(await page.textContent('#pack-name'), new RegExp(`${pack.id} ${pack.version.replace(/\./g, '\\.')}`));
  assert.equal(await page.textContent('#brand-count'), String(pack.brands.length));
  await page.fill('#rule-filter', 'gaofang');
  assert.match(await page.textContent('#signals'), /replica\.zh\.gaofang/);
  await page.fill('#brand-filter', 'rolex');
  assert.ok(await page.locator('#brands tbody tr').count() >= 1);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fakelens-pack-'));
  fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ ...pack, thresholds: { medium: 90, high: 10 } }));
  await page.setInputFiles('#pack-file', path.join(dir, 'bad.json'));
  await page.waitForFunction(() => document.querySelectorAll('#pack-problems li').length > 0);
  assert.match(await page.textContent('#pack-status'), /refused/);
  fs.writeFileSync(path.join(dir, 'strict.json'), JSON.stringify({ ...pack, id: 'my-strict-pack', thresholds: { medium: 5, high: 10 } }));
  await page.setInputFiles('#pack-file', path.join(dir, 'strict.json'));
  await page.waitForFunction(() => /my-strict-pack/.test(document.getElementById('pack-name').textContent));
  await page.goto(`${baseUrl}index.html`);
  await page.waitForSelector('body[data-engine="ready"]');
  await page.fill('#title', 'Plain mug, 100% genuine');
  await page.fill('#price', '');
  await page.fill('#listPrice', '');
  await page.waitForFunction(() => document.body.dataset.fakelensLevel === 'high');
  assert.deepEqual(problems, []);
  await context.close();
});

test('works offline once loaded, and says clearly when WebAssembly cannot load', async () => {
  const { context, page } = await open('index.html');
  await page.waitForSelector('body[data-engine="ready"]');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();  // now controlled by the service worker, which has cached everything
  await page.waitForSelector('body[data-engine="ready"]');
  await context.setOffline(true);
  for (const view of VIEWS) {
    await page.goto(baseUrl + view);
    await page.waitForFunction(() => document.readyState === 'complete');
    assert.notEqual(await page.evaluate(() => document.body.dataset.engine), 'unavailable', view);
  }
  await page.goto(`${baseUrl}index.html`);
  await page.waitForSelector('body[data-engine="ready"]');
  await context.close();

  const broken = await chromium.browser.newContext({ serviceWorkers: 'block' });
  const brokenPage = await broken.newPage();
  await brokenPage.route('**/*.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not wasm') }));
  await brokenPage.goto(`${baseUrl}index.html`);
  await brokenPage.waitForSelector('body[data-engine="unavailable"]');
  assert.match(await brokenPage.textContent('#engine-status'), /could not load/);
  await broken.close();
});

test('without its pack image, or with a damaged one, the engine loads the JSON and works the same', async () => {
  const image = fs.readFileSync(path.join(distWeb, 'engine/default.rules.image'));
  const damaged = Buffer.from(image);
  damaged[damaged.length >> 1] ^= 0x01;
  for (const [what, fulfil] of [
    ['missing', (route) => route.fulfill({ status: 404, body: 'not found' })],
    ['damaged', (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: damaged })],
  ]) {
    const { context, page, warnings, packFiles } = await open('index.html', { serviceWorkers: 'block' },
      (opening) => opening.route('**/default.rules.image', fulfil));
    await page.waitForSelector('body[data-engine="ready"]');
    await page.fill('#title', 'AAA replica bag');
    await page.waitForFunction(() => document.body.dataset.fakelensLevel === 'high');
    assert.deepEqual(packFiles, [`default.rules.image ${what === 'missing' ? 404 : 200}`, 'default.rules.json 200'], what);
    // A missing file is a choice a deployment may make; a refused one is worth a line.
    if (what === 'missing') assert.deepEqual(warnings, []);
    else assert.match(warnings.join('\n'), /default\.rules\.image was not used \(.*checksum.*\); loading default\.rules\.json instead/);
    await context.close();
  }
});

test('accessibility (axe-core): no serious or critical violations; screenshots of every view at desktop and phone widths', async () => {
  const axeSource = fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const report = [];
  for (const [sizeName, viewport] of Object.entries(SIZES)) {
    // axe is injected as a script; the demo's CSP would (rightly) refuse it.
    const context = await chromium.browser.newContext({ viewport, bypassCSP: true, serviceWorkers: 'block' });
    const page = await context.newPage();
    for (const view of VIEWS) {
      await page.goto(baseUrl + view);
      await page.waitForFunction(() => document.body.dataset.engine === 'ready' || document.body.dataset.batch !== undefined || location.pathname.endsWith('batch.html'));
      if (view === 'shop.html') await page.waitForSelector('body[data-shop-ready]');
      if (view === 'rules.html') await page.waitForSelector('body[data-rules-ready]');
      // Nothing wider than the screen: no sideways scrolling on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${sizeName} ${view} is ${overflow}px wider than the screen`);
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      report.push(`${sizeName} ${view}: ${result.violations.length} violations (${result.violations.map((v) => `${v.id}/${v.impact}`).join(', ') || 'none'})`);
      assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`), [], `${sizeName} ${view}`);
      await page.screenshot({ path: path.join(artifactDir('web'), `${view.replace('.html', '')}-${sizeName}.png`), fullPage: true });
    }
    await context.close();
  }
  fs.writeFileSync(path.join(artifactDir('web'), 'axe-report.txt'), `${report.join('\n')}\n`);
});

test('the demo server asks browsers to revalidate, and answers a repeat with 304 Not Modified', async () => {
  const first = await fetch(`${baseUrl}engine/fakelens-core.wasm`);
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('content-type'), 'application/wasm');
  assert.equal(first.headers.get('cache-control'), 'no-cache');
  const etag = first.headers.get('etag');
  assert.match(etag ?? '', /^"[0-9a-f]+-[0-9a-f]+"$/);
  assert.ok((await first.arrayBuffer()).byteLength > 100000);
  const repeat = await fetch(`${baseUrl}engine/fakelens-core.wasm`, { headers: { 'if-none-match': etag } });
  assert.equal(repeat.status, 304);
  assert.equal((await repeat.arrayBuffer()).byteLength, 0);
  const stale = await fetch(`${baseUrl}engine/fakelens-core.wasm`, { headers: { 'if-none-match': '"0-0"' } });
  assert.equal(stale.status, 200);
  assert.equal((await fetch(`${baseUrl}..%2f..%2fpackage.json`)).status, 403);
});
