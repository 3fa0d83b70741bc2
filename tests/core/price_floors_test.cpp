#include "signals/price_floors.h"

#include <doctest/doctest.h>

#include "fakelens/scorer.h"
#include "signal_pack.h"
#include "test_support.h"

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

TEST_CASE("children's sizes halve the floor; named in the title, brand field or category") {
  const auto weight_of = [](const std::string& json) {
    const auto verdict = score_with_signals(json);
    const auto* evidence = find_evidence(verdict, "pricing.below-floor");
    return evidence ? evidence->weight : 0.0;
  };
  // Constructed: Nike shoes against the test pack's $60 floor; a toddler pair against $30.
  CHECK(weight_of(R"({"title":"Nike Air Max shoes","price":{"amount":25,"currency":"USD"}})") == doctest::Approx(0.35));
  CHECK(weight_of(R"({"title":"Nike Air Max toddler shoes","price":{"amount":25,"currency":"USD"}})") == 0.0);
  CHECK(weight_of(R"json({"title":"Nike Air Max shoes (TD)","price":{"amount":25,"currency":"USD"}})json") == 0.0);
  CHECK(weight_of(R"({"title":"Nike Air Max shoes","category":"Toddler Shoes","price":{"amount":25,"currency":"USD"}})") == 0.0);
  // Far below even the halved floor stays evidence: 10 / 30 is the 0.35 tier, not none.
  CHECK(weight_of(R"({"title":"Nike Air Max toddler shoes","price":{"amount":10,"currency":"USD"}})") == doctest::Approx(0.35));
  CHECK(weight_of(R"({"title":"Nike Air Max shoes","price":{"amount":10,"currency":"USD"}})") == doctest::Approx(0.55));
  // A description's "also in toddler sizes" says nothing about the item sold.
  CHECK(weight_of(R"({"title":"Nike Air Max shoes","description":"Also in toddler sizes","price":{"amount":25,"currency":"USD"}})") == doctest::Approx(0.35));
}

TEST_CASE("childSizePattern needs childFloorFactor") {
  std::string pack = fakelens::testing::kSignalPack;
  const std::string factor = R"(, "childFloorFactor": 0.5)";
  REQUIRE(pack.find(factor) != std::string::npos);
  pack.erase(pack.find(factor), factor.size());
  CHECK_FALSE(fakelens::RulePack::load(pack).ok());
}

TEST_CASE("product words in other scripts reach the product floors (default pack)") {
  const fakelens::Scorer scorer(fakelens::testing::default_pack());
  const auto floor_of = [&](const std::string& json) -> std::string {
    auto listing = fakelens::parse_listing(json);
    REQUIRE(listing.ok());
    const auto verdict = scorer.score(listing.value());
    for (const auto& e : verdict.evidence) {
      if (e.rule == "pricing.below-floor") return e.args.at("product").get<std::string>();
    }
    return "";
  };
  // Constructed titles, spelled as Korean, Persian, Arabic and Russian shops write the
  // products (see the floors' patterns); each at a fraction of the floor.
  CHECK(floor_of(R"({"title":"삼성 갤럭시 S24 울트라 256GB","price":{"amount":100,"currency":"USD"}})") == "Samsung Galaxy S Ultra");
  CHECK(floor_of(R"({"title":"سامسونج جالاكسي S24 ألترا","price":{"amount":100,"currency":"USD"}})") == "Samsung Galaxy S Ultra");
  CHECK(floor_of(R"({"title":"ایرپاد پرو نسل ۲","price":{"amount":20,"currency":"USD"}})") == "AirPods Pro");
  CHECK(floor_of(R"({"title":"Наушники аирподс про 2","price":{"amount":20,"currency":"USD"}})") == "AirPods Pro");
  CHECK(floor_of(R"({"title":"ماك بوك برو M3 14","price":{"amount":150,"currency":"USD"}})") == "MacBook");
  CHECK(floor_of(R"({"title":"맥북 에어 M2","price":{"amount":150,"currency":"USD"}})") == "MacBook");
  CHECK(floor_of(R"({"title":"닌텐도 스위치 OLED 화이트","price":{"amount":40,"currency":"USD"}})") == "Nintendo Switch");
  CHECK(floor_of(R"({"title":"다이슨 슈퍼소닉 헤어드라이어","price":{"amount":40,"currency":"USD"}})") == "Dyson Supersonic");
  // Accessories stay excluded.
  CHECK(floor_of(R"({"title":"다이슨 슈퍼소닉 드라이기 케이스","price":{"amount":10,"currency":"USD"}})") == "");
  CHECK(floor_of(R"({"title":"에어팟 프로 실리콘 케이스","price":{"amount":5,"currency":"USD"}})") == "");
}
