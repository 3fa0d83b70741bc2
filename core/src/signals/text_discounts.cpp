// Discounts written in the text: each "was X now Y" the rule's pattern finds, weighed by
// how far Y is below X.
#include "signals/text_discounts.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "fakelens/limits.h"
#include "signals/evidence.h"
#include "signals/kind_shapes.h"

namespace fakelens::internal {

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

template <class IO> void fields(IO& io, TextDiscountRule& r) {
  io(r.text); io.enumerations(r.fields, kTextFieldCount); io(r.pattern); io(r.tiers);
}

namespace {

void evaluate_rule(const TextDiscountRule& rule, const ListingContext& context, std::vector<Evidence>& evidence) {
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
      EvidenceTarget target = text_range(text, begin, end);
      OrderedJson args = {{"field", field_name(field)}, {"match", *target.match},
                          {"was", std::string(groups[1].data(), groups[1].size())},
                          {"now", std::string(groups[2].data(), groups[2].size())},
                          {"percent", percent}};
      evidence.push_back(make_evidence(rule.text, Category::kPricing, tier->weight, std::move(target), std::move(args)));
      ++found;
    }
  }
}

class TextDiscountsKind final : public RuleListKind<TextDiscountRule> {
 public:
  const char* key() const override { return "textDiscountRules"; }

  void count(const PackTables&, PackCounts& counts) const override { counts.counts["textDiscountRules"] = rules_.size(); }

  const char* unsafe_for_scoring(const PackTables&, const std::set<std::string>&) const override {
    for (const TextDiscountRule& rule : rules_) {
      if (!rule.pattern || rule.fields.empty() || rule.tiers.empty()) {
        return "a text discount rule has no pattern, field or tiers";
      }
    }
    return nullptr;
  }

  void evaluate(const PackTables&, const ListingContext& context, std::vector<Evidence>& evidence) const override {
    for (const TextDiscountRule& rule : rules_) evaluate_rule(rule, context, evidence);
  }

 protected:
  FAKELENS_PACK_LOADING
  std::optional<TextDiscountRule> load_rule(const Json& json, const std::string& path, PackLoad& load) override {
    PackReader& reader = load.reader;
    TextDiscountRule rule;
    const auto opened = open_rule(json, path, reader, {"fields", "pattern", "tiers"}, {"was", "now", "percent", "field", "match"}, rule.text);
    if (!opened) return std::nullopt;
    bool ok = *opened;
    if (read_pattern(json, path, "pattern", true, rule.pattern, reader) && reader.verify_patterns() &&
        rule.pattern->get().NumberOfCapturingGroups() != 2) {
      reader.problem(path + ".pattern", "needs exactly two capturing groups: the old price and the new price");
      rule.pattern = nullptr;
    }
    ok = ok && rule.pattern;
    ok = read_text_fields(json, path, reader, {Field::kTitle, Field::kDescription}, rule.fields) && ok;
    ok = read_discount_tiers(json, path, reader, rule.tiers) && ok;
    if (!ok) return std::nullopt;
    return rule;
  }
  Category category_of(const TextDiscountRule&) const override { return Category::kPricing; }
};

}  // namespace

std::unique_ptr<SignalKind> make_text_discounts_kind() { return std::make_unique<TextDiscountsKind>(); }

}  // namespace fakelens::internal
