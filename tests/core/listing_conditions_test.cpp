#include "signals/listing_conditions.h"

#include <doctest/doctest.h>

#include "signal_pack.h"

using fakelens::Level;
using fakelens::testing::find_evidence;
using fakelens::testing::score_with_signals;

TEST_CASE("a rule fires when every test holds and every field is known") {
  const auto low = score_with_signals(R"({"title":"x","seller":{"rating":82.5,"ratingCount":140}})");
  const auto* evidence = find_evidence(low, "seller.low-rating");
  REQUIRE(evidence);
  CHECK(evidence->message == "82.5% from 140");
  CHECK(evidence->field == fakelens::Field::kSeller);
  CHECK_FALSE(find_evidence(score_with_signals(R"({"title":"x","seller":{"rating":82.5,"ratingCount":3}})"), "seller.low-rating"));
  CHECK_FALSE(find_evidence(score_with_signals(R"({"title":"x","seller":{"rating":82.5}})"), "seller.low-rating"));
  CHECK_FALSE(find_evidence(score_with_signals(R"({"title":"x"})"), "seller.low-rating"));
}

TEST_CASE("an official store dampens counterfeit and pricing findings") {
  const std::string base = R"("title":"Rolex Submariner watch","price":{"amount":89,"currency":"USD"})";
  const auto plain = score_with_signals("{" + base + "}");
  const auto official = score_with_signals("{" + base + R"(,"seller":{"official":true}})");
  REQUIRE(find_evidence(official, "seller.official-store"));
  CHECK(find_evidence(official, "seller.official-store")->weight == 0);
  CHECK(official.score < plain.score);
  CHECK(official.categories[static_cast<int>(fakelens::Category::kPricing)] ==
        plain.categories[static_cast<int>(fakelens::Category::kPricing)] / 2 + 1);
}

TEST_CASE("a pack with a bad condition lists the problem") {
  std::string pack = fakelens::testing::kSignalPack;
  pack.replace(pack.find("\"seller.rating\": {\"lt\": 90}"), 27, "\"seller.mood\": {\"lt\": 90}");
  auto loaded = fakelens::RulePack::load(pack);
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.problems[0].path == "$.listingRules[0].when.seller.mood");
}
