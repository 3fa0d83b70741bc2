// Any bytes as a listing: parsing and scoring with the default pack must return a value
// (a verdict or an error), never crash, and the verdict must hold its invariants.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "fakelens/decimal.h"
#include "fakelens/json_reader.h"
#include "fakelens/rule_pack.h"
#include "fakelens/scorer.h"

namespace {
const fakelens::Scorer& scorer() {
  static const auto loaded = fakelens::RulePack::load(fakelens::default_rule_pack_json());
  static const fakelens::Scorer instance(loaded.pack);
  return instance;
}
void require(bool condition) {
  if (!condition) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // The WebAssembly build reads numbers through parse_simple_decimal before strtod: where
  // it answers, it must answer exactly as strtod does. Checked where each number in the
  // input starts (the first 64), since listings carry their numbers inside JSON.
  {
    const std::string text(input);
    int checked = 0;
    for (std::size_t at = 0; at < text.size() && checked < 64; ++at) {
      const char c = text[at];
      const bool starts = (c == '-' || (c >= '0' && c <= '9')) &&
                          (at == 0 || !(text[at - 1] >= '0' && text[at - 1] <= '9'));
      if (!starts) continue;
      ++checked;
      double fast = 0;
      const char* fast_end = nullptr;
      if (fakelens::parse_simple_decimal(text.c_str() + at, &fast, &fast_end)) {
        char* slow_end = nullptr;
        const double slow = std::strtod(text.c_str() + at, &slow_end);
        require(std::memcmp(&fast, &slow, sizeof fast) == 0 && fast_end == slow_end);
      }
    }
  }
  const std::string output = scorer().score_json(input);
  auto parsed = fakelens::read_json(output, 64u << 20, 64, "verdict");
  require(parsed.ok());
  const auto& verdict = parsed.value();
  require(verdict.is_object());
  if (verdict.contains("error")) {
    require(verdict["error"]["code"].is_string() && verdict["error"]["message"].is_string());
    return 0;
  }
  const int score = verdict["score"].get<int>();
  require(score >= 0 && score <= 100);
  // Spans point inside the field they name (UTF-16 units): checked against the listing.
  auto listing = fakelens::read_json(input, 64u << 20, 64, "listing");
  for (const auto& evidence : verdict["evidence"]) {
    require(evidence["weight"].get<double>() >= 0 && evidence["weight"].get<double>() <= 1);
    if (!evidence.contains("span")) continue;
    const auto start = evidence["span"]["start"].get<long long>();
    const auto end = evidence["span"]["end"].get<long long>();
    require(start >= 0 && start <= end);
    if (listing.ok() && listing.value().is_object()) {
      const auto field = listing.value().find(evidence["field"].get<std::string>());
      if (field != listing.value().end() && field->is_string()) {
        std::size_t units = 0;
        for (unsigned char c : field->get_ref<const std::string&>()) {
          if ((c & 0xC0) != 0x80) units += (c >= 0xF0) ? 2 : 1;
        }
        require(static_cast<std::size_t>(end) <= units);
      }
    }
  }
  return 0;
}
