#include "fakelens/scorer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "fakelens/limits.h"
#include "fakelens/text_normalizer.h"
#include "fakelens/utf8.h"

namespace fakelens {
namespace {

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

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  std::size_t pos = 0;
  while ((pos = text.find(from, pos)) != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos += to.size();
  }
  return text;
}

std::string format_money(const Money& money) {
  char buffer[64];
  if (money.amount < 1e15) {
    const long long cents = std::llround(money.amount * 100.0);
    std::snprintf(buffer, sizeof buffer, "%lld.%02lld", cents / 100, cents % 100);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.0f", money.amount);
  }
  return std::string(buffer) + " " + money.currency;
}

const std::string* text_of(const Listing& listing, Field field) {
  switch (field) {
    case Field::kTitle: return &listing.title;
    case Field::kDescription: return listing.description ? &*listing.description : nullptr;
    case Field::kBrand: return listing.brand ? &*listing.brand : nullptr;
    default: return nullptr;
  }
}

void add_text_evidence(const RulePack& pack, const Listing& listing, Field field,
                       std::vector<Evidence>& evidence) {
  const std::string* source = text_of(listing, field);
  if (!source || source->empty()) return;
  const FoldedText folded = fold_text(*source);
  const std::vector<RulePack::TextHit> hits = pack.find_text_hits(field, folded.text);
  if (hits.empty()) return;

  // Map every hit to source bytes, then all byte offsets to UTF-16 in one pass.
  std::vector<std::uint32_t> byte_begin(hits.size()), byte_end(hits.size());
  std::vector<std::uint32_t> offsets;
  offsets.reserve(hits.size() * 2);
  for (std::size_t i = 0; i < hits.size(); ++i) {
    folded.source_range(hits[i].begin, hits[i].end, *source, &byte_begin[i], &byte_end[i]);
    offsets.push_back(byte_begin[i]);
    offsets.push_back(byte_end[i]);
  }
  std::sort(offsets.begin(), offsets.end());
  offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  const std::vector<std::uint32_t> units = utf8::utf16_offsets(*source, offsets);
  auto utf16_of = [&](std::uint32_t byte) {
    const auto it = std::lower_bound(offsets.begin(), offsets.end(), byte);
    return units[static_cast<std::size_t>(it - offsets.begin())];
  };

  for (std::size_t i = 0; i < hits.size(); ++i) {
    const TextRule& rule = pack.text_rules()[hits[i].rule_index];
    Evidence item;
    item.rule = rule.id;
    item.category = rule.category;
    item.weight = rule.weight;
    item.field = field;
    item.span = Span{utf16_of(byte_begin[i]), utf16_of(byte_end[i])};
    item.match = source->substr(byte_begin[i], byte_end[i] - byte_begin[i]);
    item.message = replace_all(replace_all(rule.message, "{field}", field_name(field)), "{match}", *item.match);
    item.message_id = rule.message_id;
    item.args = {{"field", field_name(field)}, {"match", *item.match}};
    evidence.push_back(std::move(item));
  }
}

void add_discount_evidence(const RulePack& pack, const Listing& listing,
                           std::vector<Evidence>& evidence) {
  if (!listing.price || !listing.list_price) return;
  const Money& price = *listing.price;
  const Money& list_price = *listing.list_price;
  // Different currencies cannot be compared without rates; a zero price usually means
  // "price not shown" rather than "free".
  if (price.currency != list_price.currency || price.amount <= 0 || list_price.amount <= price.amount) {
    return;
  }
  const double off = (list_price.amount - price.amount) / list_price.amount * 100.0;
  const int percent = static_cast<int>(std::clamp(std::floor(off), 0.0, 100.0));
  for (const DiscountRule& rule : pack.discount_rules()) {
    const DiscountTier* tier = nullptr;
    for (const DiscountTier& candidate : rule.tiers) {
      if (percent >= candidate.min_percent) tier = &candidate;
    }
    if (!tier) continue;
    Evidence item;
    item.rule = rule.id;
    item.category = Category::kPricing;
    item.weight = tier->weight;
    item.field = Field::kListPrice;
    const std::string price_text = format_money(price);
    const std::string list_text = format_money(list_price);
    std::string message = replace_all(rule.message, "{percent}", std::to_string(percent));
    message = replace_all(message, "{price}", price_text);
    item.message = replace_all(message, "{listPrice}", list_text);
    item.message_id = rule.message_id;
    item.args = {{"percent", percent}, {"price", price_text}, {"listPrice", list_text}};
    evidence.push_back(std::move(item));
  }
}

}  // namespace

Scorer::Scorer(std::shared_ptr<const RulePack> pack) : pack_(std::move(pack)) {}

Verdict Scorer::score(const Listing& listing) const {
  Verdict verdict;
  verdict.id = listing.id;
  verdict.rules_id = pack_->id();
  verdict.rules_version = pack_->version();

  std::vector<Evidence>& evidence = verdict.evidence;
  for (const Field field : {Field::kTitle, Field::kDescription, Field::kBrand}) {
    add_text_evidence(*pack_, listing, field, evidence);
  }
  add_discount_evidence(*pack_, listing, evidence);

  // Each rule counts once, at its strongest, however often it matched.
  std::map<std::string, std::pair<Category, int>> strongest;
  for (const Evidence& item : evidence) {
    const int bp = to_basis_points(item.weight);
    auto [it, inserted] = strongest.emplace(item.rule, std::make_pair(item.category, bp));
    if (!inserted) it->second.second = std::max(it->second.second, bp);
  }
  std::vector<int> all_weights;
  std::vector<int> category_weights[kCategoryCount];
  for (const auto& [rule, category_and_bp] : strongest) {
    all_weights.push_back(category_and_bp.second);
    category_weights[static_cast<int>(category_and_bp.first)].push_back(category_and_bp.second);
  }
  for (int c = 0; c < kCategoryCount; ++c) verdict.categories[c] = noisy_or_score(category_weights[c]);
  verdict.score = noisy_or_score(all_weights);
  const Thresholds& thresholds = pack_->thresholds();
  verdict.level = verdict.score >= thresholds.high     ? Level::kHigh
                  : verdict.score >= thresholds.medium ? Level::kMedium
                                                       : Level::kLow;

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
  return dump_compact(verdict_to_json(score(listing.value())));
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
