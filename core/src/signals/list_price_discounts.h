// Internal: list-price discounts ("discountRules"): a crossed-out list price far above the
// price. Under the EU Omnibus rule a "was" price must be the lowest of the prior 30 days,
// so reductions of 80% and more are rarely real. (The same claim written into the text is
// text_discounts.h.)
#ifndef FAKELENS_SRC_SIGNALS_LIST_PRICE_DISCOUNTS_H_
#define FAKELENS_SRC_SIGNALS_LIST_PRICE_DISCOUNTS_H_

#include <vector>

#include "signals/rule_reader.h"

namespace fakelens::internal {

// Compares price with listPrice (same currency) and weighs how far below it is.
struct ListPriceDiscountRule {
  RuleText text;                        // message: {percent}, {price}, {listPrice}
  std::vector<DiscountTier> tiers;      // ascending min_percent
};

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_SIGNALS_LIST_PRICE_DISCOUNTS_H_
