// Internal: brand disguise ("brandDisguise"): a brand written so that a filter misses it but
// a shopper still reads it (N1ke, Cyrillic letters, G-U-C-C-I, known misspellings). The
// brand catalogue finds the mentions (matching/brand_catalog.h); this kind weighs them.
#ifndef FAKELENS_SRC_SIGNALS_BRAND_DISGUISE_H_
#define FAKELENS_SRC_SIGNALS_BRAND_DISGUISE_H_

#include <optional>

#include "signals/rule_reader.h"

namespace fakelens::internal {

struct BrandDisguiseRule {
  RuleText text;            // message: {field}, {match}, {brand}
  double weight = 0;
  // A listed misspelling alone weighs less: honest sellers mistype brands too
  // ("Sennheisser", "Logitec" on mainstream retailers). Absent: `weight`.
  std::optional<double> misspelled_weight;
};

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_SIGNALS_BRAND_DISGUISE_H_
