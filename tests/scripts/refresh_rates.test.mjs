// scripts/refresh-rates.mjs run as a shopper's maintainer runs it, on temporary copies of
// the pack and of rules/sources/exchange-rates.json: what it writes, and what it refuses.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(root, 'scripts/refresh-rates.mjs');
const realSource = JSON.parse(fs.readFileSync(path.join(root, 'rules/sources/exchange-rates.json'), 'utf8'));
const realPack = JSON.parse(fs.readFileSync(path.join(root, 'rules/default.rules.json'), 'utf8'));
const packFile = 'rules/default.rules.json';
const sourceFile = 'rules/sources/exchange-rates.json';

/** A temporary folder with a copy of the pack (its rates replaced by `rates` when given) and a source file. */
function workspace(source, rates) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fakelens-rates-'));
  const pack = structuredClone(realPack);
  if (rates) pack.exchangeRates = rates;
  fs.mkdirSync(path.join(dir, 'rules/sources'), { recursive: true });
  fs.writeFileSync(path.join(dir, packFile), JSON.stringify(pack, null, 1) + '\n');
  fs.writeFileSync(path.join(dir, sourceFile), typeof source === 'string' ? source : JSON.stringify(source, null, 1));
  return dir;
}

function run(dir, ...extra) {
  const result = spawnSync(process.execPath, [script, '--pack', path.join(dir, packFile), '--source', path.join(dir, sourceFile), ...extra], { encoding: 'utf8' });
  return { ...result, pack: JSON.parse(fs.readFileSync(path.join(dir, packFile), 'utf8')) };
}

// The pack as it was before its rates came from a source file: older and fewer.
const oldRates = { asOf: '2026-01-01', source: 'test', perUsd: { EUR: 0.92, JPY: 150, RUB: 92 } };

test('rebuilds exchangeRates from the tables, crossed to dollars, and bumps the patch version', () => {
  const dir = workspace(realSource, oldRates);
  const { status, stdout, pack } = run(dir);
  assert.equal(status, 0, stdout);
  const [major, minor, patch] = realPack.version.split('.').map(Number);
  assert.equal(pack.version, `${major}.${minor}.${patch + 1}`);
  const rates = pack.exchangeRates;
  assert.equal(rates.asOf, '2026-02-20', 'the oldest table used dates the rates');
  assert.match(rates.source, /European Central Bank, 2026-02-20/);
  assert.match(rates.source, /open\.er-api\.com/);
  const ecb = realSource.tables.find((t) => t.id === 'ecb').rates;
  // EUR: the inverse of the ECB's dollar rate; JPY: the ECB's yen rate over its dollar rate.
  assert.equal(rates.perUsd.EUR, Number((1 / ecb.USD).toPrecision(6)));
  assert.equal(rates.perUsd.JPY, Number((ecb.JPY / ecb.USD).toPrecision(6)));
  // RUB is not an ECB currency: it comes from the second table (base SEK).
  const er = realSource.tables.find((t) => t.id === 'exchangerate-api').rates;
  assert.equal(rates.perUsd.RUB, Number((er.RUB / er.USD).toPrecision(6)));
  assert.ok(rates.perUsd.IRR > 100000, 'rials, for digikala');
  assert.ok(Object.keys(rates.perUsd).length >= 40);
  assert.ok(!('USD' in rates.perUsd));
  assert.deepEqual(Object.keys(rates.perUsd), Object.keys(rates.perUsd).slice().sort());
  // Everything else in the pack is left as it was.
  const { exchangeRates: _a, version: _b, ...rest } = pack;
  const { exchangeRates: _c, version: _d, ...before } = realPack;
  assert.deepEqual(rest, before);
  // A second run finds nothing to do and does not bump the version again.
  const again = run(dir);
  assert.equal(again.status, 0);
  assert.match(again.stdout, /nothing written/);
  assert.equal(again.pack.version, pack.version);
});

test('the committed pack matches its source file', () => {
  const dir = workspace(realSource);
  const { status, stdout, pack } = run(dir);
  assert.equal(status, 0);
  assert.match(stdout, /already match/);
  assert.equal(pack.version, realPack.version);
});

function refused(dir, pattern) {
  const before = fs.readFileSync(path.join(dir, packFile), 'utf8');
  const { status, stderr } = run(dir);
  assert.equal(status, 1, stderr);
  assert.match(stderr, pattern);
  assert.equal(fs.readFileSync(path.join(dir, packFile), 'utf8'), before, 'a refused run writes nothing');
}

test('refuses a malformed file', () => {
  refused(workspace('{"tables": [', oldRates), /cannot read the source file/);
  refused(workspace({ tables: [] }, oldRates), /non-empty "tables"/);
  const broken = structuredClone(realSource);
  broken.tables[0].rates.JPY = -1;
  broken.tables[0].rates.yen = 150;
  delete broken.tables[1].publisher;
  broken.tables[1].date = '2026-02-30';
  refused(workspace(broken, oldRates), /rates\.JPY must be a positive number[\s\S]*rates\.yen is not a three-letter[\s\S]*publisher must be[\s\S]*2026-02-30/);
  const noDollar = structuredClone(realSource);
  delete noDollar.tables[1].rates.USD;
  refused(workspace(noDollar, oldRates), /no USD rate to cross its SEK rates/);
});

test('refuses rates older than the pack\'s, unless told to', () => {
  const newer = { ...oldRates, asOf: '2026-12-01' };
  refused(workspace(realSource, newer), /older than the pack's current 2026-12-01/);
  const { status, pack } = run(workspace(realSource, newer), '--allow-older');
  assert.equal(status, 0);
  assert.equal(pack.exchangeRates.asOf, '2026-02-20');
});

test('refuses a file that lacks a currency the pack needs', () => {
  const lacking = structuredClone(realSource);
  delete lacking.tables[1].rates.IRR;   // the pack has IRR now
  delete lacking.tables[0].rates.JPY;   // and its examples price in yen
  refused(workspace(lacking), /lacks currencies the pack needs: IRR, JPY/);
  // A currency only the pack's examples use is needed too.
  const pack = structuredClone(realPack);
  const withoutJpy = { ...pack.exchangeRates, perUsd: { ...pack.exchangeRates.perUsd } };
  delete withoutJpy.perUsd.JPY;
  const noYen = structuredClone(realSource);
  delete noYen.tables[0].rates.JPY;
  refused(workspace(noYen, withoutJpy), /lacks currencies the pack needs: JPY/);
});
