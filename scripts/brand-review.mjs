#!/usr/bin/env node
// Reviews the brand-disguise signal (and anything else that reaches `high`) over a folder
// of benign product titles: files named <source>.<language>.txt, one real title per line,
// kept OUTSIDE the repository (their README says where each came from). Every title is
// scored as a listing of its own ({"title": ...}, no price, no seller) with the native CLI,
// and the hits are printed grouped by rule and matched text, with counts, per language.
//
// Usage: node scripts/brand-review.mjs [DIR] [--rules PACK] [--examples N] [--json]
//   DIR defaults to $FAKELENS_BENIGN_TITLES or /work/benign-titles. When the folder is
//   absent the script says so and exits 0: the titles are not part of the repository.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = process.env.FAKELENS_CLI ?? path.join(root, 'build/native/cli/fakelens');

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  args.splice(at, 2);
  return value;
};
const rules = option('--rules');
const examples = Number(option('--examples') ?? 3);
const asJson = args.includes('--json');
const dir = args.find((a) => !a.startsWith('--')) ?? process.env.FAKELENS_BENIGN_TITLES ?? '/work/benign-titles';

if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
  console.log(`brand-review: skipped, no folder of benign titles at ${dir} (see the script's header for the layout)`);
  process.exit(0);
}
const files = fs.readdirSync(dir).filter((f) => /^[^.]+\.[a-z]{2,3}\.txt$/.test(f)).sort();
if (files.length === 0) {
  console.log(`brand-review: skipped, ${dir} holds no <source>.<language>.txt files`);
  process.exit(0);
}

/** Scores titles with the CLI; returns one verdict (parsed) per title. */
function score(titles) {
  const input = titles.map((title) => JSON.stringify({ title })).join('\n') + '\n';
  const result = spawnSync(cli, ['score', ...(rules ? ['--rules', rules] : []), '-'],
    { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.error) throw new Error(`brand-review: cannot run ${cli} (${result.error.message}); build it with node scripts/build.mjs --native-only`);
  const lines = result.stdout.split('\n').filter((l) => l.trim());
  if (lines.length !== titles.length) throw new Error(`brand-review: ${titles.length} titles but ${lines.length} verdicts: ${result.stderr}`);
  return lines.map((l) => JSON.parse(l));
}

const perLanguage = new Map();  // language -> {titles, brandHits, highTitles}
const groups = new Map();       // "rule | match" -> {rule, match, brand, count, languages:Set, examples:[]}
let total = 0;
for (const file of files) {
  const [source, language] = file.split('.');
  const titles = fs.readFileSync(path.join(dir, file), 'utf8').split('\n').map((t) => t.trim()).filter(Boolean);
  const stats = perLanguage.get(language) ?? { titles: 0, brandHits: 0, brandTitles: 0, highTitles: 0 };
  perLanguage.set(language, stats);
  for (let start = 0; start < titles.length; start += 20000) {
    const chunk = titles.slice(start, start + 20000);
    const verdicts = score(chunk);
    verdicts.forEach((verdict, i) => {
      const evidence = verdict.evidence ?? [];
      const brand = evidence.filter((e) => e.ruleId === 'brand.disguise' || e.rule === 'brand.disguise' || e.id === 'brand.disguise');
      const high = verdict.level === 'high';
      if (brand.length) stats.brandTitles += 1;
      stats.brandHits += brand.length;
      if (high) stats.highTitles += 1;
      const shown = high ? evidence : brand;
      for (const e of shown) {
        const rule = e.ruleId ?? e.rule ?? e.id;
        const match = String(e.args?.match ?? e.match ?? e.target?.match ?? '').toLowerCase();
        const key = `${rule} | ${match}`;
        const g = groups.get(key) ?? { rule, match, brand: e.args?.brand, count: 0, languages: new Set(), examples: [] };
        g.count += 1;
        g.languages.add(language);
        if (g.examples.length < examples) g.examples.push(`[${source}] ${chunk[i]}`);
        groups.set(key, g);
      }
    });
  }
  stats.titles += titles.length;
  total += titles.length;
}

const sorted = [...groups.values()].sort((a, b) => a.rule.localeCompare(b.rule) || b.count - a.count || a.match.localeCompare(b.match));
if (asJson) {
  console.log(JSON.stringify({
    titles: total,
    languages: Object.fromEntries(perLanguage),
    hits: sorted.map((g) => ({ ...g, languages: [...g.languages].sort() })),
  }, null, 2));
  process.exit(0);
}
console.log(`brand-review: ${total} titles from ${files.length} files in ${dir}\n`);
console.log('| language | titles | titles with brand.disguise | brand.disguise hits | titles at high |');
console.log('| --- | ---: | ---: | ---: | ---: |');
let sums = { titles: 0, brandTitles: 0, brandHits: 0, highTitles: 0 };
for (const [language, s] of [...perLanguage.entries()].sort()) {
  console.log(`| ${language} | ${s.titles} | ${s.brandTitles} | ${s.brandHits} | ${s.highTitles} |`);
  for (const k of Object.keys(sums)) sums[k] += s[k];
}
console.log(`| all | ${sums.titles} | ${sums.brandTitles} | ${sums.brandHits} | ${sums.highTitles} |`);
let rule = '';
for (const g of sorted) {
  if (g.rule !== rule) {
    rule = g.rule;
    console.log(`\n## ${rule}`);
  }
  console.log(`${String(g.count).padStart(5)}  "${g.match}"${g.brand ? ` (${g.brand})` : ''}  [${[...g.languages].sort().join(',')}]`);
  for (const example of g.examples) console.log(`         ${example}`);
}
