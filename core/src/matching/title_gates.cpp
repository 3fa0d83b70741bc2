#include "matching/title_gates.h"

#include <re2/re2.h>

#include "fakelens/limits.h"

namespace fakelens::internal {

std::size_t TitleGates::add(std::shared_ptr<const LazyRegex> pattern) {
  patterns_.push_back(std::move(pattern));
  return patterns_.size() - 1;
}

std::vector<bool> TitleGates::match(std::string_view title) const {
  std::vector<bool> hits(patterns_.size(), false);
  if (patterns_.empty()) return hits;
  std::call_once(built_, [this] {
    // Every gate pattern is compiled with the same options (compile_pattern).
    RE2::Options options = patterns_.front()->options();
    options.set_max_mem(limits::kRuleSetMaxMem);
    auto set = std::make_unique<PatternSet>(options);
    for (const auto& pattern : patterns_) {
      if (set->add(pattern->pattern()) < 0) return;
    }
    if (set->compile()) set_ = std::move(set);
  });
  thread_local std::vector<int> matched;  // reused, as rules_in_field's: this runs per listing
  const auto outcome = set_ ? set_->match(title, matched) : PatternSet::Outcome::kFailed;
  if (outcome == PatternSet::Outcome::kMatch) {
    for (const int gate : matched) hits[static_cast<std::size_t>(gate)] = true;
  } else if (outcome == PatternSet::Outcome::kFailed) {
    // No set, or its DFA ran out of memory on pathological text: same answer, one by one.
    for (std::size_t gate = 0; gate < patterns_.size(); ++gate) {
      hits[gate] = RE2::PartialMatch(title, patterns_[gate]->get());
    }
  }
  return hits;
}

}  // namespace fakelens::internal
