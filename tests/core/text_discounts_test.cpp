#include "signals/text_discounts.h"

#include <doctest/doctest.h>

#include "fakelens/json_reader.h"
#include "signal_pack.h"
#include "test_support.h"

using fakelens::internal::parse_price_text;
using fakelens::testing::find_evidence;
using fakelens::testing::score_with_signals;

TEST_CASE("prices in text parse with either decimal convention") {
  CHECK(*parse_price_text("999") == 999);
  CHECK(*parse_price_text("19.99") == doctest::Approx(19.99));
  CHECK(*parse_price_text("1,299.99") == doctest::Approx(1299.99));
  CHECK(*parse_price_text("1.299,99") == doctest::Approx(1299.99));
  CHECK(*parse_price_text("1,299") == 1299);
  CHECK_FALSE(parse_price_text("12a").has_value());
}

// The table the extension's reader passes too (tests/extension/price_text.test.mjs): both
// readers must read every amount the same way.
TEST_CASE("prices in text read as the shared table of price amounts says") {
  const std::string text = fakelens::testing::read_source_file("tests/data/price-amount-cases.json");
  auto parsed = fakelens::read_json(text, 1u << 20, 8, "price amount cases");
  REQUIRE(parsed.ok());
  // Checked before every read: exceptions are off, so a malformed row must fail, not abort.
  REQUIRE(parsed.value().is_object());
  REQUIRE(parsed.value().contains("cases"));
  const fakelens::Json& cases = parsed.value()["cases"];
  REQUIRE(cases.is_array());
  CHECK(cases.size() >= 20);
  for (const fakelens::Json& item : cases) {
    REQUIRE(item.is_object());
    REQUIRE((item.contains("text") && item["text"].is_string()));
    REQUIRE((item.contains("amount") && (item["amount"].is_null() || item["amount"].is_number())));
    const std::string amount_text = item["text"].get<std::string>();
    const auto amount = parse_price_text(amount_text);
    CAPTURE(amount_text);
    if (item["amount"].is_null()) {
      CHECK_FALSE(amount.has_value());
    } else {
      REQUIRE(amount.has_value());
      CHECK(*amount == item["amount"].get<double>());
    }
  }
}

TEST_CASE("'was X now Y' in the text is a discount claim") {
  const auto verdict = score_with_signals(R"({"title":"Designer watch","description":"Was $999 now $19!"})");
  const auto* evidence = find_evidence(verdict, "pricing.text-discount");
  REQUIRE(evidence);
  CHECK(evidence->field == fakelens::Field::kDescription);
  CHECK(evidence->args["percent"] == 98);
  CHECK(*evidence->match == "Was $999 now $19");
  CHECK_FALSE(find_evidence(score_with_signals(R"({"title":"was $30 now $25"})"), "pricing.text-discount"));
}

TEST_CASE("the crossed-out list price needs the same currency and a real price") {
  const auto verdict = score_with_signals(
      R"({"title":"W","price":{"amount":10,"currency":"USD"},"listPrice":{"amount":999,"currency":"USD"}})");
  CHECK(verdict.evidence.empty());  // the signal pack has no crossed-out discount rule
}
