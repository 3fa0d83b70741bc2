// Internal: one scan of the title for every "does the title name this product?" question.
//
// Price floors (17 product lines) and spec rules (10 products) each used to run their own
// RE2 over the title of every priced listing: 27 scans. Their patterns join one PatternSet
// (RE2::Set's program), built the first time it is needed, and the title is scanned once.
#ifndef FAKELENS_SRC_TITLE_GATES_H_
#define FAKELENS_SRC_TITLE_GATES_H_

#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "matching/lazy_regex.h"
#include "matching/pattern_set.h"

namespace fakelens::internal {

class TitleGates {
 public:
  // Adds a pattern; returns its gate number. The set uses the pattern's options, and the
  // pattern itself compiles only if the set cannot be built.
  std::size_t add(std::shared_ptr<const LazyRegex> pattern);

  // Which gates match anywhere in `title` (true at each gate number), exactly as
  // RE2::PartialMatch of each pattern would say.
  std::vector<bool> match(std::string_view title) const;

  std::size_t size() const { return patterns_.size(); }

 private:
  std::vector<std::shared_ptr<const LazyRegex>> patterns_;
  mutable std::once_flag built_;
  mutable std::unique_ptr<PatternSet> set_;  // null when it could not be built: scan one by one
};

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_TITLE_GATES_H_
