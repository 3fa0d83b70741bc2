// Scores listings against a rule pack and explains every piece of evidence.
//
//   Scorer scorer(pack);                        // pack: std::shared_ptr<const RulePack>
//   Verdict verdict = scorer.score(listing);    // a parsed Listing
//   std::string line = scorer.score_json(text); // JSON in, verdict or error JSON out
//
// How a verdict is formed:
//   1. each text field (title, description, brand) is folded (text_normalizer.h) and
//      scanned once by the pack's RE2::Set for that field; the rules that matched are
//      then run alone to find their spans, which are mapped back to UTF-16 offsets of
//      the original field;
//   2. discount rules compare price with listPrice;
//   3. each category combines the weights of its distinct rules by noisy-OR,
//      1 - (1 - w1)(1 - w2)..., so independent findings reinforce each other and no
//      amount of one finding passes 100; the overall score is the noisy-OR of all rules;
//   4. the pack's thresholds turn the score into low / medium / high.
// The arithmetic is done in integers (weights in basis points), so verdicts are
// identical byte for byte on every platform, WebAssembly included.
//
// Thread-safe: a Scorer is immutable after construction.
#ifndef FAKELENS_SCORER_H_
#define FAKELENS_SCORER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "fakelens/listing.h"
#include "fakelens/rule_pack.h"
#include "fakelens/verdict.h"

namespace fakelens {

class Scorer {
 public:
  explicit Scorer(std::shared_ptr<const RulePack> pack);

  Verdict score(const Listing& listing) const;

  // Parses `listing_json` and returns the verdict as compact JSON, or the error object
  // {"id"?, "error": {code, message, line?}}; `line` is the 1-based input line in batch
  // modes; *is_error (when given) tells which of the two it is. Never fails or throws.
  std::string score_json(std::string_view listing_json,
                         std::optional<std::int64_t> line = std::nullopt,
                         bool* is_error = nullptr) const;

  // Scores JSON Lines text: one output line per input line, joined by '\n' (no trailing
  // newline), error lines numbered from `first_line`. A final newline does not start
  // another line. Sets *error_lines to the number of error outputs when given.
  std::string score_json_lines(std::string_view jsonl, std::int64_t first_line = 1,
                               std::size_t* error_lines = nullptr) const;

  const RulePack& pack() const { return *pack_; }

 private:
  std::shared_ptr<const RulePack> pack_;
};

}  // namespace fakelens

#endif  // FAKELENS_SCORER_H_
