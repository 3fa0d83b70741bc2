// Internal: page-peer prices ("peerPriceRule"): listings of the same product on the same
// page (one batch: Scorer::score_json_lines, the extension's scoreBatch, a CLI batch) give
// a local market price, and a listing far below the median of the others is a price
// anomaly. Runs only in the batch pass: a listing scored alone has no peers and is never
// judged. Accessories (the price floors' accessoryPattern) are not grouped; second-hand
// listings are compared with second-hand ones only and weigh the price floors' usedFactor.
#ifndef FAKELENS_SRC_SIGNALS_PEER_PRICES_H_
#define FAKELENS_SRC_SIGNALS_PEER_PRICES_H_

#include <memory>
#include <string>
#include <vector>

#include "matching/lazy_regex.h"
#include "signals/listing_context.h"
#include "signals/rule_reader.h"

namespace fakelens::internal {

struct PeerPriceRule {
  RuleText text;                 // message: {percent}, {count}, {product}
  std::vector<RatioTier> tiers;  // ascending max_ratio; the lowest that holds wins
  int min_peers = 4;             // other listings of the product a median needs
  // Read from "priceFloors", not repeated in this rule: what counts as an accessory and how
  // much less a second-hand listing weighs.
  double used_factor = 0.5;
  std::shared_ptr<const LazyRegex> accessory;
};

// What identifies a product among a page's listings: the brands named in the title or
// brand field, the digit-bearing tokens of the folded title ("15", "256gb", "k70"), and
// whether it is second-hand. Empty `models` or `brands`: not grouped.
struct PeerKey {
  std::vector<std::size_t> brands;    // brand indexes, sorted, unique
  std::vector<std::string> models;    // sorted, unique
  bool second_hand = false;
  bool operator<(const PeerKey& other) const {
    if (second_hand != other.second_hand) return second_hand < other.second_hand;
    if (brands != other.brands) return brands < other.brands;
    return models < other.models;
  }
};

// The digit-bearing tokens of folded text, sorted and unique, storage without its unit
// ("512gb" and "512" are "512"); none when there are more than 8 (a title naming many
// variants); tokens over 16 bytes (serial numbers), ratios ("1:1") and percentages
// ("100% original") are left out. Exposed for tests.
std::vector<std::string> model_tokens(const std::string& folded);

// The median of `sorted` without one element equal to sorted[skip].
double median_without(const std::vector<double>& sorted, std::size_t skip);

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_SIGNALS_PEER_PRICES_H_
