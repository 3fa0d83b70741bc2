#!/usr/bin/env node
// Rebuilds the pack's `exchangeRates` from the dated, cited tables in
// rules/sources/exchange-rates.json and bumps the pack's patch version.
//
// Each table holds rates exactly as one publisher published them on one day, in the
// table's own base (the ECB's are units per euro). A currency is taken from the first
// table that lists it and crossed to units per US dollar through that table's USD rate.
// The pack's `asOf` is the oldest date of the tables used, its `source` names each table.
//
// The script refuses, and leaves the pack untouched, when the source file is malformed
// (a table without publisher, url, date, base or rates; a rate that is not a positive
// number; a code that is not three capital letters; a base table without USD), when it is
// older than the pack's current `asOf` (unless --allow-older: only to replace rates by an
// older real publication, and say why in the commit), or when it lacks a currency the pack
// needs: every currency the pack has now, every currency its examples price in, and every
// currency of tests/data/labelled-listings.jsonl.
//
// Usage: node scripts/refresh-rates.mjs [--source FILE] [--pack FILE] [--allow-older] [--dry-run]
// Exit status: 0 written (or already current), 1 refused, 2 bad arguments.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export class Refusal extends Error {}

const CODE = /^[A-Z]{3}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(text) {
  const m = DATE.exec(text ?? '');
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Checks the source document; returns its tables or throws a Refusal listing every problem. */
export function readTables(doc) {
  const problems = [];
  if (!doc || typeof doc !== 'object' || !Array.isArray(doc.tables) || doc.tables.length === 0) {
    throw new Refusal('the source file must be an object with a non-empty "tables" array');
  }
  const ids = new Set();
  doc.tables.forEach((table, i) => {
    const at = `tables[${i}]`;
    if (!table || typeof table !== 'object') { problems.push(`${at} is not an object`); return; }
    for (const key of ['id', 'publisher', 'url', 'date', 'base', 'copy']) {
      if (typeof table[key] !== 'string' || !table[key].trim()) problems.push(`${at}.${key} must be a non-empty string`);
    }
    if (ids.has(table.id)) problems.push(`${at}.id "${table.id}" is used twice`);
    ids.add(table.id);
    if (typeof table.url === 'string' && !/^https?:\/\//.test(table.url)) problems.push(`${at}.url is not a web address`);
    if (typeof table.date === 'string' && !validDate(table.date)) problems.push(`${at}.date "${table.date}" is not a YYYY-MM-DD date`);
    if (typeof table.base === 'string' && !CODE.test(table.base)) problems.push(`${at}.base "${table.base}" is not a currency code`);
    const rates = table.rates;
    if (!rates || typeof rates !== 'object' || Array.isArray(rates) || Object.keys(rates).length === 0) {
      problems.push(`${at}.rates must be an object of currency code -> units per ${table.base}`);
      return;
    }
    for (const [code, value] of Object.entries(rates)) {
      if (!CODE.test(code)) problems.push(`${at}.rates.${code} is not a three-letter currency code`);
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) problems.push(`${at}.rates.${code} must be a positive number`);
    }
    if (table.base !== 'USD' && !(typeof rates.USD === 'number' && rates.USD > 0)) {
      problems.push(`${at} has no USD rate to cross its ${table.base} rates to dollars`);
    }
  });
  if (problems.length) throw new Refusal(`the source file is malformed:\n  ${problems.join('\n  ')}`);
  return doc.tables;
}

const significant = (value) => Number(value.toPrecision(6));

/** Units per US dollar from the tables, with the table each currency came from. */
export function perUsdFrom(tables) {
  const perUsd = {};
  const from = {};
  for (const table of tables) {
    const usd = table.base === 'USD' ? 1 : table.rates.USD;
    const all = { ...table.rates, [table.base]: 1 };
    for (const [code, value] of Object.entries(all)) {
      if (code === 'USD' || code in perUsd) continue;
      perUsd[code] = significant(value / usd);
      from[code] = table;
    }
  }
  return { perUsd, from };
}

/** Every price currency in a JSON value: {amount, currency} objects anywhere in it. */
function currenciesIn(value, out) {
  if (Array.isArray(value)) for (const item of value) currenciesIn(item, out);
  else if (value && typeof value === 'object') {
    if (typeof value.currency === 'string' && 'amount' in value) out.add(value.currency);
    for (const item of Object.values(value)) currenciesIn(item, out);
  }
  return out;
}

/** The currencies the pack cannot lose. */
export function requiredCurrencies(pack, labelledPath) {
  const out = new Set(Object.keys(pack.exchangeRates?.perUsd ?? {}));
  const { exchangeRates, ...rest } = pack;
  currenciesIn(rest, out);
  if (labelledPath && fs.existsSync(labelledPath)) {
    for (const line of fs.readFileSync(labelledPath, 'utf8').split('\n')) {
      if (line.trim()) currenciesIn(JSON.parse(line), out);
    }
  }
  out.delete('USD');
  return out;
}

export function bumpPatch(version) {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version ?? '');
  if (!m) throw new Refusal(`the pack's version "${version}" is not MAJOR.MINOR.PATCH`);
  return `${m[1]}.${m[2]}.${Number(m[3]) + 1}`;
}

/**
 * The refreshed pack for a source document, or a Refusal. Returns {pack, changed, summary}.
 * Options: allowOlder, labelledPath, sourceName (how `source` names the file).
 */
export function refresh(pack, doc, { allowOlder = false, labelledPath, sourceName = 'rules/sources/exchange-rates.json' } = {}) {
  const tables = readTables(doc);
  const { perUsd, from } = perUsdFrom(tables);
  const missing = [...requiredCurrencies(pack, labelledPath)].filter((code) => !(code in perUsd)).sort();
  if (missing.length) throw new Refusal(`the source file lacks currencies the pack needs: ${missing.join(', ')}`);
  const used = tables.filter((table) => Object.values(from).includes(table));
  const asOf = used.map((table) => table.date).sort()[0];
  const current = pack.exchangeRates?.asOf;
  if (current && asOf < current && !allowOlder) {
    throw new Refusal(`the source file's rates date from ${asOf}, older than the pack's current ${current} (use --allow-older only to replace them by an older real publication)`);
  }
  const source = `${sourceName}: ` + used.map((table) => {
    const codes = Object.keys(from).filter((code) => from[code] === table);
    return `${table.publisher}, ${table.date}, ${table.url} (${codes.length} currencies)`;
  }).join('; ');
  const sorted = Object.fromEntries(Object.keys(perUsd).sort().map((code) => [code, perUsd[code]]));
  const next = { asOf, source, perUsd: sorted };
  const changed = JSON.stringify(next) !== JSON.stringify(pack.exchangeRates);
  const out = { ...pack };
  if (changed) {
    out.exchangeRates = next;
    out.version = bumpPatch(pack.version);
  }
  const summary = changed
    ? `exchangeRates: ${Object.keys(sorted).length} currencies as of ${asOf}; version ${pack.version} -> ${out.version}`
    : `exchangeRates already match the source file (${Object.keys(sorted).length} currencies as of ${asOf}); nothing written`;
  return { pack: out, changed, summary };
}

function main(argv) {
  const args = { source: path.join(root, 'rules/sources/exchange-rates.json'), pack: path.join(root, 'rules/default.rules.json'), allowOlder: false, dryRun: false };
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    if (arg === '--source' || arg === '--pack') {
      if (!argv[i + 1]) { console.error(`refresh-rates: ${arg} needs a file`); return 2; }
      args[arg.slice(2)] = path.resolve(argv[++i]);
    } else if (arg === '--allow-older') args.allowOlder = true;
    else if (arg === '--dry-run') args.dryRun = true;
    else { console.error(`refresh-rates: unknown argument ${arg}\nusage: node scripts/refresh-rates.mjs [--source FILE] [--pack FILE] [--allow-older] [--dry-run]`); return 2; }
  }
  try {
    let doc;
    try { doc = JSON.parse(fs.readFileSync(args.source, 'utf8')); } catch (error) { throw new Refusal(`cannot read the source file ${args.source}: ${error.message}`); }
    const text = fs.readFileSync(args.pack, 'utf8');
    const pack = JSON.parse(text);
    // Named from the pack's repository (the folder above the pack's): rules/sources/...
    const sourceName = path.relative(path.dirname(path.dirname(args.pack)), args.source).split(path.sep).join('/');
    const result = refresh(pack, doc, { allowOlder: args.allowOlder, labelledPath: path.join(root, 'tests/data/labelled-listings.jsonl'), sourceName });
    if (result.changed && !args.dryRun) {
      fs.writeFileSync(args.pack, JSON.stringify(result.pack, null, 1) + (text.endsWith('\n') ? '\n' : ''));
    }
    console.log(`refresh-rates: ${result.summary}${args.dryRun && result.changed ? ' (dry run: nothing written)' : ''}`);
    return 0;
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    console.error(`refresh-rates: refused: ${error.message}`);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
