// Internal: an RE2 pattern compiled the first time it is used.
//
// A pack holds hundreds of patterns and a page uses few of them; compiling them all made
// loading the pack the slowest part of starting up. Only the built-in pack, which its
// tests compile and check, loads this way; a pack from outside is compiled in full when
// it loads (RulePackLoadOptions::verify), so its problems are reported then.
#ifndef FAKELENS_SRC_MATCHING_LAZY_REGEX_H_
#define FAKELENS_SRC_MATCHING_LAZY_REGEX_H_

#include <memory>
#include <mutex>
#include <string>

#include <re2/re2.h>

namespace fakelens {

class LazyRegex {
 public:
  LazyRegex(std::string pattern, const re2::RE2::Options& options)
      : pattern_(std::move(pattern)), options_(options) {}
  LazyRegex(const LazyRegex&) = delete;
  LazyRegex& operator=(const LazyRegex&) = delete;

  // The compiled pattern. An unverified pattern that fails to compile is !ok(), and RE2
  // then matches nothing: the rule is skipped, nothing crashes.
  const re2::RE2& get() const {
    std::call_once(compiled_, [this] { regex_ = std::make_unique<re2::RE2>(pattern_, options_); });
    return *regex_;
  }
  const std::string& pattern() const { return pattern_; }
  const re2::RE2::Options& options() const { return options_; }

 private:
  std::string pattern_;
  re2::RE2::Options options_;
  mutable std::once_flag compiled_;
  mutable std::unique_ptr<re2::RE2> regex_;
};

}  // namespace fakelens

#endif  // FAKELENS_SRC_MATCHING_LAZY_REGEX_H_
