// Internal: the pack's brand catalogue ("brands"), and how brands are found in text,
// plainly or disguised (the brand-disguise signal, signals/brand_disguise.cpp, weighs it).
//
// Counterfeit sellers write a brand so that a filter looking for "nike" misses it but a
// shopper still reads Nike: leetspeak (N1ke, L0uis), look-alike letters from other scripts
// (Cyrillic "Nіke" with і, Greek ο), full-width or mathematical letters (ＧＵＣＣＩ), letters
// spaced out (G-U-C-C-I, R.o.l.e.x) and known misspellings (Rolx). Each brand has one
// tolerant RE2 pattern (every letter a class of its look-alikes, an optional separator
// between letters), compiled the first time it is needed; a skeleton index
// (brand_skeleton.h) scans a field once and names the few brands worth trying.
// A match spelled plainly is a mention, not evidence; anything else is a disguise.
#ifndef FAKELENS_SRC_MATCHING_BRAND_CATALOG_H_
#define FAKELENS_SRC_MATCHING_BRAND_CATALOG_H_

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "fakelens/json_reader.h"
#include "matching/lazy_regex.h"
#include "fakelens/rule_pack.h"
#include "matching/brand_skeleton.h"
#include "pack/pack_reader.h"

namespace fakelens::internal {

struct BrandCatalogImage;  // signals/brands.cpp

struct Brand {
  std::string name;
  std::vector<std::string> spellings;     // plain, folded ("louis vuitton")
  std::vector<std::string> misspellings;  // folded
  std::vector<std::string> aliases;       // the name in other scripts (劳力士, ロレックス), folded
  std::string category;
  bool luxury = false;
  std::optional<double> floor_usd;        // least a new genuine core product costs
  std::shared_ptr<const LazyRegex> floor_products;  // which products the floor applies to
};

template <class IO> void fields(IO& io, Brand& b) {
  io(b.name); io(b.spellings); io(b.misspellings); io(b.aliases); io(b.category); io(b.luxury);
  io(b.floor_usd); io(b.floor_products);
}

// How long, in folded bytes, a brand's spelling, misspelling or alias may be (the JSON
// loader's rule, which a pack image is held to as well).
inline constexpr std::size_t kMinSpellingBytes = 4;
inline constexpr std::size_t kMaxSpellingBytes = 60;
bool spellings_in_bounds(const Brand& brand);

// Appends `literal` to `out` quoted for RE2 exactly as RE2::QuoteMeta quotes it (bytes of
// UTF-8 as they are), without a string of its own per literal.
void append_quoted_literal(std::string& out, std::string_view literal);

enum class BrandSpelling { kPlain, kLookAlike, kSpacedOut, kMisspelled };

struct BrandMention {
  std::size_t brand = 0;   // index into BrandCatalog::brands()
  std::size_t begin = 0;   // byte range in the folded text
  std::size_t end = 0;
  BrandSpelling spelling = BrandSpelling::kPlain;
};

class BrandCatalog {
 public:
  // Reads the pack's "brands" array; problems go to `reader`. Null when there were any.
  // When the reader verifies patterns, every floor's product pattern is compiled now;
  // otherwise when first used.
  static std::unique_ptr<BrandCatalog> load(const Json& brands, const std::string& path,
                                            PackReader& reader);

  const std::vector<Brand>& brands() const { return brands_; }

  // "(?:gucci|louis vuitton|...)": every plain spelling, for the {brand} macro of text rules.
  const std::string& plain_alternation() const { return plain_alternation_; }

  // The brands the skeleton index says may be in `folded` (before their patterns decide).
  std::vector<std::uint32_t> candidates(std::string_view folded) const { return skeletons_.candidates(folded); }
  void candidates(std::string_view folded, std::vector<std::uint32_t>& found) const { skeletons_.candidates(folded, found); }

  // Every brand written in `folded` (text from fold_text), plainly or disguised; `source`
  // is the original text and `to_source` maps folded byte ranges to it. At most
  // limits::kMaxSpansPerRuleField mentions per brand.
  template <typename ToSource>
  std::vector<BrandMention> find(std::string_view folded, std::string_view source,
                                 const ToSource& to_source) const;

 private:
  friend struct BrandCatalogImage;  // a pack image holds brands_; index() builds the rest

  // Builds what is derived from brands_: the skeleton index, the plain alternation and a
  // lazy pattern per brand. False when the skeletons need more than kMaxNodes nodes.
  bool index();

  // How a matched span reads: plain, a disguise, or (nullopt) not the brand at all.
  std::optional<BrandSpelling> classify(const Brand& brand, std::string_view folded_span,
                                        std::string_view source_span) const;

  // A brand's own pattern, compiled the first time the set says the brand may be there:
  // most texts name few brands, and compiling 500+ patterns up front dominated pack load.
  struct LazyPattern {
    mutable std::once_flag compiled;
    mutable std::unique_ptr<RE2> regex;
  };
  const RE2* pattern(std::size_t index) const;
  static std::string pattern_source(const Brand& brand);

  std::vector<Brand> brands_;
  std::string plain_alternation_;
  BrandSkeletonIndex skeletons_;
  RE2::Options pattern_options_;
  std::unique_ptr<LazyPattern[]> patterns_;  // per brand; group 1 is the brand
};

// Separator characters a spaced-out brand uses between its letters.
bool is_brand_separator(char c);

// Just past the first character of the last run of separators inside folded[begin, end);
// `begin` when there is none. A reading that is not the brand may hide a shorter one before
// it: "Nike 3/4" is not the misspelling "Nikee", but it names Nike.
std::size_t last_gap_in(std::string_view folded, std::size_t begin, std::size_t end);

// A disguised brand still reads as a word: at least two real letters, and more letters
// than stand-ins (digits, symbols). "| 3900" fits LEGO's look-alike classes but is a number.
bool looks_like_a_word(std::string_view folded_span);

template <typename ToSource>
std::vector<BrandMention> BrandCatalog::find(std::string_view folded, std::string_view source,
                                             const ToSource& to_source) const {
  std::vector<BrandMention> mentions;
  if (brands_.empty() || folded.empty()) return mentions;
  // One buffer per thread: most texts name a brand, and this runs for every text field.
  thread_local std::vector<std::uint32_t> candidates;
  skeletons_.candidates(folded, candidates);
  for (const std::uint32_t index : candidates) {
    const RE2* compiled = pattern(static_cast<std::size_t>(index));
    if (!compiled) continue;  // a pattern over its memory budget: skip it, never crash
    const RE2& pattern = *compiled;
    re2::StringPiece groups[3];
    std::size_t pos = 0;
    std::size_t limit = folded.size();  // shorter while a reading is retried before a gap
    int found = 0;
    while (pos < folded.size() && found < 8 &&
           pattern.Match(folded, pos, limit, RE2::UNANCHORED, groups,
                                 1 + pattern.NumberOfCapturingGroups())) {
      // Group 1: a Latin spelling (checked for disguise); group 2: a native-script alias.
      const bool alias = !groups[1].data();
      const re2::StringPiece& hit = alias ? groups[2] : groups[1];
      const std::size_t begin = static_cast<std::size_t>(hit.data() - folded.data());
      const std::size_t end = begin + hit.size();
      std::uint32_t source_begin = 0, source_end = 0;
      to_source(begin, end, &source_begin, &source_end);
      const Brand& brand = brands_[static_cast<std::size_t>(index)];
      pos = std::max(end, begin + 1);
      const std::optional<BrandSpelling> read =
          alias ? BrandSpelling::kPlain
                : classify(brand, folded.substr(begin, end - begin),
                           source.substr(source_begin, source_end - source_begin));
      if (!read) {
        // Ordinary words that only line up with the brand; a shorter reading may end at a
        // separator inside them. The text is cut just past that separator, which the
        // pattern's right edge then reads as the end of a word (RE2's $ is the whole text's).
        const std::size_t gap = last_gap_in(folded, begin, end);
        if (gap > begin) {
          limit = gap;
          pos = static_cast<std::size_t>(groups[0].data() - folded.data());
        } else {
          limit = folded.size();
        }
        continue;
      }
      limit = folded.size();
      const BrandSpelling spelling = *read;
      // Digits are stand-ins only in a look-alike: "rtx 4090" spelled as listed is a name.
      if (spelling == BrandSpelling::kLookAlike && !looks_like_a_word(folded.substr(begin, end - begin))) continue;
      mentions.push_back({static_cast<std::size_t>(index), begin, end, spelling});
      ++found;
    }
  }
  return mentions;
}

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_MATCHING_BRAND_CATALOG_H_
