// The default rule pack must keep meeting its quality targets (docs/SIGNALS.md):
// precision of `high` >= 0.95, >= 85% of suspicious listings at `medium` or above, and
// `high` on at most 1% of benign listings, on the project's own labelled set and on the
// real labelled listings beside the checkout.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { measure, realSources } from '../../scripts/eval-real.mjs';
import { runCli } from '../support/cli.mjs';
import { corpusDir, hasCorpus, testData } from '../support/paths.mjs';

function evaluate(file) {
  const { status, stdout, stderr } = runCli(['eval', '--json', file]);
  assert.equal(status, 0, stderr);
  return JSON.parse(stdout);
}

function assertTargets(result, name) {
  const { high, medium } = result.levels;
  assert.ok(high.precision >= 0.95, `${name}: precision of high ${high.precision}`);
  assert.ok(medium.recall >= 0.85, `${name}: suspicious at medium or above ${medium.recall}`);
  assert.ok(high.fpr <= 0.01, `${name}: benign at high ${high.fpr}`);
}

test('the project labelled set meets the targets', () => {
  const result = evaluate(path.join(testData, 'labelled-listings.jsonl'));
  assert.ok(result.listings >= 400);
  assertTargets(result, 'labelled-listings.jsonl');
});

test('the real labelled listings meet the targets', (t) => {
  if (!hasCorpus) {
    t.skip('../shared/corpus is not beside this checkout');
    return;
  }
  assertTargets(evaluate(path.join(corpusDir, 'listings-dev.jsonl')), 'listings-dev.jsonl');
});

// The real labelled listings of tests/data/real, development sources only (the held-out ones
// are measured apart, by hand, with scripts/eval-real.mjs --held-out). Detection v2 has not
// reached its recall target yet: these floors keep what it has reached from slipping, and
// the precision limits are the issue's own.
test('the development sources of tests/data/real: recall does not slip, high stays precise, benign stays quiet', () => {
  const development = realSources().filter((source) => !source.heldOut);
  assert.ok(development.length >= 15, `${development.length} development sources`);
  const { pooled, bySource } = measure(development);
  assert.ok(pooled.suspicious >= 300, `${pooled.suspicious} suspicious development listings`);
  assert.ok(pooled.recallMedium >= 0.55, `suspicious at medium or above: ${pooled.recallMedium}`);
  assert.ok(pooled.precisionHigh === null || pooled.precisionHigh >= 0.97, `precision of high: ${pooled.precisionHigh}`);
  assert.ok(pooled.fprHigh <= 0.005, `benign at high: ${pooled.fprHigh}`);
  assert.ok(pooled.fprMedium <= 0.02, `benign at medium or above: ${pooled.fprMedium}`);
  // No single source's honest listings may be flagged at high.
  for (const row of bySource) assert.ok(row.fprHigh === null || row.fprHigh === 0, `${row.name}: benign at high ${row.fprHigh}`);
});
