// The native CLI against docs/contract/CONTRACT.md, "Command line".
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { badInputs, invalidUtf8Line } from '../support/bad_inputs.mjs';
import { runCli } from '../support/cli.mjs';
import { cliPath, defaultPackPath, testData } from '../support/paths.mjs';
import { verdictValidator } from '../support/schema.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fakelens-cli-'));
const conformance = path.join(testData, 'conformance-listings.jsonl');

test('score prints one schema-valid verdict per input line, in order', () => {
  const input = fs.readFileSync(conformance, 'utf8');
  const inputLines = input.split('\n');
  if (inputLines.at(-1) === '') inputLines.pop();
  const { status, stdout, stderr } = runCli(['score', conformance]);
  const outputLines = stdout.split('\n');
  assert.equal(outputLines.pop(), '', 'output ends with a newline');
  assert.equal(outputLines.length, inputLines.length);
  const validate = verdictValidator();
  let errors = 0;
  outputLines.forEach((line, index) => {
    const verdict = JSON.parse(line);
    assert.equal(validate(verdict), null, `line ${index + 1}: ${line.slice(0, 200)}`);
    if (verdict.error) {
      errors += 1;
      assert.equal(verdict.error.line, index + 1, 'an error carries its 1-based line');
    } else {
      const listing = JSON.parse(inputLines[index]);
      if (typeof listing.id === 'string') assert.equal(verdict.id, listing.id);
    }
  });
  assert.ok(errors > 0, 'the conformance file holds invalid lines');
  assert.equal(status, 2, 'exit 2 when some lines were errors');
  assert.match(stderr, /could not be scored/);
});

test('score exits 0 when every line scored, reading standard input', () => {
  const input = '{"title":"Cotton T-shirt"}\n{"title":"AAA quality replica watch"}\n';
  const { status, stdout } = runCli(['score', '-'], { input });
  assert.equal(status, 0);
  const [honest, replica] = stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(honest.level, 'low');
  assert.equal(replica.level, 'high');
  assert.deepEqual(replica.evidence.map((e) => e.match), ['AAA quality', 'replica']);
});

test('a final line without a newline is scored; CRLF line breaks are accepted', () => {
  const { status, stdout } = runCli(['score'], { input: '{"title":"a"}\r\n{"title":"b"}' });
  assert.equal(status, 0);
  assert.equal(stdout.split('\n').length, 3);
});

test('every bad input gets its error code and line number', () => {
  const lines = badInputs.map((c) => c.text);
  const { status, stdout } = runCli(['score'], { input: `${lines.join('\n')}\n{"title":"fine"}\n` });
  assert.equal(status, 2);
  const verdicts = stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(verdicts.length, badInputs.length + 1);
  badInputs.forEach((c, index) => {
    assert.equal(verdicts[index].error?.code, c.code, c.name);
    assert.equal(verdicts[index].error.line, index + 1, c.name);
  });
  assert.equal(verdicts.at(-1).level, 'low', 'the rest are still scored');
});

test('invalid UTF-8 bytes are an invalid_utf8 error', () => {
  const { status, stdout } = runCli(['score'], { input: invalidUtf8Line });
  assert.equal(status, 2);
  assert.equal(JSON.parse(stdout).error.code, 'invalid_utf8');
});

test('a line over the 4 MiB listing limit is reported as too_large without being kept', () => {
  const input = `{"title":"${'y'.repeat(5 << 20)}"}\n{"title":"after"}\n`;
  const { status, stdout } = runCli(['score'], { input });
  assert.equal(status, 2);
  const [first, second] = stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(first.error.code, 'too_large');
  assert.equal(first.error.line, 1);
  assert.equal(second.level, 'low');
});

test('an invalid rule pack stops score with exit 1 and every problem on stderr', () => {
  const pack = JSON.parse(fs.readFileSync(defaultPackPath, 'utf8'));
  pack.schemaVersion = 99;
  pack.textRules[0].pattern = '(unclosed';
  pack.textRules[1].weight = 3;
  const packPath = path.join(tmp, 'bad.rules.json');
  fs.writeFileSync(packPath, JSON.stringify(pack));
  const { status, stdout, stderr } = runCli(['score', '--rules', packPath], { input: '{"title":"a"}\n' });
  assert.equal(status, 1);
  assert.equal(stdout, '');
  assert.match(stderr, /3 problems/);
  assert.match(stderr, /\$\.schemaVersion/);
  assert.match(stderr, /textRules\[0\]\.pattern: is not a valid RE2 pattern/);
  assert.match(stderr, /textRules\[1\]\.weight/);
});

test('a missing input file is exit 1 with the reason', () => {
  const { status, stderr } = runCli(['score', path.join(tmp, 'nope.jsonl')]);
  assert.equal(status, 1);
  assert.match(stderr, /cannot open/);
});

test('rules check describes a valid pack and lists every problem of an invalid one', () => {
  const ok = runCli(['rules', 'check', defaultPackPath]);
  assert.equal(ok.status, 0);
  assert.match(ok.stdout, /valid rule pack/);
  assert.match(ok.stdout, /text rules/);
  const json = runCli(['rules', 'check', '--json', defaultPackPath]);
  assert.equal(JSON.parse(json.stdout).id, 'fakelens-default');

  const broken = path.join(tmp, 'broken.rules.json');
  fs.writeFileSync(broken, JSON.stringify({ schemaVersion: 1, id: 'x', textRules: [{ id: 'BAD' }] }));
  const bad = runCli(['rules', 'check', broken]);
  assert.equal(bad.status, 1);
  for (const expected of ['$.version', '$.description', '$.thresholds', 'textRules[0].id', 'textRules[0].pattern', 'textRules[0].examples']) {
    assert.ok(bad.stderr.includes(expected), `${expected} is listed in:\n${bad.stderr}`);
  }
});

test('rules image writes the built-in pack\'s load image whole, or nothing', () => {
  const out = path.join(tmp, 'default.rules.image');
  const written = runCli(['rules', 'image', out]);
  assert.equal(written.status, 0, written.stderr);
  assert.match(written.stdout, /wrote .*default\.rules\.image \(\d+ bytes\): fakelens-default/);
  const image = fs.readFileSync(out);
  assert.equal(image.subarray(0, 8).toString('latin1'), 'FLPKIMG\n');
  // The same image each time, and the same the build shipped.
  assert.ok(runCli(['rules', 'image', out]).status === 0 && fs.readFileSync(out).equals(image));
  const shipped = path.join(path.dirname(cliPath), '../../../dist/wasm/default.rules.image');
  if (fs.existsSync(shipped)) assert.ok(fs.readFileSync(shipped).equals(image), 'dist/wasm holds this build\'s image');

  const nowhere = path.join(tmp, 'no-such-folder', 'x.image');
  const failed = runCli(['rules', 'image', nowhere]);
  assert.equal(failed.status, 1);
  assert.match(failed.stderr, /cannot write .*x\.image/);
  assert.ok(!fs.existsSync(nowhere) && !fs.existsSync(`${nowhere}.partial`));
  assert.equal(runCli(['rules', 'image']).status, 1);
  assert.match(runCli(['rules', 'image', '--rules', defaultPackPath, out]).stderr, /no options/);
  assert.match(runCli(['rules', 'frobnicate']).stderr, /rules check \[PACK\], rules image OUT/);
});

test('eval prints precision, recall, F1 and FPR per level and per tag', () => {
  const labelled = path.join(tmp, 'labelled.jsonl');
  fs.writeFileSync(labelled, [
    { title: 'AAA quality replica bag', label: 'suspicious', tags: ['counterfeit'] },
    { title: '高仿 手表', label: 'suspicious', tags: ['counterfeit'] },
    { title: 'Designer-style tote', label: 'suspicious', tags: ['knockoff'] },
    { title: 'AAA batteries 24 pack', label: 'benign', tags: ['hard-negative'] },
    { title: 'Case for iPhone 15', label: 'benign', tags: ['hard-negative'] },
  ].map((l) => JSON.stringify(l)).join('\n') + '\n{"title":"no label"}\n');
  const table = runCli(['eval', labelled]);
  assert.equal(table.status, 2, 'a line without a label is an error line');
  assert.match(table.stdout, /precision/);
  assert.match(table.stdout, /hard-negative/);
  assert.match(table.stderr, /line 6: bad_value/);
  const json = JSON.parse(runCli(['eval', '--json', labelled]).stdout);
  assert.equal(json.listings, 5);
  assert.equal(json.errors, 1);
  assert.equal(json.levels.high.tp, 2);
  assert.equal(json.levels.high.fp, 0);
  assert.equal(json.levels.high.precision, 1);
  assert.equal(json.tags.knockoff.high.recall, 0);
  assert.equal(json.tags['hard-negative'].benignFprMedium, 0);
});

test('usage errors exit 1 with help', () => {
  assert.equal(runCli([]).status, 1);
  assert.match(runCli(['frobnicate']).stderr, /unknown command/);
  assert.match(runCli(['score', '--bogus']).stderr, /unknown option/);
});

// Streams `megabytes` of listings into `fakelens score` and returns its peak RSS in KiB. The
// peak (VmHWM, which only grows) is read once, while the CLI is still running: after it has
// answered nine lines in ten and before its input ends. Nothing is sampled on a timer, so a
// busy machine cannot make the reading miss the peak or come too early.
async function peakRssScoring(megabytes) {
  const child = spawn(cliPath, ['score'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  let answered = 0;
  let onAnswer = () => {};
  child.stdout.on('data', (data) => {
    for (const byte of data) if (byte === 10) answered += 1;
    onAnswer();
  });
  const line = `${JSON.stringify({ title: 'Leather tote bag, AAA quality replica 高仿', description: 'Roomy and soft. '.repeat(40), price: { amount: 30, currency: 'USD' }, listPrice: { amount: 400, currency: 'USD' } })}\n`;
  const linesPerChunk = Math.ceil((1 << 20) / line.length);
  const chunk = Buffer.from(line.repeat(linesPerChunk));
  let lines = 0;
  for (let written = 0; written < megabytes << 20; written += chunk.length) {
    lines += linesPerChunk;
    if (!child.stdin.write(chunk)) await new Promise((resolve) => child.stdin.once('drain', resolve));
  }
  await new Promise((resolve) => {
    onAnswer = () => answered >= lines * 0.9 && resolve();
    onAnswer();
  });
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const peakKiB = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  child.stdin.end();
  assert.equal(await exited, 0);
  assert.ok(peakKiB > 0, `VmHWM read from /proc/${child.pid}/status`);
  return peakKiB;
}

test('score streams: memory does not grow with the input (16 MB vs 128 MB)', async () => {
  const small = await peakRssScoring(16);
  const large = await peakRssScoring(128);
  // Eight times the input, and the peak stays within a few MiB (RE2's caches are bounded).
  assert.ok(large <= small + 16 * 1024, `peak RSS ${small} KiB for 16 MB, ${large} KiB for 128 MB`);
});
