// The one JS loader (wasm/fakelens.mjs) over the shipped WebAssembly build.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { test } from 'node:test';
import { loadShippedEngine } from '../support/engine.mjs';
import { defaultPackPath } from '../support/paths.mjs';

const engine = await loadShippedEngine();
const defaultPack = JSON.parse(fs.readFileSync(defaultPackPath, 'utf8'));

test('reports its version and the active rule pack', () => {
  assert.match(engine.version(), /^\d+\.\d+\.\d+$/);
  const { rules } = engine.rules();
  assert.equal(rules.id, defaultPack.id);
  assert.equal(rules.version, defaultPack.version);
  assert.equal(rules.counts.textRules, defaultPack.textRules.length);
});

test('score takes an object and returns a verdict with spans a page can slice', () => {
  const listing = { id: 'p1', title: '🔥 Sac ＲÉＰＬＩＣＡ qualité AAA grade 🔥', price: { amount: 20, currency: 'EUR' } };
  const verdict = engine.score(listing);
  assert.equal(verdict.id, 'p1');
  assert.equal(verdict.level, 'high');
  for (const evidence of verdict.evidence) {
    assert.equal(listing.title.slice(evidence.span.start, evidence.span.end), evidence.match);
  }
});

test('score also takes JSON text, and a listing object with a lone surrogate still scores', () => {
  assert.equal(engine.score('{"title":"super copy watch"}').level, 'high');
  // "replica" counts where the listing names goods that get copied (a bag), not on its own.
  const verdict = engine.score({ title: 'broken emoji \ud83d replica bag' });
  assert.equal(verdict.level, 'high');
  const title = 'broken emoji \ud83d replica bag';
  assert.equal(title.slice(verdict.evidence[0].span.start, verdict.evidence[0].span.end), 'replica');
  // In a batch too, and a low surrogate alone; a title that spells out "\ud800" as text is
  // not a surrogate and keeps its backslash.
  const [low, spelled] = engine.scoreBatch([{ title: 'replica \udc00 bag' }, { title: 'replica \\ud800 bag' }]);
  assert.equal(low.level, 'high');
  assert.equal(spelled.level, 'high');
  assert.equal(spelled.evidence[0].match, 'replica');
  const spelledVerdict = engine.score({ title: 'replica \\ud800 bag' });
  assert.deepEqual(spelledVerdict, spelled);
});

test('scoreBatch keeps order and numbers error lines by position', () => {
  const circular = { title: 'x' };
  circular.self = circular;
  const results = engine.scoreBatch([
    { title: 'AAA quality bag' },
    { title: '' },
    circular,
    { title: 'plain mug', price: { amount: 1n } },
    'not json',
    { title: 'Cotton socks' },
  ]);
  assert.equal(results.length, 6);
  assert.equal(results[0].level, 'high');
  assert.deepEqual(results[1].error, { code: 'empty_title', message: 'the title is empty', line: 2 });
  assert.equal(results[2].error.code, 'invalid_json');
  assert.equal(results[2].error.line, 3);
  assert.equal(results[3].error.line, 4);
  assert.equal(results[4].error.code, 'invalid_json');
  assert.equal(results[5].level, 'low');
  assert.deepEqual(engine.scoreBatch([]), []);
});

test('an invalid rule pack is refused with its problems and the old pack stays', () => {
  const before = engine.score({ title: 'replica bag' });
  const result = engine.loadRules({ ...defaultPack, schemaVersion: 2, thresholds: { medium: 90, high: 10 } });
  assert.equal(result.error.code, 'invalid_rules');
  assert.ok(result.error.problems.some((p) => p.path === '$.schemaVersion'));
  assert.ok(result.error.problems.some((p) => p.path === '$.thresholds'));
  assert.equal(engine.loadRules('{"broken": ').error.code, 'invalid_rules');
  assert.deepEqual(engine.score({ title: 'replica bag' }), before);
});

test('a valid custom pack takes effect, and the default can be restored', () => {
  const custom = structuredClone(defaultPack);
  custom.id = 'strict-test';
  custom.thresholds = { medium: 10, high: 20 };
  const loaded = engine.loadRules(custom);
  assert.equal(loaded.rules.id, 'strict-test');
  const verdict = engine.score({
    title: 'Watch', price: { amount: 10, currency: 'USD' }, listPrice: { amount: 400, currency: 'USD' },
  });
  assert.equal(verdict.rules.id, 'strict-test');
  assert.equal(verdict.level, 'high');
  assert.equal(engine.loadRules(defaultPack).rules.id, defaultPack.id);
});

test('the engine keeps working after every kind of error', () => {
  for (const text of ['', '[', '{"title":1}', `{"title":"${'z'.repeat(5 << 20)}"}`]) {
    assert.ok(engine.scoreJson(text).includes('"error"'));
  }
  assert.equal(engine.score({ title: 'mirror quality bag' }).level, 'high');
});

test('a 1 MB title scores', () => {
  const title = 'honest cotton shirt '.repeat(52000).slice(0, 1 << 20);
  const verdict = engine.score({ title });
  assert.equal(verdict.level, 'low');
});

test('load() rejects with a clear Error when the WebAssembly is not valid', async () => {
  const { load } = await import('../../dist/wasm/fakelens.mjs');
  await assert.rejects(load({ wasmBinary: new Uint8Array([0, 1, 2, 3]) }), /could not be loaded/);
});

test('load() needs the built-in pack beside the module, and says so when it is missing or broken', async () => {
  const { load } = await import('../../dist/wasm/fakelens.mjs');
  const wasmBinary = fs.readFileSync(new URL('../../dist/wasm/fakelens-core.wasm', import.meta.url));
  // In Node there is nothing to fetch from: the pack must be passed in.
  await assert.rejects(load({ wasmBinary }), /default\.rules\.json\) could not be fetched/);
  await assert.rejects(load({ wasmBinary, defaultRules: '{"schemaVersion": 1}' }), /default\.rules\.json\) is not valid/);
  // Another pack in its place is verified in full and then used.
  const other = { ...defaultPack, version: '9.9.9-test' };
  const engineWithOther = await load({ wasmBinary, defaultRules: JSON.stringify(other) });
  assert.equal(engineWithOther.rules().rules.version, '9.9.9-test');
  // The pack as bytes (what browsers fetch) scores exactly as the same pack as text.
  const packBytes = fs.readFileSync(new URL('../../dist/wasm/default.rules.json', import.meta.url));
  const fromBytes = await load({ wasmBinary, defaultRules: packBytes });
  const fromText = await load({ wasmBinary, defaultRules: packBytes.toString('utf8') });
  const listing = { title: 'N1ke Air Max replica 1:1', price: { amount: 19, currency: 'USD' } };
  assert.deepEqual(fromBytes.score(listing), fromText.score(listing));
  assert.ok(fromBytes.score(listing).evidence.length >= 2);
});

test('load() hashes the built-in pack with WebCrypto, and without it the core does the same', async () => {
  const { load } = await import('../../dist/wasm/fakelens.mjs');
  const wasmBinary = fs.readFileSync(new URL('../../dist/wasm/fakelens-core.wasm', import.meta.url));
  const packText = fs.readFileSync(new URL('../../dist/wasm/default.rules.json', import.meta.url), 'utf8');
  // A file that differs from the built-in one is verified in full: its broken example is caught.
  const example = '"Bag inspired by Louis Vuitton"';
  assert.ok(packText.includes(example));
  const edited = packText.replace(example, '"Bag inspired by nature"');
  await assert.rejects(load({ wasmBinary, defaultRules: edited }), /is not valid: .*does not match/s);
  const listing = { title: 'N1ke Air Max replica 1:1', price: { amount: 19, currency: 'USD' } };
  const withWebCrypto = await load({ wasmBinary, defaultRules: packText });
  // The loader's digest is what decides: told the edited file is the built-in one, the core
  // loads it without running its examples.
  const builtInDigest = createHash('sha256').update(packText).digest('hex');
  const realDigest = crypto.subtle.digest;
  crypto.subtle.digest = async () => new Uint8Array(Buffer.from(builtInDigest, 'hex')).buffer;
  try {
    const trusting = await load({ wasmBinary, defaultRules: edited });
    assert.equal(trusting.rules().rules.id, defaultPack.id);
  } finally {
    crypto.subtle.digest = realDigest;
  }
  const cryptoProperty = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
  Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
  try {
    const withoutWebCrypto = await load({ wasmBinary, defaultRules: packText });
    assert.deepEqual(withoutWebCrypto.rules(), withWebCrypto.rules());
    assert.deepEqual(withoutWebCrypto.score(listing), withWebCrypto.score(listing));
    await assert.rejects(load({ wasmBinary, defaultRules: edited }), /is not valid: .*does not match/s);
  } finally {
    Object.defineProperty(globalThis, 'crypto', cryptoProperty);
  }
});

test('load() prefers the pack\'s load image, and falls back to the JSON when the core refuses it', async () => {
  const { load } = await import('../../dist/wasm/fakelens.mjs');
  const wasmBinary = fs.readFileSync(new URL('../../dist/wasm/fakelens-core.wasm', import.meta.url));
  const image = fs.readFileSync(new URL('../../dist/wasm/default.rules.image', import.meta.url));
  const packText = fs.readFileSync(new URL('../../dist/wasm/default.rules.json', import.meta.url), 'utf8');
  const listings = fs.readFileSync(new URL('../data/labelled-listings.jsonl', import.meta.url), 'utf8');
  const fromJson = await load({ wasmBinary, defaultRules: packText });
  assert.equal(fromJson.builtInRulesFrom, 'default.rules.json');

  const fromImage = await load({ wasmBinary, defaultRulesImage: image, defaultRules: packText });
  assert.equal(fromImage.builtInRulesFrom, 'default.rules.image');
  assert.deepEqual(fromImage.rules(), fromJson.rules());
  assert.equal(fromImage.scoreLines(listings), fromJson.scoreLines(listings));

  // The caller's bytes are copied: changing them once load() has them changes nothing.
  const mine = new Uint8Array(image);
  const loading = load({ wasmBinary, defaultRulesImage: mine });
  mine.fill(0);
  assert.equal((await loading).builtInRulesFrom, 'default.rules.image');

  // Any view of the bytes will do.
  const asView = await load({ wasmBinary, defaultRulesImage: new DataView(image.buffer, image.byteOffset, image.byteLength) });
  assert.equal(asView.builtInRulesFrom, 'default.rules.image');

  // Damaged, or of another format: the JSON is loaded instead, scores the same, and a
  // warning says why.
  const damaged = new Uint8Array(image);
  damaged[damaged.length >> 1] ^= 0x01;
  const otherFormat = new Uint8Array(image);
  otherFormat[8] += 1;
  const warnings = [];
  const realWarn = console.warn;
  console.warn = (message) => warnings.push(message);
  try {
    for (const refused of [damaged, otherFormat, new Uint8Array(0), new TextEncoder().encode(packText)]) {
      const fellBack = await load({ wasmBinary, defaultRulesImage: refused, defaultRules: packText });
      assert.equal(fellBack.builtInRulesFrom, 'default.rules.json');
      assert.equal(fellBack.scoreLines(listings), fromJson.scoreLines(listings));
    }
    // In Node there is no JSON to fetch behind a refused image: the error names the file.
    await assert.rejects(load({ wasmBinary, defaultRulesImage: damaged }), /default\.rules\.json\) could not be fetched/);
  } finally {
    console.warn = realWarn;
  }
  assert.equal(warnings.length, 5);
  assert.match(warnings[0], /default\.rules\.image was not used \(.*checksum.*\); loading default\.rules\.json instead/);
  assert.match(warnings[1], /this build reads format/);
  assert.match(warnings[2], /not a FakeLens pack image/);
});

test('sellerRecord computes the credit record in the core, and refuses bad events with their path', () => {
  const history = { asOf: '2026-11-28', events: [{ type: 'report', at: '2026-11-28', count: 2 }, { type: 'seen', at: '2026-11-01', count: 12 }, { type: 'seenHigh', at: '2026-11-01', count: 5 }] };
  const { record } = engine.sellerRecord(history);
  assert.deepEqual(Object.keys(record), ['reports', 'seen', 'seenHigh', 'official', 'firstSeen', 'lastSeen', 'credit']);
  assert.equal(record.reports, 2);
  assert.equal(record.firstSeen, '2026-11-01');
  assert.ok(record.credit < 60 && record.credit > 40, String(record.credit));
  assert.deepEqual(engine.sellerRecord(JSON.stringify(history)), { record });
  const bad = engine.sellerRecord({ asOf: '2026-11-28', events: [{ type: 'seen', at: 'tomorrow' }] });
  assert.equal(bad.error.code, 'bad_value');
  assert.match(bad.error.message, /^events\[0\]\.at/);
  assert.equal(engine.sellerRecord('{').error.code, 'invalid_json');
});
