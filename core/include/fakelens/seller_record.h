// The shopper's own credit record of a seller, computed from their events: reports they
// made, listings of the seller they saw, how many of those were `high`, and whether the
// marketplace marks the seller as an official store. Older events weigh less.
//
// Deterministic by construction: times are whole days, and the arithmetic is +, *, / on
// doubles (correctly rounded everywhere), so native and WebAssembly builds agree to the bit.
//
//   auto history = parse_seller_history(R"({"asOf":"2026-11-28T10:00:00Z","events":[...]})");
//   SellerRecord record = compute_seller_record(history.value());   // record.credit in 0..100
#ifndef FAKELENS_SELLER_RECORD_H_
#define FAKELENS_SELLER_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fakelens/error.h"
#include "fakelens/json_reader.h"

namespace fakelens {

enum class SellerEventType { kReport, kSeen, kSeenHigh, kOfficial };

struct SellerEvent {
  SellerEventType type = SellerEventType::kSeen;
  std::int64_t day = 0;     // days since 1970-01-01 (UTC)
  std::int64_t count = 1;   // events of this type that day (the extension stores daily totals)
};

struct SellerHistory {
  std::int64_t as_of_day = 0;  // "now" for the decay; events after it count as today
  std::vector<SellerEvent> events;
};

struct SellerRecord {
  std::int64_t reports = 0;     // raw counts, as a shopper reads them
  std::int64_t seen = 0;        // listings seen (at least seen_high)
  std::int64_t seen_high = 0;   // of those, scored high
  bool official = false;
  std::optional<std::int64_t> first_day;
  std::optional<std::int64_t> last_day;
  int credit = 100;             // 100 = nothing against the seller, 0 = worst
};

namespace seller_limits {
inline constexpr std::size_t kMaxEvents = 2000;
inline constexpr std::int64_t kMaxCount = 1000000;
// Decay: an event `kHalfWeightDays` old weighs half as much as one from today
// (weight = 1 / (1 + age / kHalfWeightDays)).
inline constexpr double kHalfWeightDays = 90.0;
}  // namespace seller_limits

// "2026-11-28", "2026-11-28T17:00:00Z", "2026-11-28T17:00:00.123+01:00" -> days since epoch
// (the UTC calendar day). nullopt when the text is not such a time or is out of 1970..9999.
std::optional<std::int64_t> parse_day(std::string_view text);
std::string format_day(std::int64_t day);  // "2026-11-28"

// A history object {asOf, events: [{type, at, count?}]}; errors name the bad field with
// `path_prefix` in front ("seller.history.").
Result<SellerHistory> seller_history_from_json(const Json& value, const std::string& path_prefix);
Result<SellerHistory> parse_seller_history(std::string_view json_text);

SellerRecord compute_seller_record(const SellerHistory& history);

// {reports, seen, seenHigh, official, firstSeen, lastSeen, credit}
OrderedJson seller_record_to_json(const SellerRecord& record);

}  // namespace fakelens

#endif  // FAKELENS_SELLER_RECORD_H_
