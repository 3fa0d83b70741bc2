// Any bytes as a listing: parsing and scoring with the default pack must return a value
// (a verdict or an error), never crash, and the verdict must hold its invariants.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

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
