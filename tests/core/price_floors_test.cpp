#include "signals/price_floors.h"

#include <doctest/doctest.h>

#include "signal_pack.h"

using fakelens::Level;
using fakelens::testing::find_evidence;
using fakelens::testing::score_with_signals;

TEST_CASE("a product line far below its floor is pricing evidence") {
  const auto verdict = score_with_signals(
      R"({"title":"iPhone 15 Pro 256GB","price":{"amount":120,"currency":"USD"}})");
  const auto* evidence = find_evidence(verdict, "pricing.below-floor");
  REQUIRE(evidence);
  CHECK(evidence->weight == doctest::Approx(0.55));
  CHECK(evidence->message == "iPhone Pro: 120.00 USD vs 650.00 USD (18%)");
  CHECK(evidence->field == fakelens::Field::kPrice);
}

TEST_CASE("prices in other currencies are converted with the pack's rates") {
  const auto verdict = score_with_signals(
      R"({"title":"Gucci Marmont bag","price":{"amount":9000,"currency":"JPY"}})");  // 60 USD
  const auto* evidence = find_evidence(verdict, "pricing.below-floor");
  REQUIRE(evidence);
  CHECK(evidence->args["floor"] == "45000.00 JPY");
  CHECK(evidence->args["percent"] == 20);
  // No rate, no judgement.
  CHECK_FALSE(find_evidence(score_with_signals(
      R"({"title":"Gucci Marmont bag","price":{"amount":9000,"currency":"XAF"}})"), "pricing.below-floor"));
}

TEST_CASE("floors apply only to the brand's core products, not accessories") {
  CHECK_FALSE(find_evidence(score_with_signals(R"({"title":"Nike socks 3 pack","price":{"amount":5,"currency":"USD"}})"), "pricing.below-floor"));
  CHECK_FALSE(find_evidence(score_with_signals(R"({"title":"Strap for Rolex Submariner","price":{"amount":15,"currency":"USD"}})"), "pricing.below-floor"));
  CHECK_FALSE(find_evidence(score_with_signals(R"({"title":"Case for iPhone 15 Pro","price":{"amount":9,"currency":"USD"}})"), "pricing.below-floor"));
  CHECK_FALSE(find_evidence(score_with_signals(R"({"title":"Rolex Submariner","price":{"amount":9000,"currency":"USD"}})"), "pricing.below-floor"));
}

TEST_CASE("accessory words count in the title, not in a description that mentions a gift") {
  // Constructed after avito-ru-phones: a sealed phone "with a case as a gift" is still a phone.
  const auto gift = score_with_signals(
      R"({"title":"iPhone 15 Pro 256GB","description":"New, sealed. Case as a gift.","price":{"amount":120,"currency":"USD"}})");
  CHECK(find_evidence(gift, "pricing.below-floor"));
  const auto accessory = score_with_signals(
      R"({"title":"Case for iPhone 15 Pro","description":"Fits the iPhone 15 Pro","price":{"amount":9,"currency":"USD"}})");
  CHECK_FALSE(find_evidence(accessory, "pricing.below-floor"));
}

TEST_CASE("used items weigh half; the highest applicable floor wins") {
  const auto used = score_with_signals(
      R"({"title":"Rolex Datejust watch","condition":"used","price":{"amount":500,"currency":"USD"}})");
  REQUIRE(find_evidence(used, "pricing.below-floor"));
  CHECK(find_evidence(used, "pricing.below-floor")->weight == doctest::Approx(0.275));
}

TEST_CASE("an authenticity claim with a price below the floor combines into a stronger finding") {
  const auto verdict = score_with_signals(
      R"({"title":"100% original Rolex Submariner watch","price":{"amount":89,"currency":"USD"}})");
  CHECK(find_evidence(verdict, "claim.authentic"));
  CHECK(find_evidence(verdict, "pricing.below-floor"));
  CHECK(find_evidence(verdict, "counterfeit.authentic-claim-cheap"));
  CHECK(verdict.level == Level::kHigh);
  const auto alone = score_with_signals(R"({"title":"Rolex Submariner watch","price":{"amount":89,"currency":"USD"}})");
  CHECK(alone.level == Level::kMedium);
}

TEST_CASE("second-hand words weigh like a used condition; a resale marketplace halves again") {
  const auto weight_of = [](const std::string& json) {
    const auto verdict = score_with_signals(json);
    const auto* evidence = find_evidence(verdict, "pricing.below-floor");
    return evidence ? evidence->weight : 0.0;
  };
  // Constructed: a $500 Datejust against the $3,000 floor is the 0.55 tier.
  CHECK(weight_of(R"({"title":"Rolex Datejust watch","price":{"amount":500,"currency":"USD"}})") == doctest::Approx(0.55));
  CHECK(weight_of(R"({"title":"Pre-owned Rolex Datejust watch","price":{"amount":500,"currency":"USD"}})") == doctest::Approx(0.275));
  CHECK(weight_of(R"({"title":"ロレックス デイトジャスト 中古","price":{"amount":75000,"currency":"JPY"}})") == doctest::Approx(0.275));
  // The category is read too.
  CHECK(weight_of(R"({"title":"Rolex Datejust watch","category":"Pre-Owned Watches","price":{"amount":500,"currency":"USD"}})") == doctest::Approx(0.275));
  // A resale marketplace, by name or URL, with or without a used condition.
  CHECK(weight_of(R"({"title":"Rolex Datejust watch","marketplace":"fashionphile","price":{"amount":500,"currency":"USD"}})") == doctest::Approx(0.275));
  CHECK(weight_of(R"({"title":"Rolex Datejust watch","url":"https://www.fashionphile.com/p/rolex-datejust","condition":"used","price":{"amount":500,"currency":"USD"}})") == doctest::Approx(0.1375));
  // Anywhere else the word "owned" alone changes nothing.
  CHECK(weight_of(R"({"title":"Rolex Datejust watch, family owned shop","marketplace":"ebay","price":{"amount":500,"currency":"USD"}})") == doctest::Approx(0.55));
}

TEST_CASE("resaleMarketplaces needs resaleFactor") {
  std::string pack = fakelens::testing::kSignalPack;
  const std::string factor = R"(, "resaleFactor": 0.5)";
  pack.erase(pack.find(factor), factor.size());
  CHECK_FALSE(fakelens::RulePack::load(pack).ok());
}
