#!/usr/bin/env node
// Builds everything into git-ignored folders, reusing earlier builds:
//   build/native  the core, the `fakelens` CLI and the doctest suite (g++)
//   build/wasm    the same core as WebAssembly (em++)
//   dist/wasm     what every JS host loads: fakelens.mjs (loader and Emscripten's glue in
//                 one module) + fakelens-core.wasm + default.rules.json + default.rules.image
//                 (the same pack, written by the native CLI for a faster cold start)
//   dist/web      the web demo, with dist/wasm copied in as engine/
//   dist/extension the unpacked browser extension, with dist/wasm copied in as engine/
// Usage: node scripts/build.mjs [--native-only | --copy-only] [--wasm-flavor=release|debug]
//   --copy-only  only copies extension/ and web/ into dist/ again, beside the dist/wasm an
//                earlier build made: enough after a change to JS, HTML or adapters.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const nativeOnly = args.includes('--native-only');
const copyOnly = args.includes('--copy-only');
const flavor = (args.find((a) => a.startsWith('--wasm-flavor=')) ?? '--wasm-flavor=release').split('=')[1];
const jobs = String(Math.max(1, os.cpus().length));

// Emscripten's JS optimizer needs Debian's node modules (acorn) on NODE_PATH.
const env = { ...process.env };
if (fs.existsSync('/usr/share/nodejs')) {
  env.NODE_PATH = [env.NODE_PATH, '/usr/share/nodejs'].filter(Boolean).join(path.delimiter);
}

function run(command, commandArgs, what) {
  const started = Date.now();
  const result = spawnSync(command, commandArgs, { cwd: root, env, stdio: 'inherit' });
  if (result.error?.code === 'ENOENT') {
    console.error(`\nbuild: '${command}' is not installed. Run ./dev.sh bootstrap (as root on Debian/Ubuntu), or install it yourself.`);
    process.exit(1);
  }
  if (result.status !== 0) {
    console.error(`\nbuild: ${what} failed (exit ${result.status}).`);
    process.exit(result.status || 1);
  }
  return (Date.now() - started) / 1000;
}

function copyInto(source, destinationDir, name = path.basename(source)) {
  fs.mkdirSync(destinationDir, { recursive: true });
  fs.copyFileSync(source, path.join(destinationDir, name));
}

// The loader with Emscripten's glue inlined: a page imports one module, then fetches the
// .wasm and the pack, rather than waiting for a second module in between.
function writeBundledLoader(destination) {
  const loader = fs.readFileSync(path.join(root, 'wasm/fakelens.mjs'), 'utf8');
  const glue = fs.readFileSync(path.join(root, 'build/wasm/wasm/fakelens-core.mjs'), 'utf8');
  const importLine = "import createFakeLensCore from './fakelens-core.mjs';";
  const glueExport = /export default createFakeLensCore;\s*$/;
  if (!loader.includes(importLine) || !glueExport.test(glue)) {
    console.error('\nbuild: wasm/fakelens.mjs or the Emscripten glue changed shape; cannot inline the glue.');
    process.exit(1);
  }
  const inlined = `// Emscripten's glue (build/wasm/wasm/fakelens-core.mjs), inlined by scripts/build.mjs.\n${glue.replace(glueExport, '')}`;
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  fs.writeFileSync(destination, loader.replace(importLine, () => inlined));
}

// The hosts of the engine: the unpacked extension and the web demo, each with dist/wasm beside it.
function copyHosts(distWasm) {
  // The unpacked extension: its sources, with the engine beside them.
  const distExtension = path.join(root, 'dist/extension');
  fs.rmSync(distExtension, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'extension'), distExtension, { recursive: true, filter: (source) => !source.endsWith('README.md') });
  fs.cpSync(distWasm, path.join(distExtension, 'engine'), { recursive: true });

  const distWeb = path.join(root, 'dist/web');
  fs.rmSync(distWeb, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'web'), distWeb, { recursive: true });
  fs.cpSync(distWasm, path.join(distWeb, 'engine'), { recursive: true });
  // The demo marketplace runs the extension's own extraction and annotation code.
  for (const folder of ['content', 'shared']) {
    fs.cpSync(path.join(root, 'extension', folder), path.join(distWeb, 'annotator', folder), { recursive: true });
  }
}

const timings = {};
const distWasm = path.join(root, 'dist/wasm');
if (copyOnly) {
  if (!fs.existsSync(path.join(distWasm, 'fakelens-core.wasm'))) {
    console.error('build: --copy-only needs dist/wasm from an earlier full build; run node scripts/build.mjs first.');
    process.exit(1);
  }
  const started = Date.now();
  copyHosts(distWasm);
  timings.copy = (Date.now() - started) / 1000;
} else {
  timings.native = run('cmake', ['-S', '.', '-B', 'build/native', '-DCMAKE_BUILD_TYPE=Release', '-DFAKELENS_BUILD_TESTS=ON'], 'configuring the native build')
    + run('cmake', ['--build', 'build/native', '-j', jobs], 'the native build');

  if (!nativeOnly) {
    timings.wasm = run('emcmake', ['cmake', '-S', '.', '-B', 'build/wasm', '-DCMAKE_BUILD_TYPE=Release', `-DFAKELENS_WASM_FLAVOR=${flavor}`], 'configuring the WebAssembly build')
      + run('cmake', ['--build', 'build/wasm', '-j', jobs, '--target', 'fakelens_wasm'], 'the WebAssembly build');

    fs.rmSync(distWasm, { recursive: true, force: true });
    writeBundledLoader(path.join(distWasm, 'fakelens.mjs'));
    copyInto(path.join(root, 'build/wasm/wasm/fakelens-core.wasm'), distWasm);
    copyInto(path.join(root, 'rules/default.rules.json'), distWasm);
    run(path.join(root, 'build/native/cli/fakelens'), ['rules', 'image', path.join(distWasm, 'default.rules.image')],
      "writing the built-in pack's load image");
    copyHosts(distWasm);
  }
}

const seconds = Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ');
console.log(`\nbuild: done (${seconds}).`);
console.log(`  CLI:          ${path.join(root, 'build/native/cli/fakelens')}`);
if (!nativeOnly) {
  const wasmBytes = fs.statSync(path.join(root, 'dist/wasm/fakelens-core.wasm')).size;
  console.log(`  WebAssembly:  ${path.join(root, 'dist/wasm')} (fakelens-core.wasm ${(wasmBytes / 1024).toFixed(0)} KiB)`);
  console.log(`  web demo:     ${path.join(root, 'dist/web')}`);
  console.log(`  extension:    ${path.join(root, 'dist/extension')} (load unpacked)`);
}
