// Internal: discounts written in the text ("textDiscountRules"): "was $999 now $19". Weighed
// like list-price discounts (list_price_discounts.h), with the same tiers.
#ifndef FAKELENS_SRC_SIGNALS_TEXT_DISCOUNTS_H_
#define FAKELENS_SRC_SIGNALS_TEXT_DISCOUNTS_H_

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "fakelens/rule_pack.h"
#include "matching/lazy_regex.h"
#include "signals/rule_reader.h"

namespace fakelens::internal {

struct TextDiscountRule {
  RuleText text;                         // message: {was}, {now}, {percent}, {field}, {match}
  std::vector<Field> fields;             // title, description
  std::shared_ptr<const LazyRegex> pattern;    // group 1: the old price, group 2: the new price
  std::vector<DiscountTier> tiers;
};

// "1,299.99", "1.299,99", "999" -> number; nullopt when it is not a price. The cases both
// this and the extension's reader must pass: tests/data/price-amount-cases.json.
std::optional<double> parse_price_text(std::string_view text);

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_SIGNALS_TEXT_DISCOUNTS_H_
