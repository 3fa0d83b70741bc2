// tests/data/real: real sellers' listings, labelled by review. Every file follows the
// labelled-listing contract, keeps its source, and is listed in SOURCES.md with its held-out
// status, which the fixed rule there decides (so nobody moves a source across the split).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { testData } from '../support/paths.mjs';
import { contractValidator } from '../support/schema.mjs';

const realDir = path.join(testData, 'real');
const slugs = fs.readdirSync(realDir).filter((name) => name.endsWith('.jsonl')).map((name) => name.slice(0, -'.jsonl'.length)).sort();
const sourcesText = fs.readFileSync(path.join(realDir, 'SOURCES.md'), 'utf8');
// The rule SOURCES.md states: held out when the first 8 hex digits of SHA-256(slug) are 0 mod 3.
const heldOut = (slug) => parseInt(crypto.createHash('sha256').update(slug).digest('hex').slice(0, 8), 16) % 3 === 0;

test('every real listing follows the contract, keeps its source, and says why when it is suspicious', () => {
  assert.ok(slugs.length >= 20, `at least 20 sources (${slugs.length})`);
  const validate = contractValidator('labelled-listing');
  const ids = new Set();
  let listings = 0;
  for (const slug of slugs) {
    const lines = fs.readFileSync(path.join(realDir, `${slug}.jsonl`), 'utf8').split('\n').filter(Boolean);
    assert.ok(lines.length > 0, `${slug} holds listings`);
    lines.forEach((line, index) => {
      const at = `${slug}.jsonl:${index + 1}`;
      const listing = JSON.parse(line);
      assert.equal(validate(listing), null, at);
      assert.ok(!ids.has(listing.id), `${at}: id ${listing.id} is unique`);
      ids.add(listing.id);
      assert.match(listing.source ?? '', /^[\w.-]+\/[\w.-]+@[0-9a-f]{7,40}:\S/, `${at}: source is owner/repo@commit:path`);
      if (listing.label === 'suspicious') assert.ok(typeof listing.review === 'string' && listing.review.length > 10, `${at}: a review note says why`);
      listings += 1;
    });
  }
  assert.ok(listings >= 3000, `at least 3,000 listings (${listings})`);
});

test('SOURCES.md lists every source with its held-out status under the fixed rule', () => {
  const rows = new Map();
  for (const line of sourcesText.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length > 3 && slugs.includes(cells[1])) rows.set(cells[1], cells);
  }
  assert.deepEqual([...rows.keys()].sort(), slugs, 'one row per source file');
  const heldOutSlugs = slugs.filter(heldOut);
  assert.ok(heldOutSlugs.length >= 5, `several sources are held out (${heldOutSlugs})`);
  for (const [slug, cells] of rows) assert.equal(cells.at(-2), heldOut(slug) ? 'yes' : 'no', `${slug}: held-out column`);
});
