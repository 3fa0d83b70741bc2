#include "fakelens/rule_pack.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <re2/re2.h>

#include "brand_disguise.h"
#include "sha256.h"
#include "fakelens/limits.h"
#include "fakelens/scorer.h"
#include "fakelens/text_normalizer.h"
#include "pack_reader.h"
#include "pattern_set.h"
#include "signals.h"
#include "title_gates.h"

namespace fakelens {

const char* category_name(Category category) {
  switch (category) {
    case Category::kCounterfeit: return "counterfeit";
    case Category::kExaggeration: return "exaggeration";
    case Category::kPricing: return "pricing";
    case Category::kSeller: return "seller";
  }
  return "counterfeit";
}

bool parse_category(std::string_view name, Category& out) {
  for (const Category c : {Category::kCounterfeit, Category::kExaggeration, Category::kPricing,
                           Category::kSeller}) {
    if (name == category_name(c)) {
      out = c;
      return true;
    }
  }
  return false;
}

const char* field_name(Field field) {
  switch (field) {
    case Field::kTitle: return "title";
    case Field::kDescription: return "description";
    case Field::kBrand: return "brand";
    case Field::kPrice: return "price";
    case Field::kListPrice: return "listPrice";
    case Field::kSeller: return "seller";
    case Field::kReviews: return "reviews";
  }
  return "title";
}

// The pattern set (RE2::Set's program: pattern_set.h) of one text field's rules, built the
// first time the field is scanned (or at load, when the pack is verified): a page may
// never show a description. It answers a superset: every rule it names is run alone for
// its spans (find_text_hits), and its widened patterns make it quicker to build and run.
struct RulePack::FieldMatcher {
  RE2::Options options;
  std::vector<std::size_t> rule_indices;  // set entry -> index into text_rules_

  // Null when the set cannot be built; the caller then runs each rule alone.
  const internal::PatternSet* set(const std::vector<TextRule>& rules, std::string* error = nullptr) const {
    std::call_once(built_, [&] {
      auto candidate = std::make_unique<internal::PatternSet>(options, internal::PatternSet::Answers::kSuperset);
      for (const std::size_t index : rule_indices) {
        if (candidate->add(rules[index].set_pattern, error) < 0) return;
      }
      if (candidate->compile()) set_ = std::move(candidate);
    });
    return set_.get();
  }

 private:
  mutable std::once_flag built_;
  mutable std::unique_ptr<internal::PatternSet> set_;
};

RulePack::RulePack() = default;
RulePack::~RulePack() = default;

namespace {

using internal::PackReader;
using internal::is_rule_id;

RE2::Options rule_regex_options(long long max_mem) {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_case_sensitive(true);  // text is case-folded before matching
  options.set_log_errors(false);
  options.set_max_mem(max_mem);
  return options;
}

// Finds the spans of one rule in folded text: group 1 when the pattern captures (so a
// pattern can require context without highlighting it), else the whole match; hits that
// fall inside a match of the rule's `unless` pattern are dropped.
void find_rule_spans(const TextRule& rule, std::size_t rule_index, std::string_view text,
                     std::vector<RulePack::TextHit>& hits) {
  const RE2& regex = rule.regex->get();
  const int groups = std::min(regex.NumberOfCapturingGroups(), 1);
  re2::StringPiece submatch[2];
  std::size_t pos = 0;
  int found = 0;
  while (pos <= text.size() && found < limits::kMaxSpansPerRuleField) {
    if (!regex.Match(text, pos, text.size(), RE2::UNANCHORED, submatch, groups + 1)) break;
    const re2::StringPiece& whole = submatch[0];
    const re2::StringPiece& wanted = (groups == 1 && submatch[1].data()) ? submatch[1] : whole;
    const std::size_t begin = static_cast<std::size_t>(wanted.data() - text.data());
    const std::size_t end = begin + wanted.size();
    const std::size_t whole_end = static_cast<std::size_t>(whole.data() - text.data()) + whole.size();

    bool suppressed = false;
    if (rule.unless_regex) {
      // `unless` phrases are short context ("not a replica"): look only near the hit,
      // which keeps the check bounded whatever the text's length.
      constexpr std::size_t kContext = 64;
      std::size_t lo = begin > kContext ? begin - kContext : 0;
      std::size_t hi = std::min(text.size(), end + kContext);
      while (lo > 0 && (static_cast<unsigned char>(text[lo]) & 0xC0) == 0x80) --lo;
      while (hi < text.size() && (static_cast<unsigned char>(text[hi]) & 0xC0) == 0x80) ++hi;
      re2::StringPiece context_match;
      std::size_t at = lo;
      while (at <= hi &&
             rule.unless_regex->get().Match(text, at, hi, RE2::UNANCHORED, &context_match, 1)) {
        const std::size_t u_begin = static_cast<std::size_t>(context_match.data() - text.data());
        const std::size_t u_end = u_begin + context_match.size();
        if (u_begin <= begin && end <= u_end) {
          suppressed = true;
          break;
        }
        at = u_end > u_begin ? u_end : u_begin + 1;
      }
    }
    if (!suppressed && end > begin) {
      hits.push_back({rule_index, begin, end});
      ++found;
    }
    // Continue after the match; step over one code point after an empty match.
    std::size_t next = std::max(whole_end, end);
    if (next <= pos) {
      next = pos + 1;
      while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
    }
    pos = next;
  }
}


constexpr std::string_view kBrandMacro = "{brand}";

// `text` with every `from` replaced by `to`. Built afresh, so only `text` is searched,
// never what `to` adds (the brand alternation is 1,000+ spellings long).
std::string replace_all(std::string_view text, std::string_view from, std::string_view to) {
  std::string out;
  std::size_t done = 0;
  for (std::size_t at; (at = text.find(from, done)) != std::string_view::npos; done = at + from.size()) {
    out.append(text.substr(done, at - done));
    out.append(to);
  }
  out.append(text.substr(done));
  return out;
}

// Replaces every "{brand}" with the alternation of the pack's plain brand spellings.
bool expand_brand_macro(std::string& pattern, const std::string* brand_alternation,
                        const std::string& path, PackReader& reader) {
  if (pattern.find(kBrandMacro) == std::string::npos) return true;
  if (!brand_alternation) {
    reader.problem(path, "uses {brand} but the pack has no brands");
    return false;
  }
  pattern = replace_all(pattern, kBrandMacro, *brand_alternation);
  return true;
}

// Reads an optional pattern key of a text rule, expanding {brand}.
FAKELENS_PACK_LOADING
bool read_optional_pattern(const Json& json, const std::string& path, const char* key,
                           const std::string* brand_alternation, PackReader& reader,
                           std::string& text, std::shared_ptr<const LazyRegex>& regex) {
  if (!json.contains(key)) return true;
  if (!reader.text(json, path, key, text, true, limits::kMaxPatternBytes)) return false;
  if (!expand_brand_macro(text, brand_alternation, path + "." + key, reader)) return false;
  regex = internal::compile_pattern(text, path + "." + key, reader);
  return regex != nullptr;
}

FAKELENS_PACK_LOADING
void read_text_rule(const Json& json, const std::string& path, PackReader& reader,
                    const std::string* brand_alternation, std::vector<TextRule>& rules) {
  if (!json.is_object()) {
    reader.problem(path, "must be an object");
    return;
  }
  reader.unknown_keys(json, path,
                      {"id", "category", "weight", "fields", "pattern", "unless", "unlessListing",
                       "requiresListing", "message", "messageId", "description", "examples"});
  TextRule rule;
  bool ok = reader.text(json, path, "id", rule.id, true, 100);
  if (ok && !is_rule_id(rule.id)) {
    reader.problem(path + ".id", "\"" + rule.id + "\" must be dotted lower-case words, e.g. replica.en.aaa");
    ok = false;
  }
  ok = reader.category(json, path, rule.category) && ok;
  ok = reader.weight(json, path, rule.weight) && ok;

  const auto fields = json.find("fields");
  if (fields == json.end() || !fields->is_array() || fields->empty()) {
    reader.problem(path + ".fields", "must be a non-empty array of title, description, brand");
    ok = false;
  } else {
    for (const Json& field : *fields) {
      const std::string name = field.is_string() ? field.get<std::string>() : "";
      Field parsed = Field::kTitle;
      if (name == "title") parsed = Field::kTitle;
      else if (name == "description") parsed = Field::kDescription;
      else if (name == "brand") parsed = Field::kBrand;
      else {
        reader.problem(path + ".fields", "holds \"" + name + "\"; text rules apply to title, description, brand");
        ok = false;
        continue;
      }
      if (std::find(rule.fields.begin(), rule.fields.end(), parsed) != rule.fields.end()) {
        reader.problem(path + ".fields", "names \"" + name + "\" twice");
        ok = false;
      }
      rule.fields.push_back(parsed);
    }
  }

  if (reader.text(json, path, "pattern", rule.pattern, true, limits::kMaxPatternBytes)) {
    // In the field's set, {brand} is any text: the set only says which rules may match,
    // and the rule's own regex (with 1,000+ brand spellings per {brand}) decides. One
    // rule uses {brand} ten times; expanded in the set it made the set slow to compile.
    rule.set_pattern = replace_all(rule.pattern, kBrandMacro, "(?s:.+)");
    if (expand_brand_macro(rule.pattern, brand_alternation, path + ".pattern", reader)) {
      rule.regex = internal::compile_pattern(rule.pattern, path + ".pattern", reader);
    }
  }
  ok = ok && rule.regex;
  ok = read_optional_pattern(json, path, "unless", brand_alternation, reader, rule.unless, rule.unless_regex) && ok;
  ok = read_optional_pattern(json, path, "unlessListing", brand_alternation, reader, rule.unless_listing,
                             rule.unless_listing_regex) && ok;
  ok = read_optional_pattern(json, path, "requiresListing", brand_alternation, reader, rule.requires_listing,
                             rule.requires_listing_regex) && ok;
  if (reader.text(json, path, "message", rule.message, true, 500)) {
    reader.message_placeholders(rule.message, path + ".message", {"field", "match"});
  } else {
    ok = false;
  }
  rule.message_id = rule.id;
  if (json.contains("messageId")) ok = reader.text(json, path, "messageId", rule.message_id, true, 100) && ok;
  ok = reader.text(json, path, "description", rule.description, true) && ok;

  const auto examples = json.find("examples");
  if (examples == json.end() || !examples->is_object()) {
    reader.problem(path + ".examples", "must be an object {match: [...], noMatch: [...]}");
    ok = false;
  } else {
    reader.unknown_keys(*examples, path + ".examples", {"match", "noMatch"});
    ok = reader.string_list(*examples, path + ".examples", "match", rule.examples_match) && ok;
    ok = reader.string_list(*examples, path + ".examples", "noMatch", rule.examples_no_match) && ok;
  }

  // Every example is run through the same folding and matching as a real listing.
  if (ok && reader.verify_patterns()) {
    auto check = [&](const std::vector<std::string>& examples_list, bool should_match,
                     const char* key) {
      for (std::size_t i = 0; i < examples_list.size(); ++i) {
        const FoldedText folded = fold_text(examples_list[i]);
        std::vector<RulePack::TextHit> hits;
        find_rule_spans(rule, 0, folded.text, hits);
        if (!listing_allows(rule, [&](const RE2& regex) { return RE2::PartialMatch(folded.text, regex); })) {
          hits.clear();
        }
        if (hits.empty() == should_match) {
          reader.problem(path + ".examples." + key + "[" + std::to_string(i) + "]",
                         std::string("\"") + examples_list[i] + (should_match ? "\" does not match" : "\" matches") +
                             " (folded: \"" + folded.text + "\")");
        }
      }
    };
    check(rule.examples_match, true, "match");
    check(rule.examples_no_match, false, "noMatch");
  }
  rules.push_back(std::move(rule));
}

FAKELENS_PACK_LOADING
void read_discount_rule(const Json& json, const std::string& path, PackReader& reader,
                        std::vector<DiscountRule>& rules) {
  if (!json.is_object()) {
    reader.problem(path, "must be an object");
    return;
  }
  reader.unknown_keys(json, path, {"id", "tiers", "message", "messageId", "description", "examples"});
  DiscountRule rule;
  if (reader.text(json, path, "id", rule.id, true, 100) && !is_rule_id(rule.id)) {
    reader.problem(path + ".id", "\"" + rule.id + "\" must be dotted lower-case words, e.g. pricing.discount");
  }
  if (reader.text(json, path, "message", rule.message, true, 500)) {
    reader.message_placeholders(rule.message, path + ".message", {"percent", "price", "listPrice"});
  }
  rule.message_id = rule.id;
  if (json.contains("messageId")) reader.text(json, path, "messageId", rule.message_id, true, 100);
  reader.text(json, path, "description", rule.description, true);
  const auto tiers = json.find("tiers");
  if (tiers == json.end() || !tiers->is_array() || tiers->empty()) {
    reader.problem(path + ".tiers", "must be a non-empty array of {minPercent, weight}");
  } else {
    for (std::size_t i = 0; i < tiers->size(); ++i) {
      const Json& tier = (*tiers)[i];
      const std::string tier_path = path + ".tiers[" + std::to_string(i) + "]";
      if (!tier.is_object()) {
        reader.problem(tier_path, "must be an object {minPercent, weight}");
        continue;
      }
      reader.unknown_keys(tier, tier_path, {"minPercent", "weight"});
      DiscountTier parsed;
      const auto min_percent = tier.find("minPercent");
      if (min_percent == tier.end() || !min_percent->is_number_integer() ||
          min_percent->get<long long>() < 1 || min_percent->get<long long>() > 100) {
        reader.problem(tier_path + ".minPercent", "must be a whole number from 1 to 100");
      } else {
        parsed.min_percent = static_cast<int>(min_percent->get<long long>());
      }
      reader.weight(tier, tier_path, parsed.weight);
      if (!rule.tiers.empty() && parsed.min_percent <= rule.tiers.back().min_percent) {
        reader.problem(tier_path + ".minPercent", "tiers must be in ascending order of minPercent");
      }
      rule.tiers.push_back(parsed);
    }
  }
  rules.push_back(std::move(rule));
}

}  // namespace

namespace internal {

FAKELENS_PACK_LOADING
void for_each_rule_id(const RulePack& pack,
                      const std::function<void(const std::string& id, const std::string& path)>& visit) {
  for (std::size_t i = 0; i < pack.text_rules().size(); ++i) {
    visit(pack.text_rules()[i].id, "$.textRules[" + std::to_string(i) + "].id");
  }
  for (std::size_t i = 0; i < pack.discount_rules().size(); ++i) {
    visit(pack.discount_rules()[i].id, "$.discountRules[" + std::to_string(i) + "].id");
  }
  const PackSections& sections = pack.sections();
  if (sections.brand_disguise) visit(sections.brand_disguise->id, "$.brandDisguise.id");
  if (sections.price_floors) visit(sections.price_floors->text.id, "$.priceFloors.id");
  if (sections.style) visit(sections.style->text.id, "$.styleRule.id");
  if (sections.seller_record) visit(sections.seller_record->text.id, "$.sellerRecordRule.id");
  for (const auto& rule : sections.text_discounts) visit(rule.text.id, "$.textDiscountRules");
  for (const auto& rule : sections.spec_rules) visit(rule.text.id, "$.specRules");
  for (const auto& rule : sections.listing_rules) visit(rule.text.id, "$.listingRules");
  for (const auto& rule : sections.combos) visit(rule.text.id, "$.comboRules");
}

}  // namespace internal

FAKELENS_PACK_LOADING
void RulePack::index_text_rules(bool verify, internal::PackReader& reader) {
  const RE2::Options set_options = rule_regex_options(limits::kRuleSetMaxMem);
  for (int f = 0; f < kTextFieldCount; ++f) {
    auto matcher = std::make_unique<FieldMatcher>();
    matcher->options = set_options;
    for (std::size_t i = 0; i < text_rules_.size(); ++i) {
      const TextRule& rule = text_rules_[i];
      if (std::find(rule.fields.begin(), rule.fields.end(), static_cast<Field>(f)) == rule.fields.end()) continue;
      if (verify) {
        // Each set pattern alone first, so a problem names its rule.
        internal::PatternSet alone(set_options, internal::PatternSet::Answers::kSuperset);
        std::string error;
        if (alone.add(rule.set_pattern, &error) < 0) {
          reader.problem("$.textRules[" + std::to_string(i) + "].pattern", "cannot join the field's rule set: " + error);
          continue;
        }
      }
      matcher->rule_indices.push_back(i);
    }
    if (matcher->rule_indices.empty()) continue;
    if (verify && !matcher->set(text_rules_)) {
      reader.problem("$.textRules", std::string("the rules for the ") + field_name(static_cast<Field>(f)) +
                                        " field are too large to compile together");
      continue;
    }
    field_matchers_[f] = std::move(matcher);
  }
}

RulePackLoad RulePack::load_default() {
  if (default_rule_pack_json().empty()) {
    RulePackLoad missing;
    missing.problems.push_back({"$", "this build does not carry the built-in pack; load its file with load_shipped"});
    return missing;
  }
  RulePackLoadOptions options;
  options.verify = false;
  return load(default_rule_pack_json(), options);
}

RulePackLoad RulePack::load_shipped(std::string_view json_text, std::string_view sha256_hex) {
  RulePackLoadOptions options;
  const std::string digest = sha256_hex.empty() ? internal::sha256_hex(json_text) : std::string(sha256_hex);
  options.verify = digest != default_rule_pack_sha256();
  return load(json_text, options);
}

FAKELENS_PACK_LOADING
RulePackLoad RulePack::load(std::string_view json_text, const RulePackLoadOptions& options) {
  RulePackLoad result;
  Result<Json> parsed =
      read_json(json_text, limits::kMaxRulePackBytes, limits::kMaxRulePackDepth, "rule pack");
  if (!parsed.ok()) {
    result.problems.push_back({"$", parsed.error().message + " [" + parsed.error().code + "]"});
    return result;
  }
  const Json& root = parsed.value();
  if (!root.is_object()) {
    result.problems.push_back({"$", "a rule pack must be a JSON object"});
    return result;
  }
  std::vector<Problem>& problems = result.problems;
  PackReader reader(problems, options.verify);
  std::unique_ptr<RulePack> pack(new RulePack());
  pack->sections_ = std::make_unique<internal::PackSections>();
  internal::PackSections& sections = *pack->sections_;

  reader.unknown_keys(root, "$", {"$schema", "schemaVersion", "id", "version", "description",
                                  "thresholds", "textRules", "discountRules", "brands",
                                  "brandDisguise", "exchangeRates", "priceFloors", "specRules",
                                  "styleRule", "textDiscountRules", "listingRules", "comboRules",
                                  "sellerRecordRule"});
  const auto schema = root.find("schemaVersion");
  if (schema == root.end() || !schema->is_number_integer() ||
      schema->get<long long>() != kRulePackSchemaVersion) {
    reader.problem("$.schemaVersion", "must be " + std::to_string(kRulePackSchemaVersion) +
                                          ": this build of FakeLens reads schema version " +
                                          std::to_string(kRulePackSchemaVersion) + " packs");
  }
  if (reader.text(root, "$", "id", pack->id_, true, 64) && !is_rule_id(pack->id_ + ".x")) {
    reader.problem("$.id", "must be lower-case letters, digits, '-' and '.'");
  }
  reader.text(root, "$", "version", pack->version_, true, 32);
  reader.text(root, "$", "description", pack->description_, true);

  const auto thresholds = root.find("thresholds");
  if (thresholds == root.end() || !thresholds->is_object()) {
    reader.problem("$.thresholds", "must be an object {medium, high}");
  } else {
    reader.unknown_keys(*thresholds, "$.thresholds", {"medium", "high"});
    auto read_threshold = [&](const char* key, int& out) {
      const auto it = thresholds->find(key);
      if (it == thresholds->end() || !it->is_number_integer() || it->get<long long>() < 1 ||
          it->get<long long>() > 100) {
        reader.problem(std::string("$.thresholds.") + key, "must be a whole number from 1 to 100");
        return false;
      }
      out = static_cast<int>(it->get<long long>());
      return true;
    };
    if (read_threshold("medium", pack->thresholds_.medium) &&
        read_threshold("high", pack->thresholds_.high) &&
        pack->thresholds_.medium >= pack->thresholds_.high) {
      reader.problem("$.thresholds", "medium must be lower than high");
    }
  }

  // Sections. Brands come first: text rules may use {brand}.
  std::size_t total_rules = 0;
  if (const auto brands = root.find("brands"); brands != root.end()) {
    sections.brands = internal::BrandCatalog::load(*brands, "$.brands", reader);
  }
  if (const auto rule = root.find("brandDisguise"); rule != root.end()) {
    sections.brand_disguise = internal::load_brand_disguise_rule(*rule, "$.brandDisguise", reader);
    if (!sections.brands) reader.problem("$.brandDisguise", "needs the pack's brands");
    ++total_rules;
  }
  if (const auto rates = root.find("exchangeRates"); rates != root.end()) {
    sections.rates = internal::load_exchange_rates(*rates, "$.exchangeRates", reader);
  }
  if (const auto floors = root.find("priceFloors"); floors != root.end()) {
    sections.price_floors = internal::load_price_floor_rule(*floors, "$.priceFloors", reader);
    if (sections.price_floors) {
      for (auto& floor : sections.price_floors->floors) floor.gate = sections.title_gates.add(floor.pattern);
    }
    if (!root.contains("exchangeRates")) reader.problem("$.priceFloors", "needs exchangeRates");
    ++total_rules;
  }
  if (const auto style = root.find("styleRule"); style != root.end()) {
    sections.style = internal::load_style_rule(*style, "$.styleRule", reader);
    ++total_rules;
  }
  if (const auto rule = root.find("sellerRecordRule"); rule != root.end()) {
    sections.seller_record = internal::load_seller_record_rule(*rule, "$.sellerRecordRule", reader);
    ++total_rules;
  }
  // Arrays of rules of one kind each.
  auto read_array = [&](const char* key, const auto& read_one) {
    const auto it = root.find(key);
    if (it == root.end()) return;
    const std::string path = std::string("$.") + key;
    if (!it->is_array()) {
      reader.problem(path, "must be an array");
      return;
    }
    total_rules += it->size();
    for (std::size_t i = 0; i < it->size() && i < limits::kMaxRules; ++i) {
      read_one((*it)[i], path + "[" + std::to_string(i) + "]");
    }
  };
  const std::string* brand_alternation =
      sections.brands && !sections.brands->brands().empty() ? &sections.brands->plain_alternation() : nullptr;
  read_array("textRules", [&](const Json& json, const std::string& path) {
    read_text_rule(json, path, reader, brand_alternation, pack->text_rules_);
  });
  read_array("discountRules", [&](const Json& json, const std::string& path) {
    read_discount_rule(json, path, reader, pack->discount_rules_);
  });
  read_array("textDiscountRules", [&](const Json& json, const std::string& path) {
    if (auto rule = internal::load_text_discount_rule(json, path, reader)) sections.text_discounts.push_back(std::move(*rule));
  });
  read_array("specRules", [&](const Json& json, const std::string& path) {
    if (auto rule = internal::load_spec_rule(json, path, reader)) {
      rule->gate = sections.title_gates.add(rule->product);
      sections.spec_rules.push_back(std::move(*rule));
    }
  });
  if (root.contains("specRules") && !root.contains("exchangeRates")) reader.problem("$.specRules", "needs exchangeRates");
  read_array("listingRules", [&](const Json& json, const std::string& path) {
    if (auto rule = internal::load_listing_rule(json, path, reader)) sections.listing_rules.push_back(std::move(*rule));
  });
  read_array("comboRules", [&](const Json& json, const std::string& path) {
    if (auto rule = internal::load_combo_rule(json, path, reader)) sections.combos.push_back(std::move(*rule));
  });

  // Example listings of every rule kind but text rules, run once the pack is built.
  auto read_examples_of = [&](const Json& rule, const std::string& path) {
    if (!rule.is_object()) return;
    const auto id = rule.find("id");
    internal::read_rule_examples(rule, path, id != rule.end() && id->is_string() ? id->get<std::string>() : "",
                                 reader, sections.examples);
  };
  for (const char* key : {"brandDisguise", "priceFloors", "styleRule", "sellerRecordRule"}) {
    if (const auto it = root.find(key); it != root.end()) read_examples_of(*it, std::string("$.") + key);
  }
  for (const char* key : {"discountRules", "textDiscountRules", "specRules", "listingRules", "comboRules"}) {
    const auto it = root.find(key);
    if (it == root.end() || !it->is_array()) continue;
    for (std::size_t i = 0; i < it->size() && i < limits::kMaxRules; ++i) {
      read_examples_of((*it)[i], std::string("$.") + key + "[" + std::to_string(i) + "]");
    }
  }

  for (const auto& listed : sections.examples) sections.example_listings += listed.match.size() + listed.no_match.size();

  if (total_rules == 0) reader.problem("$", "the pack holds no rules");
  if (total_rules > limits::kMaxRules) {
    reader.problem("$", "the pack holds " + std::to_string(total_rules) + " rules; the limit is " +
                            std::to_string(limits::kMaxRules));
  }

  // Rule ids are unique across every kind; combinations name rules that exist.
  std::set<std::string> seen_ids;
  auto check_unique = [&](const std::string& id, const std::string& path) {
    if (!id.empty() && !seen_ids.insert(id).second) reader.problem(path, "duplicate rule id \"" + id + "\"");
  };
  internal::for_each_rule_id(*pack, check_unique);
  for (std::size_t i = 0; i < sections.combos.size(); ++i) {
    for (const std::string& required : sections.combos[i].requires_rules) {
      if (!seen_ids.count(required)) {
        reader.problem("$.comboRules[" + std::to_string(i) + "].requires", "names \"" + required + "\", which is not a rule of this pack");
      }
    }
  }

  if (!problems.empty()) return result;

  pack->index_text_rules(options.verify, reader);
  if (!problems.empty()) return result;

  // Run the example listings through the finished pack, exactly as real listings go.
  std::shared_ptr<const RulePack> built(pack.release());
  const Scorer scorer(built);
  for (const internal::RuleExamples& examples : built->sections().examples) {
    if (!options.verify) break;
    auto check = [&](const std::vector<Json>& listings, bool should_fire, const char* key) {
      for (std::size_t i = 0; i < listings.size(); ++i) {
        const std::string at = examples.path + "." + key + "[" + std::to_string(i) + "]";
        Result<Listing> listing = listing_from_json(listings[i]);
        if (!listing.ok()) {
          reader.problem(at, "is not a valid listing: " + listing.error().message);
          continue;
        }
        const Verdict verdict = scorer.score(listing.value());
        const bool fired = std::any_of(verdict.evidence.begin(), verdict.evidence.end(),
                                       [&](const Evidence& e) { return e.rule == examples.rule_id; });
        if (fired != should_fire) {
          reader.problem(at, std::string("\"") + listing.value().title + "\" " +
                                 (should_fire ? "does not fire " : "fires ") + examples.rule_id);
        }
      }
    };
    check(examples.match, true, "match");
    check(examples.no_match, false, "noMatch");
  }
  if (!problems.empty()) return result;
  result.pack = std::move(built);
  return result;
}

void RulePack::rules_in_field(Field field, std::string_view folded, std::vector<std::size_t>& rules) const {
  rules.clear();
  const int f = static_cast<int>(field);
  if (f < 0 || f >= kTextFieldCount || !field_matchers_[f]) return;
  const FieldMatcher& matcher = *field_matchers_[f];
  thread_local std::vector<int> matched;  // reused: this runs for every text field
  const internal::PatternSet* set = matcher.set(text_rules_);
  if (set && set->match(folded, matched) == internal::PatternSet::Outcome::kMatch) {
    for (const int entry : matched) rules.push_back(matcher.rule_indices[static_cast<std::size_t>(entry)]);
  }
}

std::vector<RulePack::TextHit> RulePack::find_text_hits(Field field, std::string_view folded) const {
  std::vector<TextHit> hits;
  const int f = static_cast<int>(field);
  if (f < 0 || f >= kTextFieldCount || !field_matchers_[f]) return hits;
  const FieldMatcher& matcher = *field_matchers_[f];

  thread_local std::vector<int> matched;  // reused: this runs for every text field
  const internal::PatternSet* set = matcher.set(text_rules_);
  const auto outcome = set ? set->match(folded, matched) : internal::PatternSet::Outcome::kFailed;
  if (outcome == internal::PatternSet::Outcome::kMatch) {
    for (const int entry : matched) {
      const std::size_t rule_index = matcher.rule_indices[static_cast<std::size_t>(entry)];
      find_rule_spans(text_rules_[rule_index], rule_index, folded, hits);
    }
  } else if (outcome == internal::PatternSet::Outcome::kFailed) {
    // The set's DFA ran out of its memory budget (only on huge, pathological text), or an
    // unverified set failed to build: run each rule alone, still linear time, same result.
    for (const std::size_t rule_index : matcher.rule_indices) {
      find_rule_spans(text_rules_[rule_index], rule_index, folded, hits);
    }
  }
  return hits;
}

OrderedJson RulePack::summary() const {
  OrderedJson counts = OrderedJson::object();
  counts["textRules"] = text_rules_.size();
  counts["discountRules"] = discount_rules_.size();
  OrderedJson per_category = OrderedJson::object();
  for (const Category c : {Category::kCounterfeit, Category::kExaggeration, Category::kPricing,
                           Category::kSeller}) {
    per_category[category_name(c)] = 0;
  }
  for (const TextRule& rule : text_rules_) {
    per_category[category_name(rule.category)] = per_category[category_name(rule.category)].get<int>() + 1;
  }
  per_category["pricing"] = per_category["pricing"].get<int>() + static_cast<int>(discount_rules_.size());
  counts["byCategory"] = per_category;
  std::size_t examples = 0;
  for (const TextRule& rule : text_rules_) examples += rule.examples_match.size() + rule.examples_no_match.size();
  examples += sections_->example_listings;
  counts["examplesChecked"] = examples;
  const internal::PackSections& extra = *sections_;
  counts["brands"] = extra.brands ? extra.brands->brands().size() : 0;
  std::size_t brand_floors = 0;
  if (extra.brands) {
    for (const auto& brand : extra.brands->brands()) brand_floors += brand.floor_usd ? 1 : 0;
  }
  counts["priceFloors"] = (extra.price_floors ? extra.price_floors->floors.size() : 0) + brand_floors;
  counts["specRules"] = extra.spec_rules.size();
  counts["textDiscountRules"] = extra.text_discounts.size();
  counts["listingRules"] = extra.listing_rules.size();
  counts["comboRules"] = extra.combos.size();

  OrderedJson summary = OrderedJson::object();
  summary["id"] = id_;
  summary["version"] = version_;
  summary["schemaVersion"] = kRulePackSchemaVersion;
  summary["description"] = description_;
  summary["thresholds"] = {{"medium", thresholds_.medium}, {"high", thresholds_.high}};
  summary["counts"] = counts;
  return summary;
}

}  // namespace fakelens
