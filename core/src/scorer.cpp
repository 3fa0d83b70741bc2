#include "fakelens/scorer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "fakelens/limits.h"
#include "fakelens/text_normalizer.h"
#include "fakelens/utf8.h"
#include "listing_context.h"
#include "signals.h"

namespace fakelens {
namespace {

using internal::FieldText;
using internal::ListingContext;
using internal::PackSections;

constexpr int kBasisPoints = 10000;

int to_basis_points(double weight) {
  const long bp = std::lround(weight * kBasisPoints);
  return static_cast<int>(std::clamp<long>(bp, 0, kBasisPoints));
}

// Noisy-OR of weights in basis points, as a 0..100 score, in integer arithmetic.
int noisy_or_score(const std::vector<int>& weights_bp) {
  std::int64_t remaining = kBasisPoints;  // chance that none of the findings is real
  for (const int w : weights_bp) remaining = remaining * (kBasisPoints - w) / kBasisPoints;
  return static_cast<int>((kBasisPoints - remaining + 50) / 100);
}

const std::string* text_of(const Listing& listing, Field field) {
  switch (field) {
    case Field::kTitle: return &listing.title;
    case Field::kDescription: return listing.description ? &*listing.description : nullptr;
    case Field::kBrand: return listing.brand ? &*listing.brand : nullptr;
    default: return nullptr;
  }
}

void prepare_context(const RulePack& pack, ListingContext& context) {
  const PackSections& sections = pack.sections();
  for (int f = 0; f < kTextFieldCount; ++f) {
    FieldText& field = context.text[f];
    field.field = static_cast<Field>(f);
    field.source = text_of(context.listing, field.field);
    if (!field.source) continue;
    field.folded = fold_text(*field.source);
    if (sections.brands) {
      field.brands = sections.brands->find(
          field.folded.text, *field.source,
          [&](std::size_t b, std::size_t e, std::uint32_t* sb, std::uint32_t* se) {
            field.folded.source_range(b, e, *field.source, sb, se);
          });
    }
  }
  if (context.listing.price && sections.rates) context.price_usd = sections.rates->to_usd(*context.listing.price);
  // Only priced listings are judged against product floors and specs.
  if (context.price_usd) context.title_gates = sections.title_gates.match(context.title().folded.text);
}

void add_text_rule_evidence(const RulePack& pack, const ListingContext& context,
                            std::vector<Evidence>& evidence) {
  auto matches_listing = [&](const re2::RE2& regex) { return context.any_text_matches(regex); };
  for (const FieldText& field : context.text) {
    if (!field.source || field.source->empty()) continue;
    for (const RulePack::TextHit& hit : pack.find_text_hits(field.field, field.folded.text)) {
      const TextRule& rule = pack.text_rules()[hit.rule_index];
      if (!listing_allows(rule, matches_listing)) continue;
      std::uint32_t source_begin = 0, source_end = 0;
      field.folded.source_range(hit.begin, hit.end, *field.source, &source_begin, &source_end);
      Evidence item;
      item.rule = rule.id;
      item.category = rule.category;
      item.weight = rule.weight;
      item.field = field.field;
      item.source_bytes = std::make_pair(source_begin, source_end);
      item.match = field.source->substr(source_begin, source_end - source_begin);
      item.message_id = rule.message_id;
      item.args = {{"field", field_name(field.field)}, {"match", *item.match}};
      item.message = internal::fill_message(rule.message, item.args);
      evidence.push_back(std::move(item));
    }
  }
}

void add_brand_disguise_evidence(const PackSections& sections, const ListingContext& context,
                                 std::vector<Evidence>& evidence) {
  if (!sections.brand_disguise || !sections.brands) return;
  const internal::BrandDisguiseRule& rule = *sections.brand_disguise;
  for (const FieldText& field : context.text) {
    for (const internal::BrandMention& mention : field.brands) {
      if (mention.spelling == internal::BrandSpelling::kPlain) continue;
      std::uint32_t source_begin = 0, source_end = 0;
      field.folded.source_range(mention.begin, mention.end, *field.source, &source_begin, &source_end);
      Evidence item;
      item.rule = rule.id;
      item.category = Category::kCounterfeit;
      item.weight = rule.weight;
      item.field = field.field;
      item.source_bytes = std::make_pair(source_begin, source_end);
      item.match = field.source->substr(source_begin, source_end - source_begin);
      item.message_id = rule.message_id;
      const char* how = mention.spelling == internal::BrandSpelling::kMisspelled ? "misspelled"
                        : mention.spelling == internal::BrandSpelling::kSpacedOut ? "spaced-out"
                                                                                   : "look-alike";
      item.args = {{"field", field_name(field.field)},
                   {"match", *item.match},
                   {"brand", sections.brands->brands()[mention.brand].name},
                   {"disguise", how}};
      item.message = internal::fill_message(rule.message, item.args);
      evidence.push_back(std::move(item));
    }
  }
}

// Converts every evidence byte range to UTF-16, one pass over each field.
void resolve_spans(const ListingContext& context, std::vector<Evidence>& evidence) {
  for (const FieldText& field : context.text) {
    if (!field.source) continue;
    std::vector<std::uint32_t> offsets;
    for (const Evidence& item : evidence) {
      if (item.field != field.field || !item.source_bytes) continue;
      offsets.push_back(item.source_bytes->first);
      offsets.push_back(item.source_bytes->second);
    }
    if (offsets.empty()) continue;
    std::sort(offsets.begin(), offsets.end());
    offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
    const std::vector<std::uint32_t> units = utf8::utf16_offsets(*field.source, offsets);
    auto utf16_of = [&](std::uint32_t byte) {
      return units[static_cast<std::size_t>(std::lower_bound(offsets.begin(), offsets.end(), byte) - offsets.begin())];
    };
    for (Evidence& item : evidence) {
      if (item.field != field.field || !item.source_bytes) continue;
      item.span = Span{utf16_of(item.source_bytes->first), utf16_of(item.source_bytes->second)};
    }
  }
}

}  // namespace

Scorer::Scorer(std::shared_ptr<const RulePack> pack) : pack_(std::move(pack)) {}

Verdict Scorer::score(const Listing& listing) const {
  Verdict verdict;
  verdict.id = listing.id;
  verdict.rules_id = pack_->id();
  verdict.rules_version = pack_->version();
  const PackSections& sections = pack_->sections();

  ListingContext context(listing);
  prepare_context(*pack_, context);

  std::vector<Evidence>& evidence = verdict.evidence;
  add_text_rule_evidence(*pack_, context, evidence);
  add_brand_disguise_evidence(sections, context, evidence);
  for (const DiscountRule& rule : pack_->discount_rules()) internal::evaluate_discount(rule, listing, evidence);
  for (const auto& rule : sections.text_discounts) internal::evaluate_text_discount(rule, context, evidence);
  if (sections.price_floors && sections.rates) {
    const std::vector<internal::Brand> no_brands;
    internal::evaluate_price_floors(*sections.price_floors, *sections.rates,
                                    sections.brands ? sections.brands->brands() : no_brands, context, evidence);
  }
  if (sections.rates) {
    for (const auto& rule : sections.spec_rules) {
      internal::evaluate_spec_rule(rule, *sections.rates, context, evidence);
    }
  }
  if (sections.style) internal::evaluate_style_rule(*sections.style, context, evidence);
  if (sections.seller_record) internal::evaluate_seller_record(*sections.seller_record, listing, evidence);
  {
    const std::vector<internal::Brand> no_brands;
    const auto& brands = sections.brands ? sections.brands->brands() : no_brands;
    for (const auto& rule : sections.listing_rules) internal::evaluate_listing_rule(rule, context, brands, evidence);
  }

  // Each rule counts once, at its strongest, however often it matched.
  std::map<std::string, std::pair<Category, int>> strongest;
  for (const Evidence& item : evidence) {
    const int bp = to_basis_points(item.weight);
    auto [it, inserted] = strongest.emplace(item.rule, std::make_pair(item.category, bp));
    if (!inserted) it->second.second = std::max(it->second.second, bp);
  }
  // Combinations: findings that together say more than each alone.
  for (const internal::ComboRule& combo : sections.combos) {
    const bool all = std::all_of(combo.requires_rules.begin(), combo.requires_rules.end(),
                                 [&](const std::string& id) { return strongest.count(id) > 0; });
    if (!all) continue;
    Evidence item;
    item.rule = combo.text.id;
    item.category = combo.category;
    item.weight = combo.weight;
    const auto first = std::find_if(evidence.begin(), evidence.end(), [&](const Evidence& e) {
      return e.rule == combo.requires_rules.front();
    });
    item.field = first != evidence.end() ? first->field : Field::kTitle;
    item.message = combo.text.message;
    item.message_id = combo.text.message_id;
    item.args = {{"rules", combo.requires_rules}};
    strongest.emplace(item.rule, std::make_pair(item.category, to_basis_points(item.weight)));
    evidence.push_back(std::move(item));
  }
  // Dampening (e.g. an official store): some categories weigh less.
  int dampen_bp[kCategoryCount] = {kBasisPoints, kBasisPoints, kBasisPoints, kBasisPoints};
  for (const auto& rule : sections.listing_rules) {
    if (rule.dampens.empty() || !strongest.count(rule.text.id)) continue;
    for (const Category c : rule.dampens) {
      dampen_bp[static_cast<int>(c)] = std::min(dampen_bp[static_cast<int>(c)], to_basis_points(rule.dampen_factor));
    }
  }
  std::vector<int> all_weights;
  std::vector<int> category_weights[kCategoryCount];
  for (const auto& [rule, category_and_bp] : strongest) {
    const int c = static_cast<int>(category_and_bp.first);
    const int bp = category_and_bp.second * dampen_bp[c] / kBasisPoints;
    all_weights.push_back(bp);
    category_weights[c].push_back(bp);
  }
  for (int c = 0; c < kCategoryCount; ++c) verdict.categories[c] = noisy_or_score(category_weights[c]);
  verdict.score = noisy_or_score(all_weights);
  const Thresholds& thresholds = pack_->thresholds();
  verdict.level = verdict.score >= thresholds.high     ? Level::kHigh
                  : verdict.score >= thresholds.medium ? Level::kMedium
                                                       : Level::kLow;

  resolve_spans(context, evidence);
  // Stable order for people and for byte-identical output: field, position, rule.
  std::stable_sort(evidence.begin(), evidence.end(), [](const Evidence& a, const Evidence& b) {
    if (a.field != b.field) return a.field < b.field;
    const std::uint32_t a_start = a.span ? a.span->start : 0;
    const std::uint32_t b_start = b.span ? b.span->start : 0;
    if (a_start != b_start) return a_start < b_start;
    return a.rule < b.rule;
  });
  if (evidence.size() > limits::kMaxEvidence) evidence.resize(limits::kMaxEvidence);
  return verdict;
}

std::string Scorer::score_json(std::string_view listing_json, std::optional<std::int64_t> line,
                               bool* is_error) const {
  bool error_seen = true;
  if (!is_error) is_error = &error_seen;
  Result<Json> parsed =
      read_json(listing_json, limits::kMaxListingBytes, limits::kMaxListingDepth, "listing");
  *is_error = true;
  if (!parsed.ok()) return dump_compact(error_to_json(parsed.error(), std::nullopt, line));
  Result<Listing> listing = listing_from_json(parsed.value());
  if (!listing.ok()) {
    return dump_compact(error_to_json(listing.error(), find_listing_id(parsed.value()), line));
  }
  *is_error = false;
  return verdict_json_text(score(listing.value()));
}

std::string Scorer::score_json_lines(std::string_view jsonl, std::int64_t first_line,
                                     std::size_t* error_lines) const {
  std::string out;
  std::size_t errors = 0;
  std::int64_t line_number = first_line;
  std::size_t start = 0;
  while (start < jsonl.size()) {
    std::size_t end = jsonl.find('\n', start);
    if (end == std::string_view::npos) end = jsonl.size();
    std::string_view line = jsonl.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    bool is_error = false;
    std::string verdict = score_json(line, line_number, &is_error);
    if (is_error) ++errors;
    if (!out.empty() || line_number != first_line) out.push_back('\n');
    out += verdict;
    ++line_number;
    start = end + 1;
  }
  if (error_lines) *error_lines = errors;
  return out;
}

}  // namespace fakelens
