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

test('the manifest asks for the fewest permissions: content scripts on the adapters\' marketplaces, no host permissions, other sites only as optional', async () => {
  const fs = await import('node:fs');
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8'));
  const adapters = JSON.parse(fs.readFileSync(path.join(root, 'extension/sites/adapters.json'), 'utf8')).adapters;
  const wanted = adapters.flatMap((a) => a.hosts).map((host) => `https://*.${host}/*`).sort();
  // The content scripts' matches are all the marketplaces need; host_permissions would also
  // give the worker fetch and tab-URL access to every marketplace, which it never uses.
  assert.equal(manifest.host_permissions, undefined);
  assert.deepEqual([...manifest.content_scripts[0].matches].sort(), wanted);
  assert.deepEqual(manifest.optional_host_permissions, ['https://*/*']);
  assert.deepEqual(manifest.permissions, ['storage', 'scripting', 'alarms', 'contextMenus']);
});

test('no markup from strings, no eval, no remote code anywhere in the extension or the web demo', async () => {
  const fs = await import('node:fs');
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(m?js|html)$/.test(entry.name)) files.push(full);
    }
  };
  walk(path.join(root, 'extension'));
  walk(path.join(root, 'web'));
  const forbidden = [/\.innerHTML\s*=/, /\.outerHTML\s*=/, /insertAdjacentHTML/, /document\.write/, /\beval\s*\(/, /new Function\s*\(/,
    /<script[^>]+src=["']https?:/i, /import\s*\(?\s*["']https?:/, /importScripts\s*\(\s*["']https?:/];
  const found = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const pattern of forbidden) if (pattern.test(text)) found.push(`${path.relative(root, file)}: ${pattern}`);
  }
  assert.deepEqual(found, []);
  assert.ok(files.length > 20);
});
