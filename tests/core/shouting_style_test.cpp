#include "signals/shouting_style.h"

#include <doctest/doctest.h>

#include "signal_pack.h"

using fakelens::testing::find_evidence;
using fakelens::testing::score_with_signals;

TEST_CASE("two signs of shouting together fire the style rule") {
  const auto verdict = score_with_signals(R"({"title":"BEST HAIR OIL EVER MADE!!! AMAZING"})");
  const auto* evidence = find_evidence(verdict, "claim.shouting");
  REQUIRE(evidence);
  CHECK(evidence->args["capsPercent"] == 100);
  CHECK(evidence->args["exclamations"] == 3);
  CHECK(evidence->args["superlatives"] == 2);
}

TEST_CASE("one sign alone, or a short title, is not enough") {
  CHECK_FALSE(find_evidence(score_with_signals(R"({"title":"USB C CABLE FOR CHARGING PHONES"})"), "claim.shouting"));
  CHECK_FALSE(find_evidence(score_with_signals(R"({"title":"Wow!!! nice hat!!!"})"), "claim.shouting"));
  CHECK_FALSE(find_evidence(score_with_signals(R"({"title":"OK!!!"})"), "claim.shouting"));
}
