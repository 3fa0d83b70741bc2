// Size limits. Every input FakeLens reads is bounded so that no listing, line or rule
// pack can make it run out of memory or time. Inputs over a limit are rejected with
// error_code::kTooLarge / kTooDeep, never truncated silently.
#ifndef FAKELENS_LIMITS_H_
#define FAKELENS_LIMITS_H_

#include <cstddef>

namespace fakelens::limits {

// One listing as JSON text (one JSON Lines line).
inline constexpr std::size_t kMaxListingBytes = 4u << 20;  // 4 MiB
// title and description, each, in UTF-8 bytes.
inline constexpr std::size_t kMaxLongTextBytes = 1u << 20;  // 1 MiB
// every other string field (id, url, brand, seller name, ...).
inline constexpr std::size_t kMaxShortTextBytes = 8u << 10;  // 8 KiB
// JSON nesting of a listing (a listing needs 3; unknown fields may nest a little).
inline constexpr int kMaxListingDepth = 32;

// A batch (the listings of one page) is scored together so that listings can be judged
// among each other (page-peer prices); longer JSON Lines inputs are scored as consecutive
// batches of this many lines (the extension sends at most 200 listings of a page at once).
inline constexpr std::size_t kMaxBatchListings = 2000;

// Rule packs.
inline constexpr std::size_t kMaxRulePackBytes = 16u << 20;  // 16 MiB
inline constexpr int kMaxRulePackDepth = 16;
inline constexpr std::size_t kMaxRules = 10000;
inline constexpr std::size_t kMaxPatternBytes = 4096;
// RE2 memory budgets: per rule regex, and per field-wide RE2::Set.
inline constexpr long long kRuleRegexMaxMem = 2ll << 20;
inline constexpr long long kRuleSetMaxMem = 64ll << 20;

// Evidence: a rule reports at most this many spans per field, a verdict at most this
// many evidence items in all (the score counts each rule once whatever the count).
inline constexpr int kMaxSpansPerRuleField = 8;
inline constexpr std::size_t kMaxEvidence = 64;

}  // namespace fakelens::limits

#endif  // FAKELENS_LIMITS_H_
