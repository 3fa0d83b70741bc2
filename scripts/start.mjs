#!/usr/bin/env node
// `npm start`: builds everything, then serves the web demo on 127.0.0.1 and says where
// the built extension is. Stop with Ctrl+C. PORT=... picks the port (default 8080; the
// next free one is used when it is taken).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDirectory } from './static_server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (!process.argv.includes('--no-build')) {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status || 1);
}

const webDir = path.join(root, 'dist/web');
const preferredPort = Number(process.env.PORT ?? 8080);
const { port } = await serveDirectory(webDir, { port: preferredPort, tryNextPorts: 20 });

const extensionDir = path.join(root, 'dist/extension');
console.log(`\nFakeLens web demo: http://127.0.0.1:${port}/`);
if (fs.existsSync(path.join(extensionDir, 'manifest.json'))) {
  console.log(`Built extension:   ${extensionDir}  (load it unpacked from chrome://extensions, developer mode)`);
} else {
  console.log('Built extension:   not built yet (the extension is not part of this version)');
}
console.log('Command line:      npm run --silent cli -- score listings.jsonl');
console.log('Press Ctrl+C to stop.');
