// The baseline: the same rule pack's text rules done the way a typical extension would do
// it, one JavaScript RegExp per rule over lower-cased, accent-stripped text. It stands for
// "what FakeLens replaces"; the benchmark compares its matches and its speed.

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

export function compileBaseline(pack) {
  const rules = [];
  let uncompiled = 0;
  for (const rule of pack.textRules ?? []) {
    const regex = toJsRegExp(rule.pattern);
    if (!regex) {
      uncompiled += 1;
      continue;
    }
    rules.push({
      id: rule.id, fields: rule.fields ?? ['title'], regex,
      unless: rule.unless ? toJsRegExp(rule.unless) : null,
      unlessListing: rule.unlessListing ? toJsRegExp(rule.unlessListing) : null,
      requiresListing: rule.requiresListing ? toJsRegExp(rule.requiresListing) : null,
    });
  }
  return { rules, uncompiled };
}

/** The ids of the text rules that match the listing. */
export function baselineMatches(compiled, listing) {
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
  return matched;
}
