#!/usr/bin/env node
// `npm run package`: builds, lints the extension with web-ext (Firefox's linter, offline),
// and writes the store zips to dist/packages/: one for Chromium browsers, one for Firefox
// (the same files; Chromium reads background.service_worker, Firefox background.scripts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status || 1);
};
const webExt = path.join(root, 'node_modules/.bin/web-ext');

run(process.execPath, ['scripts/build.mjs']);
run(webExt, ['lint', '--source-dir', 'dist/extension']);
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'extension/manifest.json'), 'utf8'));
const out = path.join(root, 'dist/packages');
fs.rmSync(out, { recursive: true, force: true });
run(webExt, ['build', '--source-dir', 'dist/extension', '--artifacts-dir', out, '--filename', `fakelens-firefox-${version}.zip`]);
fs.copyFileSync(path.join(out, `fakelens-firefox-${version}.zip`), path.join(out, `fakelens-chromium-${version}.zip`));
console.log(`\npackage: ${out}/fakelens-chromium-${version}.zip and fakelens-firefox-${version}.zip`);
