// Matching alone, for the benchmark (npm run bench): how fast the one-pass scanners run
// over titles, apart from JSON, folding and scoring. The same code runs natively
// (`fakelens bench`) and in WebAssembly (engine.measureMatching), so the two compare.
#ifndef FAKELENS_MATCHING_BENCH_H_
#define FAKELENS_MATCHING_BENCH_H_

#include <cstddef>
#include <string_view>

#include "fakelens/rule_pack.h"

namespace fakelens {

struct MatchingRun {
  std::size_t titles = 0;   // valid listings read
  std::size_t bytes = 0;    // folded title bytes scanned, over all rounds
  std::size_t hits = 0;     // text-rule hits plus brand mentions, over all rounds
  double seconds = 0;       // the scans alone
  // The one-pass part only: which rules the title's RE2::Set names and which brands the
  // index names, before any rule or brand pattern runs alone to find spans.
  std::size_t scan_hits = 0;
  double scan_seconds = 0;       // both scanners: the two below
  double set_scan_seconds = 0;   // the title's RE2::Set
  double brand_scan_seconds = 0; // the brand index
};

// Reads the listings of `jsonl` and folds their titles (not timed), then `rounds` times
// scans every title with the title field's RE2::Set (and the spans of the rules it names)
// and the brand index (and the patterns of the brands it names); then `rounds` times the
// one-pass scans alone.
MatchingRun measure_matching(const RulePack& pack, std::string_view jsonl, int rounds);

}  // namespace fakelens

#endif  // FAKELENS_MATCHING_BENCH_H_
