// What the fuzz targets that read packs ask of the result: a refused pack always says why;
// a pack that loads scores a few listings and keeps the verdict invariants. Traps otherwise.
#ifndef FAKELENS_TESTS_FUZZ_PACK_CHECKS_H_
#define FAKELENS_TESTS_FUZZ_PACK_CHECKS_H_

#include "fakelens/rule_pack.h"
#include "fakelens/scorer.h"

inline void check_loaded_pack(const fakelens::RulePackLoad& loaded) {
  if (!loaded.ok()) {
    if (loaded.problems.empty()) __builtin_trap();
    return;
  }
  const fakelens::Scorer scorer(loaded.pack);
  for (const char* listing : {
           R"({"title":"AAA replica Rolex watch 1:1","price":{"amount":20,"currency":"USD"},"listPrice":{"amount":999,"currency":"USD"}})",
           R"({"title":"N1ke shoes 高仿 miracle cure 1TB phone","description":"100% original","seller":{"name":"x","rating":50,"ratingCount":900,"ageDays":3}})",
           R"({"title":"Plain mug"})"}) {
    const auto verdict = scorer.score(fakelens::parse_listing(listing).value());
    if (verdict.score < 0 || verdict.score > 100) __builtin_trap();
  }
}

#endif  // FAKELENS_TESTS_FUZZ_PACK_CHECKS_H_
