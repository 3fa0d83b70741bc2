// The built extension on every supported marketplace, search and product page: each listing
// the page holds gets the expected data-fakelens-level, and nothing else on the page does.
// Screenshots of the annotated pages go to test-artifacts/extension/sites/.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launchWithExtension } from '../support/extension.mjs';
import { artifactDir } from '../support/paths.mjs';
import { fixturePages, siteFixtures } from '../support/site_fixtures.mjs';

let browser;
before(async () => {
  browser = await launchWithExtension();
  await browser.serve(fixturePages());
});
after(async () => browser?.close());

for (const fixture of siteFixtures) {
  test(`${fixture.site} ${fixture.kind} page: listings get their expected levels`, async () => {
    const page = await browser.context.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(fixture.url);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-expect]')].every((e) => e.dataset.fakelensLevel),
      null, { timeout: 15000 }).catch(() => {});
    const rows = await page.$$eval('[data-fakelens-level]', (elements) => elements.map((e) => ({
      expect: e.dataset.expect ?? '(not a listing)', level: e.dataset.fakelensLevel, title: e.textContent.replace(/\s+/g, ' ').trim().slice(0, 70),
      badge: e.querySelector('fakelens-badge')?.dataset.fakelensBadge ?? null,
    })));
    const expected = await page.$$eval('[data-expect]', (elements) => elements.length);
    await page.screenshot({ path: path.join(artifactDir('extension/sites'), `${fixture.site}-${fixture.kind}.png`), fullPage: true });
    assert.equal(rows.length, expected, JSON.stringify(rows, null, 1));
    for (const row of rows) {
      assert.equal(row.level, row.expect, row.title);
      assert.equal(row.badge, row.level === 'low' ? null : row.level, `badge on ${row.title}`);
    }
    assert.deepEqual(pageErrors, []);
    await page.close();
  });
}
