// The bad-input catalogue beyond listings: strange but valid listings, and rule packs that
// must be refused, natively (the CLI) and in WebAssembly alike; and a WebAssembly instance
// that keeps working after every error and over a million scores without its heap growing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { badInputs, badPacks, strangeButValid } from '../support/bad_inputs.mjs';
import { runCli } from '../support/cli.mjs';
import { loadShippedEngine } from '../support/engine.mjs';
import { defaultPackPath } from '../support/paths.mjs';

const engine = await loadShippedEngine();
const defaultPackText = fs.readFileSync(defaultPackPath, 'utf8');

test('strange but valid listings are scored, identically natively and in WebAssembly', () => {
  const native = runCli(['score', '-'], { input: strangeButValid.map((c) => c.text).join('\n') + '\n' });
  assert.equal(native.status, 0, native.stderr);
  const lines = native.stdout.trim().split('\n');
  strangeButValid.forEach((c, i) => {
    assert.equal(engine.scoreJson(c.text), lines[i], c.name);
    assert.equal(JSON.parse(lines[i]).level, c.level, c.name);
  });
});

test('every bad rule pack is refused with its problem paths, natively and in WebAssembly; the old pack stays', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fakelens-badpack-'));
  const before = engine.scoreJson('{"title":"AAA replica bag"}');
  for (const bad of badPacks(defaultPackText)) {
    const file = path.join(dir, 'pack.json');
    fs.writeFileSync(file, bad.text);
    const native = runCli(['rules', 'check', file]);
    assert.equal(native.status, 1, `${bad.name}: ${native.stdout}`);
    const wasm = engine.loadRules(bad.text);
    assert.equal(wasm.error?.code, 'invalid_rules', bad.name);
    assert.ok(wasm.error.problems.length >= 1, bad.name);
    assert.ok(wasm.error.problems.some((p) => p.path.startsWith(bad.path)), `${bad.name}: ${JSON.stringify(wasm.error.problems.slice(0, 3))}`);
    assert.ok(native.stderr.trim().length > 0, `${bad.name}: native says why`);
    for (const problem of wasm.error.problems.slice(0, 5)) {
      if (problem.path !== '$') assert.ok(native.stderr.includes(problem.path), `${bad.name}: native lists ${problem.path}`);
    }
    assert.equal(engine.scoreJson('{"title":"AAA replica bag"}'), before, `${bad.name}: the old pack still scores`);
  }
});

test('after every bad listing the engine still scores; the same bad listing gives the same error twice', () => {
  for (const bad of badInputs) {
    const first = engine.scoreJson(bad.text);
    assert.equal(JSON.parse(first).error.code, bad.code, bad.name);
    assert.equal(engine.scoreJson(bad.text), first, bad.name);
    assert.equal(engine.score({ title: 'AAA replica bag' }).level, 'high', `after ${bad.name}`);
  }
});

test('a million scores in one instance: the WebAssembly heap does not grow after warm-up', () => {
  const listings = ['{"title":"AAA replica Rolex watch 1:1","price":{"amount":20,"currency":"USD"}}', '{"title":"Plain ceramic mug"}',
    '{"title":"高仿 包包","description":"100% original"}', 'not json'];
  const heap = () => engine.memory().inUse;
  const batch = Array.from({ length: 1000 }, (_, i) => listings[i % listings.length]).join('\n');
  // Warm-up takes both paths: a batch runs the batch pass, whose patterns compile on first use.
  for (let i = 0; i < 20000; i += 1) engine.scoreJson(listings[i % listings.length]);
  for (let i = 0; i < 20; i += 1) engine.scoreLines(batch);
  const warm = heap();
  for (let i = 0; i < 1000; i += 1) engine.scoreLines(batch);  // 1,000,000 listings
  assert.ok(warm > 0);
  // Where the allocator places a block can move the bytes in use by a few bytes; a leak of
  // one byte per score would be a megabyte.
  const grown = heap() - warm;
  assert.ok(grown < 4096, `bytes in use grew by ${grown} over a million scores`);
});
