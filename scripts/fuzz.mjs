#!/usr/bin/env node
// `npm run fuzz -- [--seconds N] [--target listing|rule_pack|pack_image|seller_record]...`
// Builds the libFuzzer targets with clang (build/fuzz, AddressSanitizer and UBSan), makes
// seed corpora from the tests, replays every kept finding (tests/fuzz/regressions/<target>),
// then fuzzes each target for N seconds (default 60). The corpus grows in build/fuzz/corpus;
// a finding lands in build/fuzz/findings/<target>/ and fails the run. Totals across runs
// (seconds, executions) are kept per target in build/fuzz/totals-<target>.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = path.join(root, 'build/fuzz');
const TARGETS = ['listing', 'rule_pack', 'pack_image', 'seller_record'];

const args = process.argv.slice(2);
let seconds = 60;
const chosen = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--seconds') seconds = Number(args[++i]);
  else if (args[i] === '--target') chosen.push(args[++i]);
  else {
    console.error(`fuzz: unknown argument ${args[i]}\nusage: npm run fuzz -- [--seconds N] [--target ${TARGETS.join('|')}]`);
    process.exit(64);
  }
}
if (!Number.isFinite(seconds) || seconds < 1) {
  console.error('fuzz: --seconds needs a whole number of seconds');
  process.exit(64);
}
const targets = chosen.length ? chosen : TARGETS;
for (const t of targets) {
  if (!TARGETS.includes(t)) {
    console.error(`fuzz: no target ${t}; targets: ${TARGETS.join(', ')}`);
    process.exit(64);
  }
}

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
  if (result.error?.code === 'ENOENT') {
    console.error(`fuzz: ${command} is not installed. On Debian: apt-get install clang libclang-rt-dev (./dev.sh test does it as root).`);
    process.exit(1);
  }
  return result;
}

// Build. Configured every run (quick once cached), so a target added since knows its rule.
const configured = run('cmake', ['-S', '.', '-B', buildDir, '-DCMAKE_BUILD_TYPE=RelWithDebInfo', '-DCMAKE_C_COMPILER=clang',
  '-DCMAKE_CXX_COMPILER=clang++', '-DFAKELENS_FUZZ=ON', '-DFAKELENS_BUILD_TESTS=OFF', '-DFAKELENS_BUILD_CLI=OFF'],
{ stdio: ['ignore', 'ignore', 'inherit'] });
if (configured.status !== 0) process.exit(1);
const built = run('cmake', ['--build', buildDir, '-j', '2', '--target', ...targets.map((t) => `fuzz_${t}`)]);
if (built.status !== 0) process.exit(1);

// Seeds from the tests.
function writeSeeds(target, inputs) {
  const dir = path.join(buildDir, 'seeds', target);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  inputs.forEach((input, i) => fs.writeFileSync(path.join(dir, `seed-${String(i).padStart(4, '0')}`), input));
  return dir;
}
const conformance = fs.readFileSync(path.join(root, 'tests/data/conformance-listings.jsonl'));
const conformanceLines = [];
for (let start = 0; start < conformance.length;) {
  let end = conformance.indexOf(0x0a, start);
  if (end < 0) end = conformance.length;
  conformanceLines.push(conformance.subarray(start, end));
  start = end + 1;
}
const labelled = fs.readFileSync(path.join(root, 'tests/data/labelled-listings.jsonl'), 'utf8').trim().split('\n').slice(0, 150);
const pack = JSON.parse(fs.readFileSync(path.join(root, 'rules/default.rules.json'), 'utf8'));
// Small packs cut from the default one: each kind of section, a few rules each.
const smallPack = (extra) => JSON.stringify({ schemaVersion: 1, id: 'seed', version: '1', description: 'seed', thresholds: pack.thresholds, ...extra });
const packSeeds = [
  smallPack({ textRules: pack.textRules.slice(0, 4) }),
  smallPack({ textRules: pack.textRules.slice(20, 23), brands: pack.brands.slice(0, 6), brandDisguise: pack.brandDisguise }),
  smallPack({ exchangeRates: pack.exchangeRates, priceFloors: { ...pack.priceFloors, floors: pack.priceFloors.floors.slice(0, 3) }, brands: pack.brands.slice(0, 3) }),
  smallPack({ exchangeRates: pack.exchangeRates, specRules: pack.specRules.slice(0, 2), styleRule: pack.styleRule }),
  smallPack({ listingRules: pack.listingRules, discountRules: pack.discountRules, textDiscountRules: pack.textDiscountRules }),
  smallPack({ textRules: pack.textRules.slice(0, 2), comboRules: [], sellerRecordRule: pack.sellerRecordRule }),
];
const histories = conformanceLines.map((line) => {
  try {
    return JSON.stringify(JSON.parse(line.toString('utf8')).seller?.history ?? null);
  } catch {
    return 'null';
  }
}).filter((h) => h !== 'null');
histories.push('{"asOf":"2026-11-28","events":[]}', '2026-11-28T23:59:59.999-12:00', '{"asOf":"2026-02-29","events":[{"type":"official","at":"1970-01-01"}]}');
// The built-in pack's image fields (behind its 84-byte header), whole and cut short, from
// the last build (scripts/build.mjs writes it); none when nothing was built yet.
const imageSeeds = () => {
  const image = path.join(root, 'dist/wasm/default.rules.image');
  if (!fs.existsSync(image)) return [];
  const fields = fs.readFileSync(image).subarray(84);
  return [fields, fields.subarray(0, 4096), fields.subarray(0, 32768)];
};
// Only the chosen targets' seeds: runs for different targets may go on side by side.
const seedInputs = { listing: () => [...conformanceLines, ...labelled], rule_pack: () => packSeeds, pack_image: imageSeeds, seller_record: () => histories };
const seeds = Object.fromEntries(targets.map((t) => [t, writeSeeds(t, seedInputs[t]())]));
const maxLen = { listing: 8192, rule_pack: 65536, pack_image: 262144, seller_record: 8192 };

// Replay kept findings, then fuzz.
// One totals file per target, so targets fuzzed in parallel processes do not overwrite each other.
const totalsFile = (target) => path.join(buildDir, `totals-${target}.json`);
const totals = Object.fromEntries(targets.filter((t) => fs.existsSync(totalsFile(t)))
  .map((t) => [t, JSON.parse(fs.readFileSync(totalsFile(t), 'utf8'))]));
let failed = false;
const summary = [];
for (const target of targets) {
  const binary = path.join(buildDir, 'tests/fuzz', `fuzz_${target}`);
  const regressions = path.join(root, 'tests/fuzz/regressions', target);
  const kept = fs.existsSync(regressions) ? fs.readdirSync(regressions).map((f) => path.join(regressions, f)) : [];
  if (kept.length > 0) {
    const replay = run(binary, kept, { stdio: ['ignore', 'ignore', 'inherit'] });
    if (replay.status !== 0) {
      console.error(`fuzz: ${target}: a kept finding fails again`);
      failed = true;
      continue;
    }
  }
  const corpus = path.join(buildDir, 'corpus', target);
  const findings = path.join(buildDir, 'findings', target);
  fs.mkdirSync(corpus, { recursive: true });
  fs.mkdirSync(findings, { recursive: true });
  const result = spawnSync(binary, [corpus, seeds[target], `-max_total_time=${seconds}`, '-print_final_stats=1', '-timeout=10',
    '-rss_limit_mb=2048', `-max_len=${maxLen[target]}`, `-artifact_prefix=${findings}/`], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const stats = result.stderr ?? '';
  const executions = Number(/stat::number_of_executed_units:\s*(\d+)/.exec(stats)?.[1] ?? 0);
  const found = fs.readdirSync(findings);
  totals[target] = { seconds: (totals[target]?.seconds ?? 0) + seconds, executions: (totals[target]?.executions ?? 0) + executions };
  summary.push(`${target}: ${executions} executions in ${seconds} s, ${found.length} finding(s); all runs: ${totals[target].seconds} s, ${totals[target].executions} executions`);
  if (result.status !== 0 || found.length > 0) {
    failed = true;
    console.error(stats.split('\n').slice(-40).join('\n'));
    console.error(`fuzz: ${target} found a problem; inputs in ${findings}. Fix it, then keep the input in tests/fuzz/regressions/${target}/.`);
  }
}
for (const [target, total] of Object.entries(totals)) fs.writeFileSync(totalsFile(target), `${JSON.stringify(total, null, 2)}\n`);
console.log(`\nfuzz: ${summary.join('\n      ')}`);
process.exit(failed ? 1 : 0);
