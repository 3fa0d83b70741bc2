#include "matching/brand_catalog.h"

#include <algorithm>
#include <optional>
#include <tuple>
#include <unordered_set>

#include "fakelens/limits.h"
#include "fakelens/text_normalizer.h"
#include "fakelens/utf8.h"
#include "matching/brand_skeleton.h"
#include "signals/rule_reader.h"

namespace fakelens::internal {
namespace {

// A character class for RE2 from the UTF-8 characters in `chars`.
std::string char_class(std::string_view chars) {
  std::string out = "[";
  for (std::size_t pos = 0; pos < chars.size();) {
    const std::size_t length = utf8::sequence_length(static_cast<unsigned char>(chars[pos]));
    const std::string_view one = chars.substr(pos, length);
    if (one == "|" || one == "$" || one == "+" || one == "!" || one == "@") out += "\\";
    out.append(one);
    pos += length;
  }
  return out + "]";
}

constexpr const char* kSeparatorClass = "[-._*·•'’ ]";
constexpr const char* kBrandGapClass = "[-._*·•'’& ]";

bool is_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Tolerant pattern for one spelling: look-alike classes, optional separators between
// letters, and flexible gaps where the brand itself has a space or punctuation.
std::string tolerant_pattern(const std::string& spelling) {
  std::string out;
  for (std::size_t i = 0; i < spelling.size(); ++i) {
    const char c = spelling[i];
    if (!is_word_char(c)) {
      if (out.empty() || out.back() == '}') continue;  // one gap for a run of punctuation
      out += kBrandGapClass;
      out += "{0,3}";
      continue;
    }
    const char* alikes = look_alikes(c);
    if (alikes) {
      out += char_class(alikes);
    } else {
      append_quoted_literal(out, std::string_view(&c, 1));
    }
    if (i + 1 < spelling.size() && is_word_char(spelling[i + 1])) {
      out += kSeparatorClass;
      out += "?";
    }
  }
  return out;
}

// Folded spellings must be plain words: lower-case ASCII letters, digits, single spaces
// and a little punctuation.
bool is_plain_spelling(const std::string& text) {
  if (text.size() < kMinSpellingBytes || text.size() > kMaxSpellingBytes) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return is_word_char(c) || c == ' ' || c == '-' || c == '&' || c == '.' || c == '\'';
  });
}

}  // namespace

bool looks_like_a_word(std::string_view folded_span) {
  int letters = 0;
  int stand_ins = 0;
  for (std::size_t pos = 0; pos < folded_span.size();) {
    const std::size_t length = utf8::sequence_length(static_cast<unsigned char>(folded_span[pos]));
    const unsigned char c = static_cast<unsigned char>(folded_span[pos]);
    if (length > 1 || (c >= 'a' && c <= 'z')) ++letters;  // other scripts' look-alikes are letters too
    else if (!is_brand_separator(static_cast<char>(c))) ++stand_ins;
    pos += length;
  }
  return letters >= 2 && letters > stand_ins;
}

bool spellings_in_bounds(const Brand& brand) {
  for (const auto* list : {&brand.spellings, &brand.misspellings, &brand.aliases}) {
    for (const std::string& spelling : *list) {
      if (spelling.size() < kMinSpellingBytes || spelling.size() > kMaxSpellingBytes) return false;
    }
  }
  return true;
}

bool is_brand_separator(char c) {
  return c == '-' || c == '.' || c == '_' || c == '*' || c == '\'' || c == ' ' || c == '&';
}

namespace {

// The brand's Latin spellings at json[key] (match, misspellings), folded; each belongs to
// one brand only.
FAKELENS_PACK_LOADING
void read_spellings(const Json& json, const std::string& at, const char* key, bool required, PackReader& reader,
                    std::unordered_set<std::string>& seen_spellings, std::vector<std::string>& out) {
  const auto it = json.find(key);
  if (it == json.end()) {
    if (required) reader.problem(at + "." + key, "is required");
    return;
  }
  if (!it->is_array() || (required && it->empty())) {
    reader.problem(at + "." + key, "must be an array of lower-case spellings");
    return;
  }
  for (std::size_t k = 0; k < it->size(); ++k) {
    const Json& item = (*it)[k];
    // Built only for a problem: a pack has over a thousand spellings.
    const auto item_path = [&] { return at + "." + key + "[" + std::to_string(k) + "]"; };
    if (!item.is_string()) {
      reader.problem(item_path(), "must be a string");
      continue;
    }
    const std::string& written = item.get_ref<const std::string&>();
    std::string folded = fold_for_compare(written);
    if (!is_plain_spelling(folded)) {
      reader.problem(item_path(), "\"" + written + "\" must be 4 to 60 lower-case letters, digits, spaces or - & . '");
      continue;
    }
    if (!seen_spellings.insert(folded).second) {
      reader.problem(item_path(), "\"" + folded + "\" already belongs to another brand");
      continue;
    }
    out.push_back(std::move(folded));
  }
}

// "aliases": the brand's names in other scripts, folded.
FAKELENS_PACK_LOADING
void read_aliases(const Json& json, const std::string& at, PackReader& reader, std::vector<std::string>& out) {
  const auto aliases = json.find("aliases");
  if (aliases == json.end()) return;
  if (!aliases->is_array()) reader.problem(at + ".aliases", "must be an array of names in other scripts");
  for (std::size_t k = 0; aliases->is_array() && k < aliases->size(); ++k) {
    const Json& item = (*aliases)[k];
    const std::string folded = item.is_string() ? fold_for_compare(item.get<std::string>()) : "";
    if (folded.size() < kMinSpellingBytes || folded.size() > kMaxSpellingBytes || is_plain_spelling(folded)) {
      reader.problem(at + ".aliases[" + std::to_string(k) + "]",
                     "must be a name of at least two characters in a non-Latin script (Latin spellings go in match)");
      continue;
    }
    out.push_back(folded);
  }
}

// "floor": {minUsd, products} or null: the least a new genuine core product costs.
FAKELENS_PACK_LOADING
void read_floor(const Json& json, const std::string& at, PackReader& reader, Brand& brand) {
  const auto floor = json.find("floor");
  if (floor == json.end() || floor->is_null()) return;
  if (!floor->is_object()) {
    reader.problem(at + ".floor", "must be an object {minUsd, products} or null");
    return;
  }
  reader.unknown_keys(*floor, at + ".floor", {"minUsd", "products"});
  double min_usd = 0;
  std::string products;
  if (reader.number(*floor, at + ".floor", "minUsd", min_usd, 0.01, 1e7) &&
      reader.text(*floor, at + ".floor", "products", products, true, limits::kMaxPatternBytes)) {
    // ASCII word edges (not \\b, which would fail between two CJK characters).
    if (auto regex = compile_pattern("(?:^|[^a-z0-9])(?:" + products + ")(?:$|[^a-z0-9])",
                                     at + ".floor.products", reader)) {
      brand.floor_usd = min_usd;
      brand.floor_products = std::move(regex);
    }
  }
}

FAKELENS_PACK_LOADING
Brand read_brand(const Json& json, const std::string& at, PackReader& reader,
                 std::unordered_set<std::string>& seen_spellings) {
  Brand brand;
  reader.text(json, at, "name", brand.name, true, 100);
  reader.text(json, at, "category", brand.category, true, 40);
  if (json.contains("luxury")) {
    if (!json["luxury"].is_boolean()) reader.problem(at + ".luxury", "must be true or false");
    else brand.luxury = json["luxury"].get<bool>();
  }
  read_spellings(json, at, "match", true, reader, seen_spellings, brand.spellings);
  read_spellings(json, at, "misspellings", false, reader, seen_spellings, brand.misspellings);
  read_aliases(json, at, reader, brand.aliases);
  read_floor(json, at, reader, brand);
  return brand;
}

}  // namespace

FAKELENS_PACK_LOADING
std::unique_ptr<BrandCatalog> BrandCatalog::load(const Json& brands, const std::string& path,
                                                 PackReader& reader) {
  const std::size_t problems_before = reader.problem_count();
  auto catalog = std::unique_ptr<BrandCatalog>(new BrandCatalog());
  if (!brands.is_array()) {
    reader.problem(path, "must be an array of brands");
    return nullptr;
  }
  std::unordered_set<std::string> seen_spellings;
  for (std::size_t i = 0; i < brands.size(); ++i) {
    const std::string at = path + "[" + std::to_string(i) + "]";
    if (!open_object(brands[i], at, reader, {"name", "match", "misspellings", "aliases", "category", "luxury", "floor"})) {
      continue;
    }
    catalog->brands_.push_back(read_brand(brands[i], at, reader, seen_spellings));
  }
  if (reader.problem_count() != problems_before) return nullptr;
  if (!catalog->index()) {
    reader.problem(path, "the brands' spellings are too many to index together (the limit is " +
                             std::to_string(BrandSkeletonIndex::kMaxNodes) + " trie nodes)");
    return nullptr;
  }
  return catalog;
}

void append_quoted_literal(std::string& out, std::string_view literal) {
  for (const char c : literal) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                       (static_cast<unsigned char>(c) & 0x80) != 0;
    if (c == '\0') {
      out += "\\x00";
      continue;
    }
    if (!plain) out += '\\';
    out += c;
  }
}

FAKELENS_PACK_LOADING
bool BrandCatalog::index() {
  pattern_options_ = pack_pattern_options();
  // One allocation each: at a cold start in WebAssembly, every call to the allocator runs
  // in baseline code and brings its recompilation nearer.
  std::size_t plain_bytes = 4;
  for (const Brand& brand : brands_) {
    for (const auto* list : {&brand.spellings, &brand.aliases}) {
      for (const std::string& spelling : *list) plain_bytes += 2 * spelling.size() + 1;
    }
  }
  plain_alternation_.clear();
  plain_alternation_.reserve(plain_bytes);
  plain_alternation_ += "(?:";
  bool first = true;
  for (std::size_t i = 0; i < brands_.size(); ++i) {
    const Brand& brand = brands_[i];
    for (const auto* list : {&brand.spellings, &brand.misspellings, &brand.aliases}) {
      for (const std::string& spelling : *list) skeletons_.add(spelling, static_cast<std::uint32_t>(i));
    }
    for (const auto* list : {&brand.spellings, &brand.aliases}) {
      for (const std::string& spelling : *list) {
        if (!first) plain_alternation_ += '|';
        first = false;
        append_quoted_literal(plain_alternation_, spelling);
      }
    }
  }
  plain_alternation_ += ')';
  patterns_.reset(new LazyPattern[brands_.size()]);
  if (!skeletons_.build()) {
    plain_alternation_.clear();
    return false;
  }
  return true;
}

std::string BrandCatalog::pattern_source(const Brand& brand) {
  // Longest first: RE2 prefers the first alternative that matches, and "patek phillipe"
  // must win over "patek".
  std::vector<const std::string*> all;
  for (const auto* list : {&brand.spellings, &brand.misspellings}) {
    for (const std::string& spelling : *list) all.push_back(&spelling);
  }
  std::stable_sort(all.begin(), all.end(), [](const std::string* a, const std::string* b) { return a->size() > b->size(); });
  std::string alternatives;
  for (const std::string* spelling : all) {
    alternatives += alternatives.empty() ? "" : "|";
    alternatives += tolerant_pattern(*spelling);
  }
  std::string aliases;
  for (const std::string& alias : brand.aliases) {
    aliases += aliases.empty() ? "" : "|";
    append_quoted_literal(aliases, alias);
  }
  // Latin spellings need word edges; native-script names are written without spaces
  // (劳力士日志型), so they match anywhere.
  // Edges are ASCII: folded Latin text is ASCII, and \\p{L} classes would make 300+
  // patterns slow to compile for no gain.
  std::string pattern = "(?:^|[^a-z0-9])(" + alternatives + ")(?:$|[^a-z0-9])";
  if (!aliases.empty()) pattern = "(?:" + pattern + "|(" + aliases + "))";
  return pattern;
}

// Spellings are plain words and aliases are quoted, so every pattern is valid RE2; one
// that still failed to compile (memory) would only be skipped, never crash.
const RE2* BrandCatalog::pattern(std::size_t index) const {
  const LazyPattern& lazy = patterns_[index];
  std::call_once(lazy.compiled, [&] { lazy.regex = std::make_unique<RE2>(pattern_source(brands_[index]), pattern_options_); });
  return lazy.regex->ok() ? lazy.regex.get() : nullptr;
}

namespace {

// Typographic apostrophes and dots the tolerant pattern lets through between letters
// ("Victoria’s Secret", "L’Oreal"): separators, like their ASCII forms, not look-alikes.
bool is_separator_point(char32_t cp) {
  if (cp < 0x80) return is_brand_separator(static_cast<char>(cp));
  return cp == 0x2018 || cp == 0x2019 || cp == 0x02BC || cp == 0x00B4 || cp == 0x00B7 || cp == 0x2022;
}

}  // namespace

std::size_t last_gap_in(std::string_view folded, std::size_t begin, std::size_t end) {
  std::size_t gap = begin;
  bool in_run = false;
  for (std::size_t pos = begin; pos < end && pos < folded.size();) {
    std::size_t length = 1;
    const char32_t cp = utf8::decode(folded, pos, &length);
    const bool separator = is_separator_point(cp);
    if (separator && !in_run && pos > begin) gap = pos + std::max<std::size_t>(length, 1);
    in_run = separator;
    pos += std::max<std::size_t>(length, 1);
  }
  return gap;
}

namespace {

bool is_cyrillic_or_greek(char32_t cp) { return (cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x400 && cp <= 0x52F); }

// A span as letters (code points that are not separators) and the letter indices before
// which a run of separators sits.
struct SpanLetters {
  std::vector<char32_t> letters;
  std::vector<std::size_t> gaps;
};

SpanLetters span_letters(std::string_view text) {
  SpanLetters out;
  bool in_run = false;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t length = 1;
    const char32_t cp = utf8::decode(text, pos, &length);
    pos += std::max<std::size_t>(length, 1);
    if (is_separator_point(cp)) {
      if (!in_run && !out.letters.empty()) out.gaps.push_back(out.letters.size());
      in_run = true;
      continue;
    }
    in_run = false;
    out.letters.push_back(cp);
  }
  if (in_run && !out.gaps.empty() && out.gaps.back() == out.letters.size()) out.gaps.pop_back();  // trailing run
  return out;
}

// Whether `cp` may stand for the spelling's letter `c` (itself, or one of its look-alikes).
bool may_stand_for(char32_t cp, char c) {
  if (cp == static_cast<unsigned char>(c)) return true;
  const char* alikes = look_alikes(c);
  if (!alikes) return false;
  const std::string_view chars(alikes);
  for (std::size_t pos = 0; pos < chars.size();) {
    std::size_t length = 1;
    if (utf8::decode(chars, pos, &length) == cp) return true;
    pos += std::max<std::size_t>(length, 1);
  }
  return false;
}

// How a span lines up with one spelling, letter for letter.
struct Alignment {
  const std::string* spelling = nullptr;
  bool misspelling = false;
  bool exact = false;          // every letter is the spelling's own
  int inner_gaps = 0;          // separator runs inside one of the spelling's words
  int inner_positions = 0;     // places inside the spelling's words where a run could sit
};

std::optional<Alignment> align(const SpanLetters& span, const std::string& spelling, bool misspelling) {
  Alignment a;
  a.spelling = &spelling;
  a.misspelling = misspelling;
  a.exact = true;
  std::vector<bool> word_break;  // per letter index: the spelling has a gap before it
  std::size_t k = 0;
  bool gap = false;
  for (const char c : spelling) {
    if (!is_word_char(c)) {
      gap = k > 0;
      continue;
    }
    if (k >= span.letters.size() || !may_stand_for(span.letters[k], c)) return std::nullopt;
    if (span.letters[k] != static_cast<unsigned char>(c)) a.exact = false;
    word_break.push_back(gap);
    gap = false;
    ++k;
  }
  if (k != span.letters.size()) return std::nullopt;
  for (std::size_t i = 1; i < word_break.size(); ++i) a.inner_positions += word_break[i] ? 0 : 1;
  for (const std::size_t at : span.gaps) a.inner_gaps += (at < word_break.size() && !word_break[at]) ? 1 : 0;
  return a;
}

}  // namespace

// How the span reads as the brand, or nothing when it does not read as the brand at all.
// Each rule below comes from benign titles that a looser reading flagged (docs/SIGNALS.md,
// "Brand disguise"; scripts/brand-review.mjs):
//  - separators count only inside one of the brand's words: "CORSAIR - K70" writes the
//    brand and the model with a separator between them, as Best Buy does; it is plain.
//  - a look-alike or a misspelling must not break a word of the brand in two unless it
//    spaces out every letter ("N 1 K E"): "plage t-shirt" is not Piaget, "Nike 3/4" is not
//    "Nikee", "Tissot T-Race" is not "Tissott", "Octa-Core 1.9 GHz" is not "Core i9".
//  - an ASCII letter for a letter (l for i, I for l) deceives only where the two look the
//    same: 'I' among lower-case letters ("RoIex"), 'l' among capitals ("GUCCl"); "Skil"
//    (the tool brand) is not SK-II and "plage" is not "piage".
//  - a word written wholly in Cyrillic or Greek letters is a word of that language, not a
//    disguise of a Latin brand; a disguise mixes scripts ("Nіke" with a Cyrillic і).
std::optional<BrandSpelling> BrandCatalog::classify(const Brand& brand, std::string_view folded_span,
                                                    std::string_view source_span) const {
  const SpanLetters span = span_letters(folded_span);
  // The spelling the span lines up with: the brand's own letters first ("OnePlus" is
  // OnePlus even if "one plus" were listed), then the fewest separators inside a word.
  std::optional<Alignment> best;
  for (const auto* list : {&brand.spellings, &brand.misspellings}) {
    const bool misspelling = list == &brand.misspellings;
    for (const std::string& spelling : *list) {
      const auto a = align(span, spelling, misspelling);
      if (!a) continue;
      const auto rank = [](const Alignment& x) { return std::make_tuple(!x.exact, x.misspelling, x.inner_gaps); };
      if (!best || rank(*a) < rank(*best)) best = a;
    }
  }
  if (!best) return BrandSpelling::kLookAlike;  // the pattern matched; a reading we cannot align stays a disguise
  const bool breaks_a_word = best->inner_gaps > 0 && best->inner_gaps < best->inner_positions;

  if (best->exact && !best->misspelling) {
    // Same letters after folding; full-width or mathematical letters fold to ASCII, so look
    // at the source: beyond Latin letters with accents (and typographic apostrophes), any
    // character is a look-alike.
    for (std::size_t pos = 0; pos < source_span.size();) {
      std::size_t length = 1;
      const char32_t cp = utf8::decode(source_span, pos, &length);
      // Vietnamese and other Latin letters with marks beyond Extended-A (ơ, ư, ả, ệ, ș) fold
      // to their base letters as Latin-1 ones do: accents, not look-alikes.
      const bool latin_with_marks = (cp >= 0x1A0 && cp <= 0x23F) || (cp >= 0x1E00 && cp <= 0x1EFF);
      if (cp >= 0x180 && !latin_with_marks && !is_separator_point(cp)) return breaks_a_word ? std::nullopt : std::optional(BrandSpelling::kLookAlike);
      pos += std::max<std::size_t>(length, 1);
    }
    return best->inner_gaps >= 2 ? BrandSpelling::kSpacedOut : BrandSpelling::kPlain;
  }
  if (breaks_a_word) return std::nullopt;
  if (best->exact) return BrandSpelling::kMisspelled;

  // Look-alikes: which characters stand in for which letters.
  const SpanLetters source = span_letters(source_span);
  const bool source_lines_up = source.letters.size() == span.letters.size();
  bool any_latin = false, all_other_script = true, any_real_stand_in = false;
  std::size_t k = 0;
  for (const char c : *best->spelling) {
    if (!is_word_char(c)) continue;
    const char32_t cp = span.letters[k];
    if (cp < 0x80 && cp >= 'a' && cp <= 'z') any_latin = true;
    if (cp >= 0x80 && !is_cyrillic_or_greek(cp)) all_other_script = false;
    if (cp != static_cast<unsigned char>(c)) {
      const bool ascii_letter = cp >= 'a' && cp <= 'z';
      if (!ascii_letter) {
        any_real_stand_in = true;
      } else if (!source_lines_up) {
        any_real_stand_in = true;  // cannot see the case: keep the reading
      } else {
        // An ASCII letter for a letter deceives only where the glyphs look alike.
        const char32_t written = source.letters[k];
        bool others_lower = false, others_upper = false;
        for (std::size_t j = 0; j < source.letters.size(); ++j) {
          if (j == k) continue;
          const char32_t o = source.letters[j];
          others_lower = others_lower || (o >= 'a' && o <= 'z');
          others_upper = others_upper || (o >= 'A' && o <= 'Z');
        }
        if ((written == 'I' && others_lower) || (written == 'l' && others_upper && !others_lower)) any_real_stand_in = true;
      }
    }
    ++k;
  }
  if (!any_latin && all_other_script) {
    bool any_other = false;
    for (const char32_t cp : span.letters) any_other = any_other || cp >= 0x80;
    if (any_other) return std::nullopt;  // a Cyrillic or Greek word, not a disguise
  }
  if (!any_real_stand_in) return std::nullopt;
  return BrandSpelling::kLookAlike;
}

}  // namespace fakelens::internal
