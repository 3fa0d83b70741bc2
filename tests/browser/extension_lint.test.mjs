// The built extension passes Firefox's linter (web-ext lint, offline) without errors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { extensionDir } from '../support/extension.mjs';
import { root } from '../support/paths.mjs';

test('web-ext lint finds no errors in dist/extension', () => {
  const result = spawnSync(path.join(root, 'node_modules/.bin/web-ext'),
    ['lint', '--source-dir', extensionDir, '--output', 'json'], { encoding: 'utf8' });
  const report = JSON.parse(result.stdout);
  assert.equal(report.summary.errors, 0, JSON.stringify(report.errors, null, 1));
  // The only expected warning: Firefox ignores service_worker and uses background.scripts.
  const codes = report.warnings.map((w) => w.code);
  assert.deepEqual(codes.filter((c) => c !== 'BACKGROUND_SERVICE_WORKER_IGNORED'), []);
});
