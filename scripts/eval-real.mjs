#!/usr/bin/env node
// Measures a rule pack on the real labelled listings (tests/data/real/*.jsonl) with the
// native CLI's `fakelens eval`: per source, per language (the locale's language) and pooled.
// The held-out sources (tests/data/real/SOURCES.md: sha256(slug) % 3 == 0, fixed before any
// rule was written) are never scored unless --held-out is given, and are then reported
// apart: they are the figures that predict what shoppers will see. Never tune on them.
//
// Usage: node scripts/eval-real.mjs [--rules PACK] [--held-out] [--json]
//        node scripts/eval-real.mjs --misses SLUG [--rules PACK]   (development sources only)
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, 'tests/data/real');
const cli = process.env.FAKELENS_CLI ?? path.join(root, 'build/native/cli/fakelens');

/** The split rule of SOURCES.md. */
export function isHeldOut(slug) {
  return parseInt(crypto.createHash('sha256').update(slug, 'utf8').digest('hex').slice(0, 8), 16) % 3 === 0;
}

export function realSources() {
  return fs.readdirSync(dataDir).filter((name) => name.endsWith('.jsonl')).sort().map((name) => {
    const slug = name.slice(0, -'.jsonl'.length);
    const lines = fs.readFileSync(path.join(dataDir, name), 'utf8').split('\n').filter((line) => line.trim());
    return { slug, heldOut: isHeldOut(slug), lines };
  });
}

const languageOf = (line) => String(JSON.parse(line).locale ?? 'und').split('-')[0].toLowerCase();

function evaluate(lines, rules) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fakelens-eval-')), 'listings.jsonl');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  const args = ['eval', '--json', ...(rules ? ['--rules', rules] : []), file];
  const result = spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  if (result.error) throw new Error(`eval-real: cannot run ${cli} (${result.error.message}); build it with node scripts/build.mjs --native-only`);
  if (result.status !== 0) throw new Error(`eval-real: fakelens eval failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** Rows {name, listings, suspicious, recallMedium, precisionHigh, fprMedium, fprHigh} for each group. */
export function measure(sources, rules) {
  const row = (name, lines) => {
    const r = evaluate(lines, rules);
    return {
      name, listings: r.listings, suspicious: r.suspicious,
      recallMedium: r.suspicious ? r.levels.medium.recall : null,
      recallHigh: r.suspicious ? r.levels.high.recall : null,
      precisionHigh: r.levels.high.tp + r.levels.high.fp > 0 ? r.levels.high.precision : null,
      fprMedium: r.benign ? r.levels.medium.fpr : null,
      fprHigh: r.benign ? r.levels.high.fpr : null,
    };
  };
  const bySource = sources.map((s) => row(s.slug, s.lines));
  const languages = new Map();
  for (const s of sources) for (const line of s.lines) {
    const language = languageOf(line);
    if (!languages.has(language)) languages.set(language, []);
    languages.get(language).push(line);
  }
  const byLanguage = [...languages.keys()].sort().map((language) => row(language, languages.get(language)));
  const pooled = row('all', sources.flatMap((s) => s.lines));
  return { bySource, byLanguage, pooled };
}

const percent = (value) => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);
const ratio = (value) => (value === null ? '-' : value.toFixed(3));

function table(title, rows) {
  const lines = [`\n${title}`, '| group | listings | suspicious | suspicious at medium+ | at high | precision of high | benign at medium+ | benign at high |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const r of rows) {
    lines.push(`| ${r.name} | ${r.listings} | ${r.suspicious} | ${percent(r.recallMedium)} | ${percent(r.recallHigh)} | ${ratio(r.precisionHigh)} | ${percent(r.fprMedium)} | ${percent(r.fprHigh)} |`);
  }
  return lines.join('\n');
}

function printMisses(slug, rules) {
  const source = realSources().find((s) => s.slug === slug);
  if (!source) throw new Error(`eval-real: no source ${slug}`);
  if (source.heldOut) throw new Error(`eval-real: ${slug} is held out; its misses are not looked at while tuning`);
  const result = spawnSync(cli, ['score', ...(rules ? ['--rules', rules] : [])], { input: `${source.lines.join('\n')}\n`, encoding: 'utf8', maxBuffer: 1 << 28 });
  const verdicts = result.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line));
  source.lines.forEach((line, index) => {
    const listing = JSON.parse(line);
    const verdict = verdicts[index] ?? {};
    const flagged = verdict.level === 'medium' || verdict.level === 'high';
    const wrong = (listing.label === 'suspicious') !== flagged || (listing.label !== 'suspicious' && verdict.level === 'high');
    if (!wrong) return;
    const kind = listing.label === 'suspicious' ? 'MISS' : 'FALSE ALARM';
    const price = listing.price ? ` ${listing.price.amount} ${listing.price.currency}` : '';
    const evidence = (verdict.evidence ?? []).map((e) => `${e.rule}${e.match ? `="${e.match}"` : ''}`).join(', ');
    console.log(`${kind} ${verdict.level ?? 'error'} ${verdict.score ?? ''} [${(listing.tags ?? []).join(',')}] ${listing.title}${price}${evidence ? `  <- ${evidence}` : ''}${listing.review ? `  # ${listing.review}` : ''}`);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const rules = option('--rules');
  if (args.includes('--misses')) {
    printMisses(option('--misses'), rules);
  } else {
    const sources = realSources();
    const development = measure(sources.filter((s) => !s.heldOut), rules);
    const heldOut = args.includes('--held-out') ? measure(sources.filter((s) => s.heldOut), rules) : null;
    if (args.includes('--json')) {
      console.log(JSON.stringify({ development, heldOut }, null, 2));
    } else {
      console.log(table('Development sources (tuned on)', [...development.bySource, development.pooled]));
      console.log(table('Development sources by language', development.byLanguage));
      if (heldOut) {
        console.log(table('HELD-OUT sources (never tuned on)', [...heldOut.bySource, heldOut.pooled]));
        console.log(table('HELD-OUT sources by language', heldOut.byLanguage));
      } else {
        console.log('\nHeld-out sources were not scored (pass --held-out to report them, apart).');
      }
    }
  }
}
