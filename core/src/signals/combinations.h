// Internal: combinations ("comboRules"): findings that say more together than each alone.
// A combination fires when every rule it requires fired for the listing.
#ifndef FAKELENS_SRC_SIGNALS_COMBINATIONS_H_
#define FAKELENS_SRC_SIGNALS_COMBINATIONS_H_

#include <string>
#include <vector>

#include "fakelens/rule_pack.h"
#include "signals/rule_reader.h"

namespace fakelens::internal {

struct ComboRule {
  RuleText text;                            // message: no placeholders
  Category category = Category::kCounterfeit;
  double weight = 0;
  std::vector<std::string> requires_rules;  // every one must have fired
};

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_SIGNALS_COMBINATIONS_H_
