// The baseline: the same rule pack done the way a typical extension would do it, one
// JavaScript RegExp per rule over lower-cased, accent-stripped text. Text rules get their
// {brand} macro expanded, and brand disguise is one tolerant RegExp per brand (look-alike
// letters, optional separators), as the core builds them. It stands for "what FakeLens
// replaces"; the benchmark compares its matches and its speed.

// RE2 and JavaScript share most syntax; named groups are spelled differently.
function toJsRegExp(pattern) {
  const source = pattern.replace(/\(\?P</g, '(?<');
  for (const flags of ['u', '']) {
    try {
      return new RegExp(source, flags);
    } catch {
      // try the next flags
    }
  }
  return null;
}

// Roughly the core's folding: lower case, accents off, full-width to ASCII, one space.
export function fold(text) {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[\u200b-\u200d\ufeff]/g, '').replace(/\s+/g, ' ').trim();
}

// The core's look-alike table (core/src/matching/brand_skeleton.cpp).
const LOOK_ALIKES = {
  a: 'a4@аα', b: 'b8вь', c: 'cсϲ', e: 'e3еєε€', g: 'g9', h: 'hн', i: 'i1l!іїι', j: 'jј', k: 'kкκ', l: 'l1i!іι',
  m: 'mм', n: 'nпη', o: 'o0оοσ', p: 'pрρ', r: 'rг', s: 's5$ѕ', t: 't7т+τ', u: 'uυ', v: 'vνѵ', w: 'wшω', x: 'xхχ×', y: 'yуγ',
};
const SEPARATOR_CHARS = "-._*'& ";  // the core's is_brand_separator
const stripSeparators = (text) => [...text].filter((ch) => !SEPARATOR_CHARS.includes(ch)).join('');
const countSeparators = (text) => [...text].filter((ch) => SEPARATOR_CHARS.includes(ch)).length;
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isWordChar = (c) => /[a-z0-9]/.test(c);

function tolerantPattern(spelling) {
  let out = '';
  for (let i = 0; i < spelling.length; i += 1) {
    const c = spelling[i];
    if (!isWordChar(c)) {
      if (out === '' || out.endsWith('}')) continue;
      out += "[-._*·•'’& ]{0,3}";
      continue;
    }
    out += LOOK_ALIKES[c] ? `[${LOOK_ALIKES[c]}]` : c;  // none of them needs escaping in a class
    if (i + 1 < spelling.length && isWordChar(spelling[i + 1])) out += "[-._*·•'’ ]?";
  }
  return out;
}

function compileBrands(pack) {
  return (pack.brands ?? []).map((brand) => {
    const spellings = (brand.match ?? []).map(fold);
    const misspellings = (brand.misspellings ?? []).map(fold);
    const aliases = (brand.aliases ?? []).map(fold);
    const alternatives = [...spellings, ...misspellings].sort((a, b) => b.length - a.length).map(tolerantPattern).join('|');
    // Lookarounds for the word edges, so V8 can skip ahead to a possible first letter.
    let source = `(?<![a-z0-9])(${alternatives})(?![a-z0-9])`;
    if (aliases.length) source = `(?:${source}|(${aliases.map(escape).join('|')}))`;
    return { name: brand.name, spellings, misspellings, regex: new RegExp(source, 'gu') };
  });
}

// Whether a brand match is a disguise, as the core decides it (plain letters are a mention).
// `raw` is the field before folding: full-width or mathematical letters fold to plain ones.
function isDisguise(brand, span, raw) {
  const letters = stripSeparators(span);
  const same = brand.spellings.filter((s) => stripSeparators(s) === letters);
  if (same.length > 0) {
    if (!raw.toLowerCase().includes(span)) return true;  // written in other characters
    return countSeparators(span) >= Math.max(...same.map(countSeparators)) + 2;  // spaced out
  }
  if (brand.misspellings.some((m) => stripSeparators(m) === letters)) return true;
  // A look-alike still reads as a word: more letters than digits and symbols.
  const chars = [...span].filter((ch) => !SEPARATOR_CHARS.includes(ch));
  const real = chars.filter((ch) => /[a-z]/.test(ch) || ch.codePointAt(0) > 127).length;
  return real >= 2 && real > chars.length - real;
}

export function compileBaseline(pack) {
  const brandAlternation = (pack.brands ?? []).flatMap((b) => [...(b.match ?? []), ...(b.aliases ?? [])]).map((s) => escape(fold(s))).join('|');
  const expand = (pattern) => (pattern ? pattern.replaceAll('{brand}', `(?:${brandAlternation})`) : pattern);
  const rules = [];
  let uncompiled = 0;
  for (const rule of pack.textRules ?? []) {
    const regex = toJsRegExp(expand(rule.pattern));
    if (!regex) {
      uncompiled += 1;
      continue;
    }
    rules.push({
      id: rule.id, fields: rule.fields ?? ['title'], regex,
      unless: rule.unless ? toJsRegExp(expand(rule.unless)) : null,
      unlessListing: rule.unlessListing ? toJsRegExp(expand(rule.unlessListing)) : null,
      requiresListing: rule.requiresListing ? toJsRegExp(expand(rule.requiresListing)) : null,
    });
  }
  return { rules, uncompiled, brands: compileBrands(pack), brandRuleId: pack.brandDisguise?.id ?? null };
}

/**
 * The ids of the text rules, and of the brand-disguise rule, that match the listing.
 * `brands: false` leaves the brand catalogue out (the text rules alone).
 */
export function baselineMatches(compiled, listing, { brands = true } = {}) {
  const folded = { title: fold(listing.title ?? ''), description: fold(listing.description ?? ''), brand: fold(listing.brand ?? '') };
  const all = `${folded.title} ${folded.description} ${folded.brand}`;
  const matched = [];
  for (const rule of compiled.rules) {
    if (rule.unlessListing?.test(all)) continue;
    if (rule.requiresListing && !rule.requiresListing.test(all)) continue;
    for (const field of rule.fields) {
      const text = folded[field];
      if (text && rule.regex.test(text) && !(rule.unless && rule.unless.test(text))) {
        matched.push(rule.id);
        break;
      }
    }
  }
  if (brands && compiled.brandRuleId) {
    let disguised = false;
    for (const field of ['title', 'description', 'brand']) {
      const text = folded[field];
      if (!text) continue;
      for (const brand of compiled.brands) {
        brand.regex.lastIndex = 0;
        for (const hit of text.matchAll(brand.regex)) {
          if (hit[1] !== undefined && isDisguise(brand, hit[1], listing[field])) disguised = true;
        }
      }
    }
    if (disguised) matched.push(compiled.brandRuleId);
  }
  return matched;
}
