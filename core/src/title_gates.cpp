#include "title_gates.h"

#include "fakelens/limits.h"

namespace fakelens::internal {

bool set_may_match(const RE2::Set& set, std::string_view text) {
  RE2::Set::ErrorInfo error{};
  return set.Match(text, nullptr, &error) || error.kind != RE2::Set::kNoError;
}

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
    auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
    for (const auto& pattern : patterns_) {
      if (set->Add(pattern->pattern(), nullptr) < 0) return;
    }
    if (set->Compile()) set_ = std::move(set);
  });
  thread_local std::vector<int> matched;  // reused, as rules_in_field's: this runs per listing
  RE2::Set::ErrorInfo error{};
  if (set_ && !set_may_match(*set_, title)) return hits;
  if (set_ && set_->Match(title, &matched, &error)) {
    for (const int gate : matched) hits[static_cast<std::size_t>(gate)] = true;
  } else if (!set_ || error.kind != RE2::Set::kNoError) {
    // No set, or its DFA ran out of memory on pathological text: same answer, one by one.
    for (std::size_t gate = 0; gate < patterns_.size(); ++gate) {
      hits[gate] = RE2::PartialMatch(title, patterns_[gate]->get());
    }
  }
  return hits;
}

}  // namespace fakelens::internal
