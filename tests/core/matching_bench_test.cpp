#include "fakelens/matching_bench.h"

#include <doctest/doctest.h>

#include "test_support.h"

TEST_CASE("matching is measured over the titles of valid listings, every round") {
  const auto pack = fakelens::testing::default_pack();
  const std::string jsonl =
      "{\"title\":\"AAA replica Rolex watch\"}\n"
      "not json\n"
      "{\"title\":\"Plain cotton shirt\"}\n"
      "{\"title\":\"N1ke running shoes\"}";
  const fakelens::MatchingRun once = fakelens::measure_matching(*pack, jsonl, 1);
  CHECK(once.titles == 3);
  CHECK(once.bytes == std::string("aaa replica rolex watch").size() + std::string("plain cotton shirt").size() +
                          std::string("n1ke running shoes").size());
  CHECK(once.hits >= 3);  // the replica wording, Rolex, N1ke
  CHECK(once.seconds >= 0);
  const fakelens::MatchingRun thrice = fakelens::measure_matching(*pack, jsonl, 3);
  CHECK(thrice.bytes == 3 * once.bytes);
  CHECK(thrice.hits == 3 * once.hits);
  CHECK(once.scan_hits >= 3);
  CHECK(thrice.scan_hits == 3 * once.scan_hits);
  CHECK(fakelens::measure_matching(*pack, "", 5).titles == 0);
}
