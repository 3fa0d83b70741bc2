// Any bytes as a rule pack: loading returns a pack or a list of problems, never crashes or
// hangs; a pack that loads scores a few listings and keeps the verdict invariants.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fakelens/rule_pack.h"
#include "fakelens/scorer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const fakelens::RulePackLoad loaded = fakelens::RulePack::load(input);
  if (!loaded.ok()) {
    if (loaded.problems.empty()) __builtin_trap();  // refused packs always say why
    return 0;
  }
  const fakelens::Scorer scorer(loaded.pack);
  for (const char* listing : {
           R"({"title":"AAA replica Rolex watch 1:1","price":{"amount":20,"currency":"USD"},"listPrice":{"amount":999,"currency":"USD"}})",
           R"({"title":"N1ke shoes 高仿 miracle cure 1TB phone","description":"100% original","seller":{"name":"x","rating":50,"ratingCount":900,"ageDays":3}})",
           R"({"title":"Plain mug"})"}) {
    const auto verdict = scorer.score(fakelens::parse_listing(listing).value());
    if (verdict.score < 0 || verdict.score > 100) __builtin_trap();
  }
  return 0;
}
