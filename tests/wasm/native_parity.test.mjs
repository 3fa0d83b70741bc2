// The shipped WebAssembly build must give byte-identical verdicts to the native CLI.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { badInputs, invalidUtf8Line } from '../support/bad_inputs.mjs';
import { runCli } from '../support/cli.mjs';
import { loadShippedEngine } from '../support/engine.mjs';
import { testData } from '../support/paths.mjs';

// The shipped engine loads its pack from the load image, as browsers do; the native CLI
// reads the JSON compiled into it. Byte-identical verdicts hold across both.
const engine = await loadShippedEngine();

function cliLines(input) {
  const { stdout } = runCli(['score'], { input });
  const lines = stdout.split('\n');
  assert.equal(lines.pop(), '');
  return lines;
}

test('the conformance corpus scores identically, byte for byte', () => {
  const input = fs.readFileSync(path.join(testData, 'conformance-listings.jsonl'), 'utf8');
  const native = cliLines(input);
  const wasm = engine.scoreLines(input).split('\n');
  assert.ok(native.length >= 200, `the corpus has ${native.length} lines`);
  assert.equal(wasm.length, native.length);
  let differences = 0;
  native.forEach((line, index) => {
    if (wasm[index] !== line) differences += 1;
    assert.equal(wasm[index], line, `line ${index + 1} differs`);
  });
  assert.equal(differences, 0);
  const levels = new Set(native.map((line) => JSON.parse(line).level ?? 'error'));
  assert.deepEqual([...levels].sort(), ['error', 'high', 'low', 'medium'], 'the corpus exercises every outcome');
});

test('one listing at a time through scoreJson gives the same bytes as the batch', () => {
  const input = fs.readFileSync(path.join(testData, 'conformance-listings.jsonl'), 'utf8');
  const native = cliLines(input);
  input.split('\n').slice(0, native.length).forEach((line, index) => {
    const single = engine.scoreJson(line);
    const parsed = JSON.parse(single);
    if (parsed.error) {
      // Without a batch there is no line number; everything else is identical.
      const expected = JSON.parse(native[index]);
      delete expected.error.line;
      assert.deepEqual(parsed, expected, `line ${index + 1}`);
    } else if (native[index].includes('"pricing.below-page-peers"')) {
      // Page-peer prices judge a listing among the others of its batch only.
      assert.ok(!single.includes('"pricing.below-page-peers"'), `line ${index + 1}`);
    } else {
      assert.equal(single, native[index], `line ${index + 1}`);
    }
  });
});

test('a page of listings is one batch, natively and in WebAssembly, in any order', () => {
  // Constructed: seven listings of one phone and one at 18% of their median.
  const page = [950, 980, 999, 1000, 1010, 1049, 1099, 185].map((amount, i) =>
    JSON.stringify({ id: `p${i}`, title: 'iPhone 15 Pro 256GB', price: { amount, currency: 'USD' } }));
  const byId = (lines) => Object.fromEntries(lines.map((line) => [JSON.parse(line).id, line]));
  const native = byId(cliLines(`${page.join('\n')}\n`));
  assert.match(native.p7, /"percent":18,"count":7/);
  assert.ok(!native.p0.includes('below-page-peers'));
  const shuffled = [page[7], page[3], page[0], page[6], page[1], page[5], page[2], page[4]];
  assert.deepEqual(byId(engine.scoreLines(page.join('\n')).split('\n')), native);
  assert.deepEqual(byId(engine.scoreLines(shuffled.join('\n')).split('\n')), native);
  assert.deepEqual(byId(cliLines(`${shuffled.join('\n')}\n`)), native);
});

test('every bad input gives the same error natively and in WebAssembly', () => {
  const input = badInputs.map((c) => c.text).join('\n');
  const native = cliLines(`${input}\n`);
  const wasm = engine.scoreLines(input).split('\n');
  assert.deepEqual(wasm, native);
  badInputs.forEach((c, index) => assert.equal(JSON.parse(wasm[index]).error.code, c.code, c.name));
});

test('invalid UTF-8 arriving as bytes is refused the same way', () => {
  const native = cliLines(invalidUtf8Line);
  // JS strings cannot hold raw bytes; decoding replaces them, so the wasm side sees U+FFFD
  // and scores. The native side sees the bytes and refuses them.
  assert.equal(JSON.parse(native[0]).error.code, 'invalid_utf8');
  assert.equal(engine.score(invalidUtf8Line.toString('utf8')).level, 'low');
});

test('the pack loaded from its JSON scores the conformance and labelled listings as from its image', async () => {
  const fromJson = await loadShippedEngine({ from: 'json' });
  for (const file of ['conformance-listings.jsonl', 'labelled-listings.jsonl']) {
    const input = fs.readFileSync(path.join(testData, file), 'utf8');
    const byImage = engine.scoreLines(input);
    assert.ok(byImage.length > 10000);
    assert.equal(fromJson.scoreLines(input), byImage, file);
  }
});
