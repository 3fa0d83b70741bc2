// Internal: spec plausibility ("specRules"): capacities that cannot be true at the asking
// price. Quantities are read from the folded title with their units ("16GB+1TB",
// "50000mAh", "200MP", "4K"), and the largest claim is compared with what a genuine item of
// that size costs.
#ifndef FAKELENS_SRC_SIGNALS_SPEC_PLAUSIBILITY_H_
#define FAKELENS_SRC_SIGNALS_SPEC_PLAUSIBILITY_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "matching/lazy_regex.h"
#include "signals/rule_reader.h"

namespace fakelens::internal {

enum class Quantity { kStorageGb, kBatteryMah, kCameraMp, kVideoLines, kLumens, kWatts, kInches };

struct SpecRule {
  RuleText text;                         // message: {quantity}, {product}, {price}, {plausible}, {match}
  std::string label;                     // "USB flash drive"
  std::shared_ptr<const LazyRegex> product;    // over the folded title
  std::size_t gate = 0;                  // its number in PackTables::title_gates
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

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_SIGNALS_SPEC_PLAUSIBILITY_H_
