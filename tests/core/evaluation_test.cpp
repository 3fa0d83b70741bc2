#include "fakelens/evaluation.h"

#include <doctest/doctest.h>

using fakelens::EvaluationTally;
using fakelens::Level;
using fakelens::parse_labelled_listing;

TEST_CASE("labelled listings need a known label and known tags") {
  auto ok = parse_labelled_listing(R"({"title":"t","label":"suspicious","tags":["counterfeit"],"source":"x"})");
  REQUIRE(ok.ok());
  CHECK(ok.value().suspicious);
  CHECK(ok.value().tags.size() == 1);
  CHECK(parse_labelled_listing(R"({"title":"t","label":"maybe"})").error().code == "bad_value");
  CHECK(parse_labelled_listing(R"({"title":"t"})").error().code == "bad_value");
  CHECK(parse_labelled_listing(R"({"title":"t","label":"benign","tags":["weird"]})").error().code == "bad_value");
  CHECK(parse_labelled_listing(R"({"title":"","label":"benign"})").error().code == "empty_title");
}

TEST_CASE("precision, recall, F1 and FPR per level") {
  EvaluationTally tally;
  auto suspicious = parse_labelled_listing(R"({"title":"t","label":"suspicious","tags":["counterfeit"]})").value();
  auto benign = parse_labelled_listing(R"({"title":"t","label":"benign","tags":["hard-negative"]})").value();
  tally.add(suspicious, Level::kHigh);
  tally.add(suspicious, Level::kMedium);
  tally.add(suspicious, Level::kLow);
  tally.add(suspicious, Level::kHigh);
  tally.add(benign, Level::kLow);
  tally.add(benign, Level::kMedium);
  tally.add(benign, Level::kLow);
  tally.add(benign, Level::kLow);
  tally.add_error();
  const auto json = tally.to_json();
  CHECK(json["listings"] == 8);
  CHECK(json["errors"] == 1);
  const auto& medium = json["levels"]["medium"];
  CHECK(medium["tp"] == 3);
  CHECK(medium["fp"] == 1);
  CHECK(medium["precision"].get<double>() == doctest::Approx(0.75));
  CHECK(medium["recall"].get<double>() == doctest::Approx(0.75));
  CHECK(medium["fpr"].get<double>() == doctest::Approx(0.25));
  const auto& high = json["levels"]["high"];
  CHECK(high["precision"].get<double>() == doctest::Approx(1.0));
  CHECK(high["recall"].get<double>() == doctest::Approx(0.5));
  CHECK(high["f1"].get<double>() == doctest::Approx(0.667));
  CHECK(json["tags"]["counterfeit"]["high"]["recall"].get<double>() == doctest::Approx(0.5));
  CHECK(json["tags"]["hard-negative"]["benignFprMedium"].get<double>() == doctest::Approx(0.25));
  const std::string table = tally.to_table();
  CHECK(table.find(">=medium") != std::string::npos);
  CHECK(table.find("hard-negative") != std::string::npos);
}

TEST_CASE("an empty tally reports no rates rather than dividing by zero") {
  EvaluationTally tally;
  const auto json = tally.to_json();
  CHECK(json["levels"]["high"]["precision"].is_null());
  CHECK(tally.to_table().find("-") != std::string::npos);
}
