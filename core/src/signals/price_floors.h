// Internal: price floors ("priceFloors"): a genuine new item of a brand or product line
// cannot plausibly cost less than its floor. Prices are compared in US dollars through the
// pack's dated exchange rates; second-hand items, and items on resale marketplaces, weigh
// less; accessories ("case
// for iPhone 15 Pro") are not judged against the product they fit. Brands carry floors of
// their own (matching/brand_catalog.h).
#ifndef FAKELENS_SRC_SIGNALS_PRICE_FLOORS_H_
#define FAKELENS_SRC_SIGNALS_PRICE_FLOORS_H_

#include <memory>
#include <string>
#include <vector>

#include "matching/lazy_regex.h"
#include "signals/rule_reader.h"

namespace fakelens::internal {

struct ProductFloor {
  std::string label;                     // "iPhone 15 Pro"
  std::shared_ptr<const LazyRegex> pattern;    // over the folded title
  double min_usd = 0;
  std::size_t gate = 0;                  // its number in PackTables::title_gates
};

struct PriceFloorRule {
  RuleText text;                         // message: {product}, {price}, {floor}, {percent}
  std::vector<RatioTier> tiers;          // ascending max_ratio; the lowest that holds wins
  double used_factor = 0.5;              // used or refurbished items weigh this much less
  std::shared_ptr<const LazyRegex> accessory;  // when any text field matches, floors do not apply
  std::vector<ProductFloor> floors;
  // Second-hand goods sell genuine far below the new price. An item is second-hand when its
  // condition says used or refurbished, or when a text field or the category matches
  // `second_hand` ("pre-owned", "gebraucht", "中古"); then the weight is multiplied by
  // used_factor. On a resale marketplace (`resale_marketplaces` over the folded marketplace
  // and URL: Fashionphile, The RealReal, Vestiaire, ...) it is multiplied by resale_factor
  // as well. Both optional.
  std::shared_ptr<const LazyRegex> second_hand;
  std::shared_ptr<const LazyRegex> resale_marketplaces;
  double resale_factor = 1;
  // Children's sizes (toddler, infant, kids', GS/PS/TD, "Kinder", "童鞋") sell genuine well
  // below the adult product: when the title, brand field or category matches `child_sizes`,
  // every floor is multiplied by child_floor_factor. Both optional, the factor required with
  // the pattern.
  std::shared_ptr<const LazyRegex> child_sizes;
  double child_floor_factor = 1;
};

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_SIGNALS_PRICE_FLOORS_H_
