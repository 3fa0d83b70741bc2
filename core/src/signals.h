// Internal: the signal families of a rule pack beyond plain text rules. Each has a
// loader (problems go to the PackReader, with JSON paths) and an evaluator that appends
// Evidence for one listing. The pack format is documented in rules/README.md.
#ifndef FAKELENS_SRC_SIGNALS_H_
#define FAKELENS_SRC_SIGNALS_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "fakelens/json_reader.h"
#include "fakelens/lazy_regex.h"
#include "fakelens/listing.h"
#include "fakelens/rule_pack.h"
#include "fakelens/verdict.h"
#include "listing_context.h"
#include "pack_reader.h"
#include "title_gates.h"

namespace fakelens::internal {

// Shared by the message-bearing rules below.
struct RuleText {
  std::string id;
  std::string message;
  std::string message_id;
  std::string description;
};

// Reads id, message (with the allowed placeholders), messageId and description.
// `placeholders` lists the names the message may use; null leaves the check to the caller.
bool read_rule_text(const Json& json, const std::string& path, PackReader& reader,
                    std::initializer_list<const char*> placeholders, RuleText& out,
                    bool check_placeholders = true);

// Fills {name} placeholders from `args` (strings and numbers).
std::string fill_message(const std::string& message, const OrderedJson& args);

// Money as people read it: "19.99 USD".
std::string format_money(double amount, const std::string& currency);

// The options every pattern of a pack is compiled with: compile_pattern's, the brands'
// own patterns', and what a pack image assumes of every pattern it carries.
RE2::Options pack_pattern_options();

// A pack pattern: compiled now (reporting a bad one) when the reader verifies patterns,
// otherwise when first used.
std::shared_ptr<const LazyRegex> compile_pattern(const std::string& pattern, const std::string& path,
                                                 PackReader& reader);

// Reads the RE2 pattern at json[key] into `out`. An absent optional key is fine (true,
// `out` stays null); an absent required key, a non-string or a bad pattern is a problem.
bool read_pattern(const Json& json, const std::string& path, const char* key, bool required,
                  std::shared_ptr<const LazyRegex>& out, PackReader& reader);

// ---- Exchange rates and price floors (price_floor.cpp) ----

struct ExchangeRates {
  std::string as_of;                     // the date the rates were taken
  std::map<std::string, double> per_usd; // units of the currency for one US dollar
  std::optional<double> to_usd(const Money& money) const;
  std::optional<double> from_usd(double usd, const std::string& currency) const;
};

struct ProductFloor {
  std::string label;                     // "iPhone 15 Pro"
  std::shared_ptr<const LazyRegex> pattern;    // over the folded title
  double min_usd = 0;
  std::size_t gate = 0;                  // its number in PackSections::title_gates
};

struct RatioTier {
  double max_ratio = 0;  // price / plausible price at or below this...
  double weight = 0;     // ...weighs this much
};

struct PriceFloorRule {
  RuleText text;                         // message: {product}, {price}, {floor}, {percent}
  std::vector<RatioTier> tiers;          // ascending max_ratio; the lowest that holds wins
  double used_factor = 0.5;              // used or refurbished items weigh this much less
  std::shared_ptr<const LazyRegex> accessory;  // when any text field matches, floors do not apply
  std::vector<ProductFloor> floors;
};

std::optional<ExchangeRates> load_exchange_rates(const Json& json, const std::string& path,
                                                 PackReader& reader);
std::optional<PriceFloorRule> load_price_floor_rule(const Json& json, const std::string& path,
                                                    PackReader& reader);
void evaluate_price_floors(const PriceFloorRule& rule, const ExchangeRates& rates,
                           const std::vector<Brand>& brands, const ListingContext& context,
                           std::vector<Evidence>& evidence);
const RatioTier* pick_tier(const std::vector<RatioTier>& tiers, double ratio);
bool read_ratio_tiers(const Json& json, const std::string& path, PackReader& reader,
                      std::vector<RatioTier>& out);

// ---- Spec plausibility (spec_plausibility.cpp) ----

enum class Quantity { kStorageGb, kBatteryMah, kCameraMp, kVideoLines, kLumens, kWatts, kInches };

struct SpecRule {
  RuleText text;                         // message: {quantity}, {product}, {price}, {plausible}
  std::string label;                     // "USB flash drive"
  std::shared_ptr<const LazyRegex> product;    // over the folded title
  std::size_t gate = 0;                  // its number in PackSections::title_gates
  std::shared_ptr<const LazyRegex> unless_listing;  // optional: not judged when any text field matches
  Quantity quantity = Quantity::kStorageGb;
  double min_quantity = 0;               // the rule looks only at claims this large
  double usd_per_unit = 0;               // a genuine item costs at least this per unit...
  double min_usd = 0;                    // ...and at least this in all
  std::vector<RatioTier> tiers;
};

struct QuantityClaim {
  double value = 0;                      // in the quantity's base unit (GB, mAh, MP, lines)
  std::size_t begin = 0, end = 0;        // byte range in the folded title
};

// Every quantity of `kind` written in folded text ("16gb+1tb", "50000 mah", "4k").
std::vector<QuantityClaim> find_quantities(std::string_view folded, Quantity kind);

std::optional<SpecRule> load_spec_rule(const Json& json, const std::string& path, PackReader& reader);
void evaluate_spec_rule(const SpecRule& rule, const ExchangeRates& rates,
                        const ListingContext& context, std::vector<Evidence>& evidence);

// ---- Shouting style (claim_style.cpp) ----

struct StyleRule {
  RuleText text;                         // message: {capsPercent}, {exclamations}, {superlatives}
  double weight = 0;
  int min_letters = 20;                  // titles shorter than this are not judged on caps
  double caps_ratio = 0.7;
  int min_exclamations = 3;
  int min_superlatives = 3;
  int min_signs = 2;                     // how many of the three must hold
  std::shared_ptr<const LazyRegex> superlatives;
};

std::optional<StyleRule> load_style_rule(const Json& json, const std::string& path, PackReader& reader);
void evaluate_style_rule(const StyleRule& rule, const ListingContext& context,
                         std::vector<Evidence>& evidence);

// ---- Discounts stated in text: "was $999 now $19" (text_discount.cpp) ----

struct TextDiscountRule {
  RuleText text;                         // message: {was}, {now}, {percent}, {field}, {match}
  std::vector<Field> fields;
  std::shared_ptr<const LazyRegex> pattern;    // group 1: the old price, group 2: the new price
  std::vector<DiscountTier> tiers;
};

// "1,299.99", "1.299,99", "999" -> number; nullopt when it is not a price.
std::optional<double> parse_price_text(std::string_view text);

std::optional<TextDiscountRule> load_text_discount_rule(const Json& json, const std::string& path,
                                                        PackReader& reader);
void evaluate_text_discount(const TextDiscountRule& rule, const ListingContext& context,
                            std::vector<Evidence>& evidence);
// The price / listPrice discount rules of the pack.
void evaluate_discount(const DiscountRule& rule, const Listing& listing,
                       std::vector<Evidence>& evidence);

// ---- Conditions on the seller, reviews and price (listing_conditions.cpp) ----

struct FieldTest {
  std::string field;                     // "seller.rating", "reviews.count", "brand.luxury", ...
  enum class Op { kLess, kLessOrEqual, kGreater, kGreaterOrEqual, kEquals } op = Op::kLess;
  double value = 0;                      // booleans compare as 0 / 1
};

struct ListingRule {
  RuleText text;                         // message: any condition field, as {seller.rating}
  Category category = Category::kSeller;
  Field field = Field::kSeller;
  double weight = 0;
  std::vector<FieldTest> conditions;     // all must hold, and every field must be known
  std::vector<Category> dampens;         // when it fires: these categories weigh less...
  double dampen_factor = 1;              // ...multiplied by this
};

std::optional<ListingRule> load_listing_rule(const Json& json, const std::string& path,
                                             PackReader& reader);
// The value of a condition field for this listing, when known.
std::optional<double> condition_value(const std::string& field, const ListingContext& context,
                                      const std::vector<Brand>& brands);
bool is_condition_field(const std::string& field);
void evaluate_listing_rule(const ListingRule& rule, const ListingContext& context,
                           const std::vector<Brand>& brands, std::vector<Evidence>& evidence);

// ---- Combinations: findings that are stronger together (scorer.cpp) ----

struct ComboRule {
  RuleText text;
  Category category = Category::kCounterfeit;
  double weight = 0;
  std::vector<std::string> requires_rules;  // every one must have fired
};

std::optional<ComboRule> load_combo_rule(const Json& json, const std::string& path, PackReader& reader);

// Listings a rule must and must not fire on: every kind of rule but text rules (whose
// examples are plain strings, run by the text matcher) keeps them here; the pack runs
// them through a Scorer when it loads.
struct RuleExamples {
  std::string rule_id;
  std::string path;               // "$.specRules[2].examples"
  std::vector<Json> match;        // listings (a string is a title)
  std::vector<Json> no_match;
};

// Reads `examples` of `json` (a rule) into `out`, when present.
void read_rule_examples(const Json& json, const std::string& path, const std::string& rule_id,
                        PackReader& reader, std::vector<RuleExamples>& out);

// Everything a pack holds besides its text and discount rules.
// The shopper's own record of the seller (Listing seller.history): seller evidence whose
// weight follows the credit the core computes (seller_record.h), capped so that the record
// alone never makes a listing `high`.
struct SellerRecordRule {
  RuleText text;
  double max_weight = 0.6;
  int max_credit = 90;  // evidence only when the credit is at or below this
};
std::optional<SellerRecordRule> load_seller_record_rule(const Json& json, const std::string& path, PackReader& reader);
void evaluate_seller_record(const SellerRecordRule& rule, const Listing& listing, std::vector<Evidence>& evidence);

// Every rule's id in the pack, with the JSON path it is reported at, in the order the
// loader checks them: the uniqueness check and combination rules' references use it.
void for_each_rule_id(const RulePack& pack,
                      const std::function<void(const std::string& id, const std::string& path)>& visit);

struct PackSections {
  // Example listings of every rule kind but text rules, run to verify a pack, and how many
  // there are (for the summary; a pack image carries the count, not the listings).
  std::vector<RuleExamples> examples;
  std::size_t example_listings = 0;
  std::unique_ptr<BrandCatalog> brands;
  std::optional<BrandDisguiseRule> brand_disguise;
  std::optional<ExchangeRates> rates;
  std::optional<PriceFloorRule> price_floors;
  std::vector<SpecRule> spec_rules;
  std::optional<StyleRule> style;
  std::vector<TextDiscountRule> text_discounts;
  std::vector<ListingRule> listing_rules;
  std::vector<ComboRule> combos;
  std::optional<SellerRecordRule> seller_record;
  // Price floors' and spec rules' product patterns, scanned over the title in one pass.
  TitleGates title_gates;
};

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_SIGNALS_H_
