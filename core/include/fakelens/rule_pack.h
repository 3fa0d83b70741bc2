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

namespace fakelens {

namespace internal {
struct PackSections;
struct PackImageAccess;
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
  // What the pack holds, for `fakelens rules check` and the extension's options page:
  // {id, version, schemaVersion, description, thresholds,
  //  counts{textRules, discountRules, brands, priceFloors, specRules, textDiscountRules,
  //         listingRules, comboRules, byCategory{every rule of every kind}, examplesChecked},
  //  kinds[{key, rules[{id, category}]}]: every signal kind this build reads, in load
  //  order, with the id and category of each of its rules (hosts list rules by kind from
  //  this, so a new kind shows without host changes)}.
  OrderedJson summary() const;

  // Its rules, one part per signal kind, and the tables the kinds share
  // (core/src/signals/signal_kind.h): the core's own business.
  const internal::PackSections& sections() const { return *sections_; }

 private:
  friend struct internal::PackImageAccess;
  RulePack();
  struct Loader;  // RulePack::load's steps (pack/rule_pack.cpp)

  std::string id_;
  std::string version_;
  std::string description_;
  Thresholds thresholds_;
  std::unique_ptr<internal::PackSections> sections_;
};

// The built-in pack (rules/default.rules.json), compiled into native builds. Empty in the
// WebAssembly build, which ships the file beside the module: see RulePack::load_shipped.
std::string_view default_rule_pack_json();
// SHA-256 (lower-case hex) of rules/default.rules.json as this build was made with it.
std::string_view default_rule_pack_sha256();

}  // namespace fakelens

#endif  // FAKELENS_RULE_PACK_H_
