// The shopper's own record of a seller: the history a listing carries, and the credit
// computed from it (fakelens/seller_record.h). The signal that weighs it is
// signals/seller_record_rule.cpp.
#include "fakelens/seller_record.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace fakelens {
namespace {

// Howard Hinnant's days_from_civil: proleptic Gregorian date -> days since 1970-01-01.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool read_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

Error field_error(const char* code, const std::string& path, const std::string& what) {
  return make_error(code, path + " " + what);
}

}  // namespace

std::optional<std::int64_t> parse_day(std::string_view text) {
  int year = 0, month = 0, day = 0;
  if (text.size() < 10 || !read_digits(text, 0, 4, year) || text[4] != '-' || !read_digits(text, 5, 2, month) ||
      text[7] != '-' || !read_digits(text, 8, 2, day)) {
    return std::nullopt;
  }
  static constexpr int kDaysIn[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1970 || month < 1 || month > 12 || day < 1 ||
      day > kDaysIn[month - 1] + (month == 2 && leap(year) ? 1 : 0)) {
    return std::nullopt;
  }
  std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  if (text.size() == 10) return days;

  // THH:MM[:SS[.fraction]] then Z or +HH:MM / -HH:MM
  int hour = 0, minute = 0, second = 0;
  if (text[10] != 'T' || !read_digits(text, 11, 2, hour) || text.size() < 16 || text[13] != ':' ||
      !read_digits(text, 14, 2, minute) || hour > 23 || minute > 59) {
    return std::nullopt;
  }
  std::size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    if (!read_digits(text, pos + 1, 2, second) || second > 60) return std::nullopt;
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {
      const std::size_t start = ++pos;
      while (pos < text.size() && pos - start < 9 && text[pos] >= '0' && text[pos] <= '9') ++pos;
      if (pos == start) return std::nullopt;
    }
  }
  int offset_minutes = 0;
  if (pos < text.size() && text[pos] == 'Z') {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int offset_hours = 0, offset_mins = 0;
    if (!read_digits(text, pos + 1, 2, offset_hours) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !read_digits(text, pos + 4, 2, offset_mins) || offset_hours > 23 || offset_mins > 59) {
      return std::nullopt;
    }
    offset_minutes = (text[pos] == '+' ? 1 : -1) * (offset_hours * 60 + offset_mins);
    pos += 6;
  } else {
    return std::nullopt;  // a time without a zone is ambiguous
  }
  if (pos != text.size()) return std::nullopt;
  days += floor_div(static_cast<std::int64_t>(hour) * 60 + minute - offset_minutes, 1440);
  if (days < 0) return std::nullopt;
  return days;
}

std::string format_day(std::int64_t day) {
  // civil_from_days (Hinnant)
  const std::int64_t z = day + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", static_cast<long long>(y + (m <= 2)), m, d);
  return buffer;
}

Result<SellerHistory> seller_history_from_json(const Json& value, const std::string& prefix) {
  const std::string at_path = prefix.empty() ? "history" : prefix.substr(0, prefix.size() - 1);
  if (!value.is_object()) return field_error(error_code::kWrongType, at_path, "must be an object {asOf, events}");
  SellerHistory history;
  const auto as_of = value.find("asOf");
  if (as_of == value.end() || !as_of->is_string()) {
    return field_error(error_code::kWrongType, prefix + "asOf", "must be a date or time, e.g. \"2026-11-28T17:00:00Z\"");
  }
  const auto as_of_day = parse_day(as_of->get_ref<const std::string&>());
  if (!as_of_day) return field_error(error_code::kBadValue, prefix + "asOf", "is not an ISO 8601 date or UTC time");
  history.as_of_day = *as_of_day;

  const auto events = value.find("events");
  if (events == value.end() || !events->is_array()) {
    return field_error(error_code::kWrongType, prefix + "events", "must be an array");
  }
  if (events->size() > seller_limits::kMaxEvents) {
    return field_error(error_code::kTooLarge, prefix + "events",
                       "holds " + std::to_string(events->size()) + " events; the limit is " +
                           std::to_string(seller_limits::kMaxEvents) + " (store daily totals with count)");
  }
  for (std::size_t i = 0; i < events->size(); ++i) {
    const Json& item = (*events)[i];
    const std::string path = prefix + "events[" + std::to_string(i) + "]";
    if (!item.is_object()) return field_error(error_code::kWrongType, path, "must be an object {type, at, count?}");
    SellerEvent event;
    const auto type = item.find("type");
    const std::string type_text = type != item.end() && type->is_string() ? type->get<std::string>() : "";
    if (type_text == "report") event.type = SellerEventType::kReport;
    else if (type_text == "seen") event.type = SellerEventType::kSeen;
    else if (type_text == "seenHigh") event.type = SellerEventType::kSeenHigh;
    else if (type_text == "official") event.type = SellerEventType::kOfficial;
    else return field_error(error_code::kBadValue, path + ".type", "must be report, seen, seenHigh or official");
    const auto at = item.find("at");
    const auto day = at != item.end() && at->is_string() ? parse_day(at->get_ref<const std::string&>()) : std::nullopt;
    if (!day) return field_error(error_code::kBadValue, path + ".at", "must be an ISO 8601 date or UTC time");
    event.day = *day;
    if (const auto count = item.find("count"); count != item.end() && !count->is_null()) {
      if (!count->is_number_integer() && !count->is_number_unsigned()) {
        return field_error(error_code::kWrongType, path + ".count", "must be a whole number");
      }
      const std::int64_t n = count->is_number_unsigned() && count->get<std::uint64_t>() > INT64_MAX
                                  ? -1
                                  : count->get<std::int64_t>();
      if (n < 1 || n > seller_limits::kMaxCount) {
        return field_error(error_code::kBadValue, path + ".count", "must be between 1 and 1000000");
      }
      event.count = n;
    }
    history.events.push_back(event);
  }
  return history;
}

Result<SellerHistory> parse_seller_history(std::string_view json_text) {
  auto json = read_json(json_text, 1u << 20, 8, "seller history");
  if (!json.ok()) return json.error();
  return seller_history_from_json(json.value(), "");
}

SellerRecord compute_seller_record(const SellerHistory& history) {
  SellerRecord record;
  double reports = 0, seen = 0, seen_high = 0;
  for (const SellerEvent& event : history.events) {
    const std::int64_t age = std::max<std::int64_t>(0, history.as_of_day - event.day);
    const double weight = 1.0 / (1.0 + static_cast<double>(age) / seller_limits::kHalfWeightDays);
    const double weighted = weight * static_cast<double>(event.count);
    switch (event.type) {
      case SellerEventType::kReport: reports += weighted; record.reports += event.count; break;
      case SellerEventType::kSeen: seen += weighted; record.seen += event.count; break;
      case SellerEventType::kSeenHigh: seen_high += weighted; record.seen_high += event.count; break;
      case SellerEventType::kOfficial: record.official = true; break;
    }
    if (event.type != SellerEventType::kOfficial) {
      record.first_day = std::min(record.first_day.value_or(event.day), event.day);
      record.last_day = std::max(record.last_day.value_or(event.day), event.day);
    }
  }
  // A high listing is a listing seen, whether or not the store recorded both.
  record.seen = std::max(record.seen, record.seen_high);
  seen = std::max(seen, seen_high);

  // Reports count most and saturate (1 -> 30, 2 -> 40, 5 -> 50, never over 60); the share
  // of high-risk listings adds up to 40, trusted more as more listings were seen.
  const double report_penalty = 60.0 * reports / (reports + 1.0);
  const double high_penalty = 40.0 * seen_high / (seen + 2.0);
  double penalty = report_penalty + high_penalty;
  if (record.official) penalty *= 0.5;  // the marketplace vouches for the store
  penalty = std::min(100.0, penalty);
  record.credit = 100 - static_cast<int>(std::floor(penalty + 0.5));
  return record;
}

OrderedJson seller_record_to_json(const SellerRecord& record) {
  OrderedJson out;
  out["reports"] = record.reports;
  out["seen"] = record.seen;
  out["seenHigh"] = record.seen_high;
  out["official"] = record.official;
  if (record.first_day) out["firstSeen"] = format_day(*record.first_day);
  if (record.last_day) out["lastSeen"] = format_day(*record.last_day);
  out["credit"] = record.credit;
  return out;
}

}  // namespace fakelens
