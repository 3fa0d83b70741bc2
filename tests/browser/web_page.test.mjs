// The web page served from dist/web runs the WebAssembly engine in real headless Chromium
// under its own strict CSP, and shows evidence as text.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { serveDirectory } from '../../scripts/static_server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { artifactDir, distWeb } from '../support/paths.mjs';

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

test('the page loads the engine and scores the form as the shopper types', async () => {
  const page = await chromium.browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  await page.goto(baseUrl);
  await page.waitForFunction(() => document.body.dataset.fakelensLevel);
  assert.equal(await page.evaluate(() => document.body.dataset.fakelensLevel), 'high');
  assert.deepEqual(await page.locator('#highlighted-title mark').allTextContents(),
    ['AAA quality', 'replica', '1:1', 'mirror quality']);

  await page.fill('#title', 'Organic cotton tea towel');
  await page.fill('#list-price', '');
  await page.waitForFunction(() => document.body.dataset.fakelensLevel === 'low');
  assert.equal(await page.locator('#evidence li').count(), 0);
  await page.screenshot({ path: path.join(artifactDir('web'), 'interim-page-low.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('markup in a title is shown as text, never parsed', async () => {
  const page = await chromium.browser.newPage();
  await page.goto(baseUrl);
  await page.waitForFunction(() => document.body.dataset.fakelensLevel);
  await page.fill('#title', '<img src=x onerror="window.pwned=1">replica <b>bag</b>');
  await page.waitForFunction(() => document.querySelector('#highlighted-title mark')?.textContent === 'replica');
  assert.equal(await page.locator('#highlighted-title img').count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.match(await page.locator('#highlighted-title').textContent(), /<img src=x/);
  await page.close();
});
