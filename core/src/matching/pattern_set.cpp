#include "matching/pattern_set.h"

#include <algorithm>
#include <vector>

// RE2's internal headers are not written for -Wextra (unused parameters in sparse_set.h
// and sparse_array.h); their warnings are RE2's, not ours.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include <re2/prog.h>
#include <re2/regexp.h>
#include <re2/sparse_set.h>
#pragma GCC diagnostic pop

namespace fakelens::internal {

namespace {

using re2::Regexp;

bool is_text_or_line_edge(Regexp* re) {
  const re2::RegexpOp op = re->op();
  return op == re2::kRegexpBeginText || op == re2::kRegexpEndText || op == re2::kRegexpBeginLine ||
         op == re2::kRegexpEndLine;
}

// "(?:^|[^...])" or "(?:[^...]|$)": the start or end of the text, or one character of a
// class. Packs write word edges for scripts \b does not know this way, with classes of
// dozens of Unicode ranges that make the set's program and its DFA states large.
bool is_edge_context(Regexp* re) {
  if (re->op() != re2::kRegexpAlternate) return false;
  bool has_edge = false;
  for (int i = 0; i < re->nsub(); ++i) {
    Regexp* branch = re->sub()[i];
    if (is_text_or_line_edge(branch)) {
      has_edge = true;
    } else if (branch->op() != re2::kRegexpCharClass) {
      return false;
    }
  }
  return has_edge;
}

// A new reference to a regexp that matches wherever `re` does, and maybe elsewhere; cheaper
// for a DFA. Bounded repeats lose their upper bound and captures go (a set reports no
// groups): that only adds strings, wherever it happens. Edge contexts go only where a match
// begins (`at_start`) or ends (`at_end`): a text that holds "c"+"foo" holds "foo", but
// inside "x(?:c)foo" the "x" would then have to touch the "foo".
Regexp* widen(Regexp* re, bool at_start, bool at_end) {
  const auto flags = re->parse_flags();
  switch (re->op()) {
    case re2::kRegexpCapture:
      return widen(re->sub()[0], at_start, at_end);
    case re2::kRegexpStar:
    case re2::kRegexpPlus:
    case re2::kRegexpQuest: {
      Regexp* sub = widen(re->sub()[0], false, false);
      if (re->op() == re2::kRegexpStar) return Regexp::Star(sub, flags);
      if (re->op() == re2::kRegexpPlus) return Regexp::Plus(sub, flags);
      return Regexp::Quest(sub, flags);
    }
    case re2::kRegexpRepeat: {
      Regexp* sub = widen(re->sub()[0], false, false);
      if (re->max() == re->min()) return Regexp::Repeat(sub, flags, re->min(), re->max());
      if (re->min() == 0) return Regexp::Star(sub, flags);
      if (re->min() == 1) return Regexp::Plus(sub, flags);
      return Regexp::Repeat(sub, flags, re->min(), -1);
    }
    case re2::kRegexpAlternate: {
      std::vector<Regexp*> branches;
      branches.reserve(static_cast<std::size_t>(re->nsub()));
      for (int i = 0; i < re->nsub(); ++i) branches.push_back(widen(re->sub()[i], at_start, at_end));
      return Regexp::Alternate(branches.data(), static_cast<int>(branches.size()), flags);
    }
    case re2::kRegexpConcat: {
      int begin = 0;
      int end = re->nsub();
      while (at_start && begin < end && is_edge_context(re->sub()[begin])) ++begin;
      while (at_end && end > begin && is_edge_context(re->sub()[end - 1])) --end;
      if (begin == end) return re->Incref();  // all context: keep it whole
      std::vector<Regexp*> parts;
      parts.reserve(static_cast<std::size_t>(end - begin));
      for (int i = begin; i < end; ++i) parts.push_back(widen(re->sub()[i], at_start && i == begin, at_end && i == end - 1));
      if (parts.size() == 1) return parts.front();
      return Regexp::Concat(parts.data(), static_cast<int>(parts.size()), flags);
    }
    default:
      return re->Incref();
  }
}

}  // namespace

PatternSet::PatternSet(const RE2::Options& options, Answers answers) : options_(options), answers_(answers) {}

PatternSet::~PatternSet() {
  for (auto& entry : pending_) entry.second->Decref();
}

int PatternSet::add(std::string_view pattern, std::string* error) {
  if (prog_ || size_ > 0) return -1;  // compile() has run
  const auto flags = static_cast<re2::Regexp::ParseFlags>(options_.ParseFlags());
  re2::RegexpStatus status;
  re2::Regexp* parsed = re2::Regexp::Parse(pattern, flags, &status);
  if (!parsed) {
    if (error) *error = status.Text();
    return -1;
  }
  if (answers_ == Answers::kSuperset) {
    re2::Regexp* wide = widen(parsed, /*at_start=*/true, /*at_end=*/true);
    parsed->Decref();
    parsed = wide;
  }
  // The pattern, then a marker naming its entry, as RE2::Set::Add builds it.
  const int entry = static_cast<int>(pending_.size());
  re2::Regexp* marker = re2::Regexp::HaveMatch(entry, flags);
  re2::Regexp* joined;
  if (parsed->op() == re2::kRegexpConcat) {
    std::vector<re2::Regexp*> parts;
    parts.reserve(static_cast<std::size_t>(parsed->nsub()) + 1);
    for (int i = 0; i < parsed->nsub(); ++i) parts.push_back(parsed->sub()[i]->Incref());
    parts.push_back(marker);
    parsed->Decref();
    joined = re2::Regexp::Concat(parts.data(), static_cast<int>(parts.size()), flags);
  } else {
    re2::Regexp* parts[2] = {parsed, marker};
    joined = re2::Regexp::Concat(parts, 2, flags);
  }
  pending_.emplace_back(std::string(pattern), joined);
  return entry;
}

bool PatternSet::compile() {
  if (prog_ || pending_.empty()) return false;
  size_ = static_cast<int>(pending_.size());
  // Ordered by pattern text, as RE2::Set::Compile orders them, so the program is the same.
  std::sort(pending_.begin(), pending_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<re2::Regexp*> alternatives;
  alternatives.reserve(pending_.size());
  for (auto& entry : pending_) alternatives.push_back(entry.second);
  pending_.clear();
  const auto flags = static_cast<re2::Regexp::ParseFlags>(options_.ParseFlags());
  re2::Regexp* all = re2::Regexp::Alternate(alternatives.data(), size_, flags);
  prog_.reset(re2::Prog::CompileSet(all, RE2::UNANCHORED, options_.max_mem()));
  all->Decref();
  return prog_ != nullptr;
}

int PatternSet::program_size() const { return prog_ ? prog_->size() : 0; }

PatternSet::Outcome PatternSet::match(std::string_view text, std::vector<int>& entries) const {
  entries.clear();
  if (!prog_) return Outcome::kNoMatch;
  // One per thread, grown to the largest set this thread has matched: cleared, not freed.
  thread_local re2::SparseSet found;
  if (found.max_size() < size_) found.resize(size_);
  found.clear();
  bool failed = false;
  // kAnchored with an unanchored program, as RE2::Set::Match calls it: the program starts
  // with its own .*? loop.
  const bool matched = prog_->SearchDFA(text, text, re2::Prog::kAnchored, re2::Prog::kManyMatch, nullptr,
                                        &failed, &found);
  if (failed) return Outcome::kFailed;
  if (!matched) return Outcome::kNoMatch;
  if (found.empty()) return Outcome::kFailed;  // RE2::Set's "inconsistent": do not guess
  entries.assign(found.begin(), found.end());
  std::sort(entries.begin(), entries.end());
  return Outcome::kMatch;
}

}  // namespace fakelens::internal
