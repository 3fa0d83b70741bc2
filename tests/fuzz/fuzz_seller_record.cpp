// Any bytes as a seller history (and as a date): an error or a record with credit in 0..100
// and counts that add up; the same history twice gives the same record.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fakelens/seller_record.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (const auto day = fakelens::parse_day(input)) {
    if (*day < 0 || !fakelens::parse_day(fakelens::format_day(*day))) __builtin_trap();
  }
  const auto history = fakelens::parse_seller_history(input);
  if (!history.ok()) return 0;
  const auto record = fakelens::compute_seller_record(history.value());
  if (record.credit < 0 || record.credit > 100 || record.seen < record.seen_high || record.reports < 0) __builtin_trap();
  const auto again = fakelens::compute_seller_record(history.value());
  if (again.credit != record.credit) __builtin_trap();
  (void)fakelens::dump_compact(fakelens::seller_record_to_json(record));
  return 0;
}
