// Internal: shouting style ("styleRule"): titles written mostly in capitals, with runs of
// exclamation marks and piles of superlatives, go with exaggerated claims. Each sign alone
// is common; the rule fires only when several hold at once, and weighs little.
#ifndef FAKELENS_SRC_SIGNALS_SHOUTING_STYLE_H_
#define FAKELENS_SRC_SIGNALS_SHOUTING_STYLE_H_

#include <memory>

#include "matching/lazy_regex.h"
#include "signals/rule_reader.h"

namespace fakelens::internal {

struct StyleRule {
  RuleText text;                         // message: {capsPercent}, {exclamations}, {superlatives}
  double weight = 0;
  int min_letters = 20;                  // titles shorter than this are not judged on caps
  double caps_ratio = 0.7;
  int min_exclamations = 3;
  int min_superlatives = 3;
  int min_signs = 2;                     // how many of the three must hold
  std::shared_ptr<const LazyRegex> superlatives;
};

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_SIGNALS_SHOUTING_STYLE_H_
