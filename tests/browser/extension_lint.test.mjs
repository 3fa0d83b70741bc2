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

test('the manifest asks for exactly the adapters\' marketplaces, and other sites only as optional', async () => {
  const fs = await import('node:fs');
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8'));
  const adapters = JSON.parse(fs.readFileSync(path.join(root, 'extension/sites/adapters.json'), 'utf8')).adapters;
  const wanted = adapters.flatMap((a) => a.hosts).map((host) => `https://*.${host}/*`).sort();
  assert.deepEqual([...manifest.host_permissions].sort(), wanted);
  assert.deepEqual([...manifest.content_scripts[0].matches].sort(), wanted);
  assert.deepEqual(manifest.optional_host_permissions, ['https://*/*']);
  assert.deepEqual(manifest.permissions, ['storage', 'scripting', 'alarms', 'contextMenus']);
});
