// Scores listings against a rule pack and explains every piece of evidence.
//
//   Scorer scorer(pack);                        // pack: std::shared_ptr<const RulePack>
//   Verdict verdict = scorer.score(listing);    // a parsed Listing
//   std::string line = scorer.score_json(text); // JSON in, verdict or error JSON out
//
// How a verdict is formed:
//   1. the listing is read once for every signal: each text field (title, description,
//      brand) is folded (text_normalizer.h) and scanned once by the brand index; the price
//      is converted to US dollars; the title is scanned once for every product pattern;
//   2. every signal kind of the pack, in the pack's order, adds its evidence: text rules
//      (one pattern-set scan per field, then the rules that matched alone, for their
//      spans), brand disguise, list-price and written discounts, price floors, spec
//      plausibility, shouting style, listing conditions and the seller record. Spans are
//      mapped back to UTF-16 offsets of the original field;
//   3. combinations add evidence when all the rules they require fired, and listing rules
//      may dampen categories (an official store);
//   4. each category combines the weights of its distinct rules by noisy-OR,
//      1 - (1 - w1)(1 - w2)..., so independent findings reinforce each other and no
//      amount of one finding passes 100; the overall score is the noisy-OR of all rules;
//   5. the pack's thresholds turn the score into low / medium / high.
// The signal kinds are listed in core/src/signals/signal_kinds.cpp.
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
#include <vector>

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

  // Scores listings as one batch (the listings of one page): each is scored as score()
  // would, and signal kinds that judge a listing among the others of its batch (page-peer
  // prices) see them all first. A listing's verdict does not depend on the order of the
  // batch. Verdicts in the order of `listings`.
  std::vector<Verdict> score_batch(const std::vector<Listing>& listings) const;

  // score_batch over JSON lines: one output per line, a verdict or an error object (lines
  // numbered from `first_line`); lines that are errors take no part in the batch.
  // *is_error (when given) gets one flag per line.
  std::vector<std::string> score_json_batch(const std::vector<std::string_view>& lines, std::int64_t first_line = 1,
                                            std::vector<bool>* is_error = nullptr) const;

  // Scores JSON Lines text: one output line per input line, joined by '\n' (no trailing
  // newline), error lines numbered from `first_line`. A final newline does not start
  // another line. The lines are one batch (score_json_batch), or consecutive batches of
  // limits::kMaxBatchListings lines when there are more. Sets *error_lines to the number
  // of error outputs when given.
  std::string score_json_lines(std::string_view jsonl, std::int64_t first_line = 1,
                               std::size_t* error_lines = nullptr) const;

  const RulePack& pack() const { return *pack_; }

 private:
  std::shared_ptr<const RulePack> pack_;
};

}  // namespace fakelens

#endif  // FAKELENS_SCORER_H_
