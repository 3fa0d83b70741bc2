// Internal: which of many patterns occur in a text, in one pass of RE2's DFA.
//
// The program is RE2::Set's own: each pattern parsed as RE2::Set::Add parses it, joined
// as RE2::Set::Compile joins them (Prog::CompileSet). Matching skips two costs that
// RE2::Set::Match has on every call, which on 40-byte titles were a third of a scan:
// it allocates a fresh match set, and a caller that wants to allocate nothing for a text
// with no match first asks "any?", which scans a matching text twice. Here the match set
// is kept per thread and reused, so one scan answers both.
//
// It reaches into RE2's internal headers (re2/prog.h, re2/regexp.h), which is safe because
// RE2 is pinned to one version (cmake/PinnedRe2.cmake); tests/core/pattern_set_test.cpp
// checks it against RE2::Set, so a new RE2 version that changes them fails there first.
#ifndef FAKELENS_SRC_PATTERN_SET_H_
#define FAKELENS_SRC_PATTERN_SET_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

namespace re2 {
class Prog;
class Regexp;
}  // namespace re2

namespace fakelens::internal {

class PatternSet {
 public:
  enum class Answers {
    // Exactly the entries whose pattern matches: RE2::Set's answer.
    kExact,
    // Every entry whose pattern matches, and maybe a few more: for a caller that runs each
    // named entry's own pattern anyway. Each pattern is widened before it joins the set
    // (edge contexts such as "(?:^|[^...])" go, bounded repeats lose their upper bound),
    // which makes the program and its DFA smaller: they are built at the first page after
    // every start.
    kSuperset,
  };
  // Unanchored: a pattern matches anywhere in the text, as RE2::PartialMatch.
  explicit PatternSet(const RE2::Options& options, Answers answers = Answers::kExact);
  ~PatternSet();
  PatternSet(const PatternSet&) = delete;
  PatternSet& operator=(const PatternSet&) = delete;

  // Adds a pattern before compile(); returns its entry number (0, 1, ...), or -1 with
  // RE2's message in `error` when it does not parse.
  int add(std::string_view pattern, std::string* error = nullptr);
  // Builds the program; false when it exceeds the options' max_mem (then nothing matches).
  bool compile();
  int size() const { return size_; }
  // Instructions in the compiled program (0 before compile()): what widening saves.
  int program_size() const;

  enum class Outcome {
    kNoMatch,
    kMatch,
    // The DFA ran out of its memory budget (only on huge, pathological text): the answer
    // is unknown, and the caller runs each pattern alone.
    kFailed,
  };
  // The entries that match somewhere in `text`, ascending, into `entries` (cleared first).
  Outcome match(std::string_view text, std::vector<int>& entries) const;

 private:
  RE2::Options options_;
  Answers answers_;
  std::vector<std::pair<std::string, re2::Regexp*>> pending_;  // until compile()
  int size_ = 0;
  std::unique_ptr<re2::Prog> prog_;
};

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_PATTERN_SET_H_
