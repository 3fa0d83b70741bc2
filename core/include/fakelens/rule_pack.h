// A rule pack: the versioned JSON data that says what FakeLens looks for and how much
// each finding weighs. Packs live in rules/ beside the core; the format is described
// in rules/README.md. Loading validates the whole pack and lists every problem found,
// with a JSON path each, rather than stopping at the first. A loaded pack is immutable
// and shared (std::shared_ptr<const RulePack>) between scorers.
//
//   RulePackLoad loaded = RulePack::load(json_text);
//   if (!loaded.ok()) for (const auto& p : loaded.problems) print(p.path, p.message);
//   Scorer scorer(loaded.pack);
//
// Not copyable: it owns compiled RE2 programs.
#ifndef FAKELENS_RULE_PACK_H_
#define FAKELENS_RULE_PACK_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fakelens/json_reader.h"
#include "fakelens/lazy_regex.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace fakelens {

namespace internal {
struct PackSections;
struct PackImageAccess;
class PackReader;
}  // namespace internal

// The only pack format this build reads.
inline constexpr int kRulePackSchemaVersion = 1;

enum class Category { kCounterfeit, kExaggeration, kPricing, kSeller };
inline constexpr int kCategoryCount = 4;
const char* category_name(Category category);
// The category named `name` ("counterfeit", ...); false when there is none.
bool parse_category(std::string_view name, Category& out);

// Fields of a listing that evidence can point at. The text fields come first.
enum class Field { kTitle, kDescription, kBrand, kPrice, kListPrice, kSeller, kReviews };
inline constexpr int kTextFieldCount = 3;  // title, description, brand
const char* field_name(Field field);

struct TextRule {
  std::string id;
  Category category = Category::kCounterfeit;
  double weight = 0;
  std::vector<Field> fields;            // text fields only
  std::string pattern;                  // RE2 syntax, over folded text, {brand} expanded
  std::string set_pattern;              // what joins the field's RE2::Set: `pattern`, with
                                        // {brand} as "any text" (the rule's own regex decides)
  std::string unless;                   // optional: a hit inside a match of this is dropped
  std::string unless_listing;           // optional: no hits when this matches any text field
  std::string requires_listing;         // optional: no hits unless this matches a text field
  std::string message;                  // may use {field} and {match}
  std::string message_id;
  std::string description;
  std::vector<std::string> examples_match;
  std::vector<std::string> examples_no_match;
  std::shared_ptr<const LazyRegex> regex;
  std::shared_ptr<const LazyRegex> unless_regex;  // null when `unless` is empty
  std::shared_ptr<const LazyRegex> unless_listing_regex;
  std::shared_ptr<const LazyRegex> requires_listing_regex;
};

// Whether a text rule's listing-wide conditions hold (requiresListing, unlessListing);
// `matches(regex)` says whether a regex matches any of the listing's folded text fields.
template <typename Matches>
bool listing_allows(const TextRule& rule, const Matches& matches) {
  if (rule.requires_listing_regex && !matches(rule.requires_listing_regex->get())) return false;
  if (rule.unless_listing_regex && matches(rule.unless_listing_regex->get())) return false;
  return true;
}

struct DiscountTier {
  int min_percent = 0;  // discount off the list price, in whole percent
  double weight = 0;
};

// Compares price with listPrice (same currency) and weighs how far below it is.
struct DiscountRule {
  std::string id;
  std::vector<DiscountTier> tiers;      // ascending min_percent
  std::string message;                  // may use {percent}, {price}, {listPrice}
  std::string message_id;
  std::string description;
};

struct Thresholds {
  int medium = 35;  // score at or above: medium
  int high = 70;    // score at or above: high
};

struct Problem {
  std::string path;     // e.g. "textRules[3].pattern"
  std::string message;
};

class RulePack;

struct RulePackLoad {
  std::shared_ptr<const RulePack> pack;  // null when problems is not empty
  std::vector<Problem> problems;
  bool ok() const { return pack != nullptr; }
};

struct RulePackLoadOptions {
  // Compile every pattern and run every example now, reporting what fails. Packs from
  // outside need this; the built-in pack is verified by the test suite and by
  // `fakelens rules check`, so load_default() skips it and compiles patterns when used.
  bool verify = true;
};

class RulePack {
 public:
  static RulePackLoad load(std::string_view json_text, const RulePackLoadOptions& options = {});
  // The built-in pack (default_rule_pack_json()), loaded without re-verifying it.
  static RulePackLoad load_default();
  // The built-in pack delivered as a file (the WebAssembly build's default.rules.json):
  // loaded like load_default() when its SHA-256 is the one this build was made with,
  // otherwise verified in full like any pack from outside. `sha256_hex` is the caller's
  // digest of exactly `json_text` (lower-case hex), when it has one: the WebAssembly loader
  // gets it from WebCrypto at native speed while the module compiles, where hashing here
  // would take 3-4 ms of a cold start. Empty: computed here.
  static RulePackLoad load_shipped(std::string_view json_text, std::string_view sha256_hex = {});
  // The built-in pack from its load image (fakelens/pack_image.h): the same pack, read
  // without parsing JSON. Refused, with a problem saying why, unless the image names this
  // build's built-in pack, is in this build's image format and is whole.
  static RulePackLoad load_image(std::string_view image);

  RulePack(const RulePack&) = delete;
  RulePack& operator=(const RulePack&) = delete;
  ~RulePack();

  const std::string& id() const { return id_; }
  const std::string& version() const { return version_; }
  const std::string& description() const { return description_; }
  const Thresholds& thresholds() const { return thresholds_; }
  const std::vector<TextRule>& text_rules() const { return text_rules_; }
  const std::vector<DiscountRule>& discount_rules() const { return discount_rules_; }

  // Every hit of every text rule that applies to `field` (a text field) in `folded`
  // (text folded by fold_text). The field is scanned once by one RE2::Set for all its
  // rules; only the rules that matched are then run alone to find their spans.
  // Hits come ordered by rule index, then position; at most
  // limits::kMaxSpansPerRuleField per rule.
  struct TextHit {
    std::size_t rule_index;
    std::size_t begin;  // byte range in the folded text
    std::size_t end;
  };
  std::vector<TextHit> find_text_hits(Field field, std::string_view folded) const;

  // The first half of find_text_hits: the indices (into text_rules()) of the rules whose
  // set entry matches `folded`, from the one scan, ascending: every rule that matches and
  // maybe a few that do not (the set's patterns are widened; find_text_hits runs each named
  // rule alone). Empty when the field's set could not scan this text (find_text_hits then
  // runs each rule alone).
  std::vector<std::size_t> rules_in_field(Field field, std::string_view folded) const {
    std::vector<std::size_t> rules;
    rules_in_field(field, folded, rules);
    return rules;
  }
  // The same into `rules` (cleared first), so a caller scanning many texts reuses one buffer.
  void rules_in_field(Field field, std::string_view folded, std::vector<std::size_t>& rules) const;

  // What the pack holds, for `fakelens rules check` and the extension's options page:
  // {id, version, schemaVersion, description, thresholds, counts{...}}.
  OrderedJson summary() const;

  // Brands, price floors, spec, style, discount-in-text, listing and combination rules
  // (core/src/signals.h); always present, possibly empty.
  const internal::PackSections& sections() const { return *sections_; }

 private:
  friend struct internal::PackImageAccess;
  RulePack();  // defined where FieldMatcher is complete
  // One RE2::Set per text field over the rules that apply to it (compiled when first used,
  // or here when verifying, reporting to `reader` what cannot join).
  void index_text_rules(bool verify, internal::PackReader& reader);

  std::string id_;
  std::string version_;
  std::string description_;
  Thresholds thresholds_;
  std::vector<TextRule> text_rules_;
  std::vector<DiscountRule> discount_rules_;
  struct FieldMatcher;  // a set of the field's patterns (RE2::Set's program) and their rules
  std::unique_ptr<FieldMatcher> field_matchers_[kTextFieldCount];
  std::unique_ptr<internal::PackSections> sections_;
};

// The built-in pack (rules/default.rules.json), compiled into native builds. Empty in the
// WebAssembly build, which ships the file beside the module: see RulePack::load_shipped.
std::string_view default_rule_pack_json();
// SHA-256 (lower-case hex) of rules/default.rules.json as this build was made with it.
std::string_view default_rule_pack_sha256();

}  // namespace fakelens

#endif  // FAKELENS_RULE_PACK_H_
