// The contract in docs/contract is the truth every part of FakeLens is held to: its schemas
// compile, the project's data files follow them, and the core, the CLI and the extension's
// record checks agree with them where they overlap.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { REASONS, STATUSES, historyOf, emptySeller, addSellerEvent, reportProblem } from '../../extension/shared/records.js';
import { runCli } from '../support/cli.mjs';
import { contractDir, testData } from '../support/paths.mjs';
import { contractValidator, schemaNames } from '../support/schema.mjs';

const readSchema = (name) => JSON.parse(fs.readFileSync(path.join(contractDir, `${name}.schema.json`), 'utf8'));
// JSON.parse takes a lone surrogate ("\ud800"); the contract's text is Unicode, and the core refuses it.
const wellFormed = (value) => (typeof value === 'string' ? !/\p{Cs}/u.test(value)
  : value !== null && typeof value === 'object' ? Object.entries(value).every(([k, v]) => wellFormed(k) && wellFormed(v)) : true);
const jsonLines = (file) => fs.readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');

test('every schema compiles in strict mode and CONTRACT.md names it', () => {
  const contractText = fs.readFileSync(path.join(contractDir, 'CONTRACT.md'), 'utf8');
  const files = fs.readdirSync(contractDir).filter((name) => name.endsWith('.schema.json')).sort();
  assert.deepEqual(files, schemaNames.map((name) => `${name}.schema.json`).sort(), 'every schema file is loaded, none is missing');
  for (const name of schemaNames) {
    assert.equal(typeof contractValidator(name), 'function');
    assert.ok(contractText.includes(`${name}.schema.json`), `CONTRACT.md describes ${name}.schema.json`);
  }
});

test('every labelled listing of the project follows the labelled-listing schema', () => {
  const validate = contractValidator('labelled-listing');
  const lines = jsonLines(path.join(testData, 'labelled-listings.jsonl'));
  assert.ok(lines.length > 600, 'the labelled file is there');
  lines.forEach((line, index) => assert.equal(validate(JSON.parse(line)), null, `line ${index + 1}`));
  // The schema is not a rubber stamp.
  assert.notEqual(validate({ title: 'x' }), null, 'a label is required');
  assert.notEqual(validate({ title: 'x', label: 'fake' }), null, 'labels are suspicious or benign');
  assert.notEqual(validate({ title: '', label: 'benign' }), null, 'the listing part is checked too');
});

test('every conformance listing the schema accepts, the core scores', () => {
  const validate = contractValidator('listing');
  const lines = jsonLines(path.join(testData, 'conformance-listings.jsonl'));
  const accepted = [];
  for (const line of lines) {
    let listing;
    try { listing = JSON.parse(line); } catch { continue; }
    if (validate(listing) === null && wellFormed(listing)) accepted.push(line);
  }
  assert.ok(accepted.length > 150, `most conformance listings are schema-valid (${accepted.length})`);
  const { stdout } = runCli(['score', '-'], { input: `${accepted.join('\n')}\n` });
  const verdicts = stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(verdicts.length, accepted.length);
  // What a JSON Schema cannot see: a key written twice (JSON.parse keeps the last), sizes.
  const beyondSchema = new Set(['duplicate_key', 'too_large', 'too_deep']);
  const refused = verdicts.filter((verdict) => verdict.error && !beyondSchema.has(verdict.error.code));
  assert.deepEqual(refused.map((verdict) => `${accepted[verdict.error.line - 1].slice(0, 120)}: ${verdict.error.message}`), []);
});

test('a seller history the extension builds is a schema-valid seller.history the core accepts', () => {
  const seller = emptySeller('etsy|name:shop', { seller: { name: 'Shop' } });
  addSellerEvent(seller, 'report', '2026-11-20');
  addSellerEvent(seller, 'seen', '2026-11-21', 3);
  addSellerEvent(seller, 'seenHigh', '2026-11-21');
  const listing = { title: 'Leather bag', marketplace: 'etsy', seller: { name: 'Shop', history: historyOf(seller, '2026-11-28T10:00:00.000Z') } };
  assert.ok(listing.seller.history.events.length >= 3, 'the history holds the events');
  assert.equal(contractValidator('listing')(listing), null);
  const { stdout } = runCli(['score', '-'], { input: `${JSON.stringify(listing)}\n` });
  const verdict = JSON.parse(stdout);
  assert.equal(verdict.error, undefined, JSON.stringify(verdict.error));
  assert.ok(verdict.evidence.some((item) => item.category === 'seller'), 'the record became seller evidence');
});

test('the extension checks reports as the report schema does', () => {
  const validate = contractValidator('report');
  const schema = readSchema('report');
  assert.deepEqual(schema.properties.reason.enum, [...REASONS]);
  assert.deepEqual(schema.properties.status.enum, [...STATUSES]);
  const good = {
    id: '11111111-1111-4111-8111-111111111111', createdAt: '2026-11-28T10:00:00.000Z', status: 'saved', reason: 'counterfeit',
    listing: { title: 'Replica bag' }, verdict: { score: 90, level: 'high' },
  };
  assert.equal(validate(good), null);
  assert.equal(reportProblem(good), null);
  const bad = [
    { ...good, id: 'not-a-uuid' },
    { ...good, reason: 'spite' },
    { ...good, status: 'lost' },
    { ...good, note: 'x'.repeat(2001) },
    { ...good, listing: { title: '' } },
    { ...good, verdict: 'high' },
  ];
  for (const report of bad) {
    assert.notEqual(validate(report), null, `the schema refuses ${JSON.stringify(report).slice(0, 80)}`);
    assert.notEqual(reportProblem(report), null, `the extension refuses ${JSON.stringify(report).slice(0, 80)}`);
  }
});
