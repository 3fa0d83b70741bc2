#!/usr/bin/env node
// `npm test`: builds, then runs every test tier in order and stops at the first failure.
//   1. core     doctest suites through ctest (build/native)
//   2. node     node --test: the WebAssembly module through its loader, the CLI contract,
//               the extension's and the web demo's plain JS (tests/extension, tests/web)
//   3. sanitize the doctest suites again, built with AddressSanitizer and UBSan (build/sanitize)
//   4. fuzz     each libFuzzer target replays its kept findings and fuzzes briefly (scripts/fuzz.mjs)
//   5. browser  node --test with real headless Chromium (Debian's chromium + playwright-core)
//   6. bench    scripts/bench.mjs --smoke: every measurement on tiny sizes, no timing asserted
// Set FAKELENS_SKIP_BUILD=1 to test what is already built.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const timings = [];

function stage(name, command, args, options = {}) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  const seconds = (Date.now() - started) / 1000;
  timings.push(`${name} ${seconds.toFixed(1)} s`);
  if (result.error?.code === 'ENOENT') {
    console.error(`test: '${command}' is not installed; run ./dev.sh bootstrap.`);
    process.exit(1);
  }
  if (result.status !== 0) {
    console.error(`\ntest: ${name} failed (exit ${result.status}). Times so far: ${timings.join(', ')}`);
    process.exit(result.status || 1);
  }
}

if (process.env.FAKELENS_SKIP_BUILD !== '1') {
  stage('build', process.execPath, ['scripts/build.mjs']);
}
stage('core (doctest via ctest)', 'ctest', ['--test-dir', 'build/native', '--output-on-failure', '-j', '2']);
stage('node (contract, wasm loader, CLI, scripts, extension and web code)', process.execPath, ['--test', 'tests/contract', 'tests/wasm', 'tests/cli', 'tests/scripts', 'tests/extension', 'tests/web']);

// The core again under AddressSanitizer and UndefinedBehaviorSanitizer: any report fails.
// Built with clang (as the fuzzers are): GCC 12's UBSan rejects a constexpr in Abseil.
const sanitizeDir = path.join(root, 'build/sanitize');
if (!fs.existsSync(path.join(sanitizeDir, 'CMakeCache.txt'))) {
  stage('sanitize: configure', 'cmake', ['-S', '.', '-B', sanitizeDir, '-DCMAKE_BUILD_TYPE=RelWithDebInfo', '-DFAKELENS_SANITIZE=ON',
    '-DFAKELENS_BUILD_CLI=OFF', '-DCMAKE_C_COMPILER=clang', '-DCMAKE_CXX_COMPILER=clang++']);
}
stage('sanitize: build', 'cmake', ['--build', sanitizeDir, '-j', '2']);
stage('core under ASan and UBSan', 'ctest', ['--test-dir', sanitizeDir, '--output-on-failure', '-j', '2'], {
  env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=1', UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=1' },
});
stage('fuzz smoke (10 s per target)', process.execPath, ['scripts/fuzz.mjs', '--seconds', '10']);

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  console.error(`\ntest: Chromium is needed for the browser tests and was not found at ${chromium}.\n` +
    'Install it (Debian: apt-get install chromium) or run ./dev.sh test as root, which installs it.');
  process.exit(1);
}
stage('browser (headless Chromium)', process.execPath, ['--test', 'tests/browser']);
// The benchmark on tiny sizes, so it cannot rot; no timing is asserted.
stage('bench smoke', process.execPath, ['scripts/bench.mjs', '--smoke']);

console.log(`\ntest: every tier passed (${timings.join(', ')}).`);
