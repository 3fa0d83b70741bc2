#include "matching/brand_catalog.h"

#include <doctest/doctest.h>

#include "signal_pack.h"
#include "signals/signal_kind.h"

using fakelens::testing::find_evidence;
using fakelens::testing::score_with_signals;

namespace {
std::string disguise_of(const std::string& title) {
  const auto verdict = score_with_signals(R"({"title":")" + title + R"("})");
  const auto* evidence = find_evidence(verdict, "brand.disguise");
  return evidence ? evidence->args["disguise"].get<std::string>() + ":" + *evidence->match : "none";
}
}  // namespace

TEST_CASE("a brand written plainly is a mention, never evidence") {
  CHECK(disguise_of("Gucci Marmont bag") == "none");
  CHECK(disguise_of("GUCCI belt") == "none");
  CHECK(disguise_of("Ray-Ban Wayfarer") == "none");
  CHECK(disguise_of("Ray Ban aviators") == "none");
  CHECK(disguise_of("Rayban sunglasses") == "none");
}

TEST_CASE("leetspeak and look-alike letters are disguises") {
  CHECK(disguise_of("N1ke Air Max") == "look-alike:N1ke");
  CHECK(disguise_of("R0L3X watch") == "look-alike:R0L3X");
  CHECK(disguise_of("Nіke shoes") == "look-alike:Nіke");          // Cyrillic і
  CHECK(disguise_of("Rοlex watch") == "look-alike:Rοlex");        // Greek ο
  CHECK(disguise_of("ＧＵＣＣＩ bag") == "look-alike:ＧＵＣＣＩ");    // full-width
}

TEST_CASE("spaced-out letters and misspellings are disguises") {
  CHECK(disguise_of("G-U-C-C-I bag") == "spaced-out:G-U-C-C-I");
  CHECK(disguise_of("R.o.l.e.x watch") == "spaced-out:R.o.l.e.x");
  CHECK(disguise_of("Guci handbag") == "misspelled:Guci");
}

TEST_CASE("words that merely contain a brand's letters are not brands") {
  CHECK(disguise_of("Nikes are not here; bikes are") == "none");
  CHECK(disguise_of("Gucciardini family history") == "none");
  CHECK(disguise_of("S24 ultra") == "none");
}

TEST_CASE("a disguised brand is strong counterfeit evidence with a span on the original text") {
  const auto verdict = score_with_signals(R"({"title":"Sac 𝐆𝐮𝐜𝐜𝐢 noir"})");
  const auto* evidence = find_evidence(verdict, "brand.disguise");
  REQUIRE(evidence);
  CHECK(evidence->span->start == 4);
  CHECK(evidence->span->end == 14);  // five mathematical letters, two UTF-16 units each
  CHECK(evidence->message == "Gucci as 𝐆𝐮𝐜𝐜𝐢 in the title");
  CHECK(verdict.level == fakelens::Level::kHigh);
}

TEST_CASE("{brand} in a text rule expands to every plain brand spelling") {
  const auto verdict = score_with_signals(R"({"title":"Belt inspired by Ray Ban and Gucci"})");
  REQUIRE(find_evidence(verdict, "replica.en.inspired-by"));
}

TEST_CASE("{brand}'s alternation quotes every spelling exactly as RE2::QuoteMeta does") {
  // Every byte, alone and beside letters and UTF-8.
  for (int byte = 0; byte < 256; ++byte) {
    const std::string literal = "a" + std::string(1, static_cast<char>(byte)) + "\xC3\xA9_9";
    std::string quoted = "x";
    fakelens::internal::append_quoted_literal(quoted, literal);
    CHECK(quoted == "x" + RE2::QuoteMeta(literal));
  }
  // The default pack's alternation, built as it was with RE2::QuoteMeta.
  const auto loaded = fakelens::RulePack::load_default();
  REQUIRE(loaded.ok());
  const fakelens::internal::BrandCatalog& catalog = *loaded.pack->sections().tables.brands;
  std::string expected;
  for (const auto& brand : catalog.brands()) {
    for (const auto* list : {&brand.spellings, &brand.aliases}) {
      for (const std::string& spelling : *list) expected += (expected.empty() ? "" : "|") + RE2::QuoteMeta(spelling);
    }
  }
  CHECK(catalog.plain_alternation() == "(?:" + expected + ")");
}

TEST_CASE("a brand's name in another script is a plain mention that floors apply to") {
  CHECK(disguise_of("劳力士日志型 男表") == "none");
  const auto verdict = score_with_signals(R"({"title":"劳力士日志型 男表","price":{"amount":999,"currency":"JPY"}})");
  REQUIRE(find_evidence(verdict, "pricing.below-floor"));
  CHECK(find_evidence(verdict, "pricing.below-floor")->args["product"] == "Rolex");
}

TEST_CASE("regression: N°5, '&' spellings and misspellings that start with a spelling") {
  // Found by checking the full brand list against the scorer (issue 3).
  const auto* pack = R"json({"schemaVersion":1,"id":"t","version":"1","description":"d",
    "thresholds":{"medium":35,"high":70},
    "brands":[{"name":"Chanel","match":["chanel","chanel no 5"],"category":"luxury-fashion"},
              {"name":"Tiffany","match":["tiffany & co","tiffany co"],"category":"jewelry"},
              {"name":"Patek","match":["patek"],"misspellings":["patek phillipe"],"category":"luxury-watches"}],
    "brandDisguise":{"id":"brand.disguise","weight":0.7,"message":"{brand}","description":"d"}})json";
  auto loaded = fakelens::RulePack::load(pack);
  REQUIRE(loaded.ok());
  fakelens::Scorer scorer(loaded.pack);
  auto disguised = [&](const char* title) {
    auto listing = fakelens::parse_listing(std::string(R"({"title":")") + title + R"("})");
    const auto verdict = scorer.score(listing.value());
    return find_evidence(verdict, "brand.disguise") != nullptr;
  };
  CHECK_FALSE(disguised("Chanel N°5 Eau de Parfum"));
  CHECK_FALSE(disguised("Tiffany & Co necklace"));
  CHECK_FALSE(disguised("Tiffany Co necklace"));
  CHECK(disguised("Patek Phillipe Nautilus"));
}

TEST_CASE("regression: numbers that fit a brand's look-alike classes are not the brand") {
  CHECK(fakelens::internal::looks_like_a_word("n1ke"));
  CHECK(fakelens::internal::looks_like_a_word("r0l3x"));
  CHECK(fakelens::internal::looks_like_a_word("ｇｕｃｃｉ"));
  CHECK_FALSE(fakelens::internal::looks_like_a_word("| 3900"));
  CHECK_FALSE(fakelens::internal::looks_like_a_word("1e90"));
}

TEST_CASE("regression: a brand spelled with digits as listed is a mention, not a number") {
  // "rtx 4090" has more digits than letters; it was dropped as "a number", so an RTX 4090
  // at $59.99 escaped the price floor (found with the Newegg fixture, issue 4).
  const auto* pack = R"json({"schemaVersion":1,"id":"t","version":"1","description":"d",
    "thresholds":{"medium":35,"high":70},
    "exchangeRates":{"asOf":"2026-11-01","source":"test","perUsd":{"USD":1}},
    "brands":[{"name":"Nvidia GeForce","match":["rtx 4090"],"category":"computers",
               "floor":{"minUsd":600,"products":"rtx 4090|graphics card"}}],
    "brandDisguise":{"id":"brand.disguise","weight":0.7,"message":"{brand}","description":"d"},
    "priceFloors":{"id":"pricing.below-floor","tiers":[{"maxRatio":0.25,"weight":0.55}],"usedFactor":0.5,
      "accessoryPattern":"\\bcase\\b","message":"{product}","description":"d","floors":[]}})json";
  auto loaded = fakelens::RulePack::load(pack);
  for (const auto& problem : loaded.problems) MESSAGE(problem.path << ": " << problem.message);
  REQUIRE(loaded.ok());
  fakelens::Scorer scorer(loaded.pack);
  const auto verdict = scorer.score(
      fakelens::parse_listing(R"({"title":"RTX 4090 24GB Graphics Card","price":{"amount":59.99,"currency":"USD"}})").value());
  REQUIRE(find_evidence(verdict, "pricing.below-floor"));
  CHECK(find_evidence(verdict, "brand.disguise") == nullptr);
}
