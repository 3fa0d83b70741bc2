#include "matching/brand_catalog.h"

#include <algorithm>
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

std::string without_separators(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (!is_brand_separator(c)) out.push_back(c);
  }
  return out;
}

int count_separators(std::string_view text) {
  int count = 0;
  for (const char c : text) count += is_brand_separator(c) ? 1 : 0;
  return count;
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

BrandSpelling BrandCatalog::classify(const Brand& brand, std::string_view folded_span,
                                     std::string_view source_span) const {
  const std::string core = without_separators(folded_span);
  // The brand's own letters first: "OnePlus" is OnePlus even if "one plus" were listed.
  // Of the spellings with the same letters, the one with the most separators: "Tiffany & Co"
  // is plain whether the pack lists "tiffany & co", "tiffany co" or both.
  const std::string* same_letters = nullptr;
  for (const std::string& spelling : brand.spellings) {
    if (core == without_separators(spelling) &&
        (!same_letters || count_separators(spelling) > count_separators(*same_letters))) {
      same_letters = &spelling;
    }
  }
  if (!same_letters) {
    for (const std::string& misspelling : brand.misspellings) {
      if (core == without_separators(misspelling)) return BrandSpelling::kMisspelled;
    }
    return BrandSpelling::kLookAlike;  // leetspeak or another script
  }
  // Same letters after folding; full-width or mathematical letters fold to ASCII, so look
  // at the source: beyond Latin letters with accents, any character is a look-alike.
  for (std::size_t pos = 0; pos < source_span.size();) {
    std::size_t length = 1;
    const char32_t cp = utf8::decode(source_span, pos, &length);
    if (cp >= 0x180) return BrandSpelling::kLookAlike;
    pos += length;
  }
  if (count_separators(folded_span) >= count_separators(*same_letters) + 2) {
    return BrandSpelling::kSpacedOut;
  }
  return BrandSpelling::kPlain;
}

}  // namespace fakelens::internal
