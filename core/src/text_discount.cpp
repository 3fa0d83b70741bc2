// Discounts: a crossed-out list price far above the price, or the same claim written into
// the text ("was $999 now $19"). Under the EU Omnibus rule a "was" price must be the
// lowest of the prior 30 days, so reductions of 80% and more are rarely real.
#include <algorithm>
#include <cmath>

#include "fakelens/limits.h"
#include "signals.h"

namespace fakelens::internal {
namespace {

const DiscountTier* pick_discount_tier(const std::vector<DiscountTier>& tiers, int percent) {
  const DiscountTier* tier = nullptr;
  for (const DiscountTier& candidate : tiers) {
    if (percent >= candidate.min_percent) tier = &candidate;
  }
  return tier;
}

int discount_percent(double was, double now) {
  const double off = (was - now) / was * 100.0;
  return static_cast<int>(std::clamp(std::floor(off), 0.0, 100.0));
}

}  // namespace

std::optional<double> parse_price_text(std::string_view text) {
  std::string digits;
  const std::size_t last_dot = text.rfind('.');
  const std::size_t last_comma = text.rfind(',');
  // The decimal separator is the last '.' or ',' followed by one or two digits.
  std::size_t decimal = std::string_view::npos;
  for (const std::size_t at : {last_dot, last_comma}) {
    if (at != std::string_view::npos && text.size() - at - 1 >= 1 && text.size() - at - 1 <= 2) {
      if (decimal == std::string_view::npos || at > decimal) decimal = at;
    }
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') digits.push_back(c);
    else if (i == decimal) digits.push_back('.');
    else if (c != '.' && c != ',' && c != ' ') return std::nullopt;
  }
  if (digits.empty() || digits.size() > 15) return std::nullopt;
  return std::strtod(digits.c_str(), nullptr);
}

FAKELENS_PACK_LOADING
std::optional<TextDiscountRule> load_text_discount_rule(const Json& json, const std::string& path,
                                                        PackReader& reader) {
  if (!json.is_object()) {
    reader.problem(path, "must be an object");
    return std::nullopt;
  }
  reader.unknown_keys(json, path, {"id", "fields", "pattern", "tiers", "message", "messageId", "description", "examples"});
  TextDiscountRule rule;
  bool ok = read_rule_text(json, path, reader, {"was", "now", "percent", "field", "match"}, rule.text);
  if (read_pattern(json, path, "pattern", true, rule.pattern, reader) &&
      reader.verify_patterns() && rule.pattern->get().NumberOfCapturingGroups() != 2) {
    reader.problem(path + ".pattern", "needs exactly two capturing groups: the old price and the new price");
    rule.pattern = nullptr;
  }
  ok = ok && rule.pattern;
  const auto fields = json.find("fields");
  if (fields == json.end() || !fields->is_array() || fields->empty()) {
    reader.problem(path + ".fields", "must be a non-empty array of title, description");
    ok = false;
  } else {
    for (const Json& field : *fields) {
      if (field == "title") rule.fields.push_back(Field::kTitle);
      else if (field == "description") rule.fields.push_back(Field::kDescription);
      else {
        reader.problem(path + ".fields", "may hold only title and description");
        ok = false;
      }
    }
  }
  const auto tiers = json.find("tiers");
  if (tiers == json.end() || !tiers->is_array() || tiers->empty()) {
    reader.problem(path + ".tiers", "must be a non-empty array of {minPercent, weight}");
    ok = false;
  } else {
    for (std::size_t i = 0; i < tiers->size(); ++i) {
      const std::string at = path + ".tiers[" + std::to_string(i) + "]";
      const Json& tier = (*tiers)[i];
      double min_percent = 0;
      DiscountTier parsed;
      if (!tier.is_object() || !reader.number(tier, at, "minPercent", min_percent, 1, 100) ||
          !reader.weight(tier, at, parsed.weight)) {
        ok = false;
        continue;
      }
      parsed.min_percent = static_cast<int>(min_percent);
      if (!rule.tiers.empty() && parsed.min_percent <= rule.tiers.back().min_percent) {
        reader.problem(at + ".minPercent", "tiers must be in ascending order of minPercent");
        ok = false;
      }
      rule.tiers.push_back(parsed);
    }
  }
  if (!ok) return std::nullopt;
  return rule;
}

void evaluate_text_discount(const TextDiscountRule& rule, const ListingContext& context,
                            std::vector<Evidence>& evidence) {
  const RE2& pattern = rule.pattern->get();
  // An unverified pack's pattern may not compile or capture both prices: skip the rule.
  if (pattern.NumberOfCapturingGroups() != 2) return;
  for (const Field field : rule.fields) {
    const FieldText& text = context.text[static_cast<int>(field)];
    if (!text.source) continue;
    const std::string& folded = text.folded.text;
    re2::StringPiece groups[3];
    std::size_t pos = 0;
    int found = 0;
    while (pos < folded.size() && found < limits::kMaxSpansPerRuleField &&
           pattern.Match(folded, pos, folded.size(), RE2::UNANCHORED, groups, 3)) {
      const std::size_t begin = static_cast<std::size_t>(groups[0].data() - folded.data());
      const std::size_t end = begin + groups[0].size();
      pos = std::max(end, begin + 1);
      const auto was = parse_price_text(std::string_view(groups[1].data(), groups[1].size()));
      const auto now = parse_price_text(std::string_view(groups[2].data(), groups[2].size()));
      if (!was || !now || *was <= 0 || *now <= 0 || *now >= *was) continue;
      const int percent = discount_percent(*was, *now);
      const DiscountTier* tier = pick_discount_tier(rule.tiers, percent);
      if (!tier) continue;
      std::uint32_t source_begin = 0, source_end = 0;
      text.folded.source_range(begin, end, *text.source, &source_begin, &source_end);
      Evidence item;
      item.rule = rule.text.id;
      item.category = Category::kPricing;
      item.weight = tier->weight;
      item.field = field;
      item.source_bytes = std::make_pair(source_begin, source_end);
      item.match = text.source->substr(source_begin, source_end - source_begin);
      item.message_id = rule.text.message_id;
      item.args = {{"field", field_name(field)}, {"match", *item.match},
                   {"was", std::string(groups[1].data(), groups[1].size())},
                   {"now", std::string(groups[2].data(), groups[2].size())},
                   {"percent", percent}};
      item.message = fill_message(rule.text.message, item.args);
      evidence.push_back(std::move(item));
      ++found;
    }
  }
}

void evaluate_discount(const DiscountRule& rule, const Listing& listing, std::vector<Evidence>& evidence) {
  if (!listing.price || !listing.list_price) return;
  const Money& price = *listing.price;
  const Money& list_price = *listing.list_price;
  // Different currencies are not compared; a zero price usually means "not shown".
  if (price.currency != list_price.currency || price.amount <= 0 || list_price.amount <= price.amount) {
    return;
  }
  const int percent = discount_percent(list_price.amount, price.amount);
  const DiscountTier* tier = pick_discount_tier(rule.tiers, percent);
  if (!tier) return;
  Evidence item;
  item.rule = rule.id;
  item.category = Category::kPricing;
  item.weight = tier->weight;
  item.field = Field::kListPrice;
  item.message_id = rule.message_id;
  item.args = {{"percent", percent},
               {"price", format_money(price.amount, price.currency)},
               {"listPrice", format_money(list_price.amount, list_price.currency)}};
  item.message = fill_message(rule.message, item.args);
  evidence.push_back(std::move(item));
}

}  // namespace fakelens::internal
