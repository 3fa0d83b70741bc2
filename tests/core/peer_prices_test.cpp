// Page-peer prices (peerPriceRule) through the shipped pack and Scorer::score_batch.
// Every listing here is constructed.
#include "signals/peer_prices.h"

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "fakelens/limits.h"
#include "fakelens/scorer.h"
#include "fakelens/verdict.h"
#include "test_support.h"

using fakelens::Evidence;
using fakelens::Listing;
using fakelens::Scorer;
using fakelens::Verdict;

namespace {

constexpr const char* kRule = "pricing.below-page-peers";

Listing listing(const std::string& id, const std::string& title, double amount, const std::string& currency = "USD",
                std::optional<fakelens::Condition> condition = std::nullopt) {
  Listing l;
  l.id = id;
  l.title = title;
  l.price = fakelens::Money{amount, currency};
  l.condition = condition;
  return l;
}

// Seven honest listings of one product: their median is 1000 USD.
std::vector<Listing> seven_peers(std::optional<fakelens::Condition> condition = std::nullopt) {
  std::vector<Listing> peers;
  int n = 0;
  for (const double price : {950.0, 980.0, 999.0, 1000.0, 1010.0, 1049.0, 1099.0}) {
    peers.push_back(listing("peer" + std::to_string(n++),
                            n % 2 ? "Apple iPhone 15 Pro 256GB Natural Titanium" : "iPhone 15 Pro 256 GB unlocked", price,
                            "USD", condition));
  }
  return peers;
}

const Evidence* peer_evidence(const Verdict& verdict) {
  for (const Evidence& e : verdict.evidence) {
    if (e.rule == kRule) return &e;
  }
  return nullptr;
}

const Scorer& scorer() {
  static const Scorer s(fakelens::testing::default_pack());
  return s;
}

Verdict last_of(std::vector<Listing> batch) { return scorer().score_batch(batch).back(); }

}  // namespace

TEST_CASE("a listing at 18% of the median of its 7 peers is a price anomaly") {
  auto batch = seven_peers();
  batch.push_back(listing("cheap", "iPhone 15 Pro 256GB", 185));
  const auto verdicts = scorer().score_batch(batch);
  const Evidence* evidence = peer_evidence(verdicts.back());
  REQUIRE(evidence);
  CHECK(evidence->category == fakelens::Category::kPricing);
  CHECK(evidence->field == fakelens::Field::kPrice);
  CHECK(evidence->weight == doctest::Approx(0.45));
  CHECK(evidence->args["percent"] == 18);
  CHECK(evidence->args["count"] == 7);
  CHECK(evidence->args["product"] == "Apple 15 256");
  CHECK(evidence->message == "Priced at 18% of the median of 7 other listings of this product (Apple 15 256) on this page.");
  // The honest ones are not below their peers.
  for (std::size_t i = 0; i + 1 < verdicts.size(); ++i) CHECK_FALSE(peer_evidence(verdicts[i]));
}

TEST_CASE("the second tier and no tier") {
  auto batch = seven_peers();
  batch.push_back(listing("a", "iPhone 15 Pro 256GB", 350));  // 35%
  const Verdict verdict = last_of(batch);  // kept: the evidence points into it
  const Evidence* evidence = peer_evidence(verdict);
  REQUIRE(evidence);
  CHECK(evidence->weight == doctest::Approx(0.3));
  batch.back() = listing("b", "iPhone 15 Pro 256GB", 700);  // 70%: a discount, not an anomaly
  CHECK_FALSE(peer_evidence(last_of(batch)));
}

TEST_CASE("prices in other currencies are compared in US dollars") {
  auto batch = seven_peers();
  batch.push_back(listing("jpy", "iPhone 15 Pro 256GB", 27000, "JPY"));  // under 200 USD
  CHECK(peer_evidence(last_of(batch)));
  batch.back() = listing("xaf", "iPhone 15 Pro 256GB", 27000, "XAF");  // no rate: no price to compare
  CHECK_FALSE(peer_evidence(last_of(batch)));
}

TEST_CASE("silent with fewer than four other listings of the product") {
  auto batch = seven_peers();
  batch.resize(3);
  batch.push_back(listing("cheap", "iPhone 15 Pro 256GB", 185));
  CHECK_FALSE(peer_evidence(last_of(batch)));
  batch.insert(batch.begin(), listing("fourth", "iPhone 15 Pro 256GB", 1000));
  CHECK(peer_evidence(last_of(batch)));
}

TEST_CASE("other products, storage sizes and brands are not peers") {
  auto batch = seven_peers();
  batch.push_back(listing("other size", "iPhone 15 Pro 128GB", 185));
  batch.push_back(listing("other model", "iPhone 13 256GB", 185));
  batch.push_back(listing("other brand", "Samsung Galaxy S23 256GB", 185));
  batch.push_back(listing("no model", "Apple iPhone", 185));
  batch.push_back(listing("no brand", "Phone 15 Pro 256GB", 185));
  for (const Verdict& verdict : scorer().score_batch(batch)) CHECK_FALSE(peer_evidence(verdict));
}

TEST_CASE("accessories are not judged and are not peers; second-hand only among second-hand") {
  auto batch = seven_peers();
  batch.push_back(listing("case", "Case for iPhone 15 Pro 256GB", 12));
  CHECK_FALSE(peer_evidence(last_of(batch)));
  // Cheap cases do not pull a product's median down.
  std::vector<Listing> cases;
  for (int i = 0; i < 7; ++i) cases.push_back(listing("c" + std::to_string(i), "Case for iPhone 15 Pro 256GB", 10));
  cases.push_back(listing("phone", "iPhone 15 Pro 256GB", 950));
  CHECK_FALSE(peer_evidence(last_of(cases)));

  // A used phone among new ones has no peers.
  batch = seven_peers();
  batch.push_back(listing("used", "iPhone 15 Pro 256GB", 185, "USD", fakelens::Condition::kUsed));
  CHECK_FALSE(peer_evidence(last_of(batch)));
  // Among used ones it is judged, at the price floors' usedFactor (0.5).
  batch = seven_peers(fakelens::Condition::kUsed);
  batch.push_back(listing("used", "iPhone 15 Pro 256GB", 185, "USD", fakelens::Condition::kRefurbished));
  const Verdict verdict = last_of(batch);  // kept: the evidence points into it
  const Evidence* evidence = peer_evidence(verdict);
  REQUIRE(evidence);
  CHECK(evidence->weight == doctest::Approx(0.225));
}

TEST_CASE("the order of the batch does not change any verdict") {
  auto batch = seven_peers();
  batch.push_back(listing("cheap", "iPhone 15 Pro 256GB", 185));
  batch.push_back(listing("cheap2", "iPhone 15 Pro 256GB", 300));
  batch.push_back(listing("same", "iPhone 15 Pro 256GB", 1000));  // ties with a peer
  batch.push_back(listing("case", "Case for iPhone 15 Pro 256GB", 12));
  auto by_id = [](const std::vector<Listing>& listings) {
    const auto verdicts = scorer().score_batch(listings);
    std::vector<std::pair<std::string, std::string>> out;
    for (const Verdict& v : verdicts) out.emplace_back(*v.id, fakelens::verdict_json_text(v));
    std::sort(out.begin(), out.end());
    return out;
  };
  const auto expected = by_id(batch);
  int fired = 0;
  for (const auto& [id, json] : expected) fired += json.find(kRule) != std::string::npos;
  CHECK(fired == 2);
  std::reverse(batch.begin(), batch.end());
  CHECK(by_id(batch) == expected);
  for (int i = 0; i < 5; ++i) {
    std::rotate(batch.begin(), batch.begin() + 3, batch.end());
    std::swap(batch[1], batch[6]);
    CHECK(by_id(batch) == expected);
  }
}

TEST_CASE("never fires on a listing scored alone") {
  const auto cheap = listing("cheap", "iPhone 15 Pro 256GB", 185);
  CHECK_FALSE(peer_evidence(scorer().score(cheap)));
  CHECK_FALSE(peer_evidence(scorer().score_batch({cheap}).front()));
  const std::string line = R"({"title":"iPhone 15 Pro 256GB","price":{"amount":185,"currency":"USD"}})";
  CHECK(scorer().score_json(line).find(kRule) == std::string::npos);
}

TEST_CASE("JSON Lines are one batch; lines that are errors take no part") {
  std::string jsonl;
  for (const double price : {950, 980, 999, 1000, 1010, 1049, 1099}) {
    jsonl += R"({"title":"iPhone 15 Pro 256GB","price":{"amount":)" + std::to_string(price) + R"(,"currency":"USD"}})" "\n";
  }
  jsonl += "{not json\n";
  jsonl += R"({"id":"cheap","title":"iPhone 15 Pro 256GB","price":{"amount":185,"currency":"USD"}})";
  std::size_t errors = 0;
  const std::string out = scorer().score_json_lines(jsonl, 1, &errors);
  CHECK(errors == 1);
  const std::string last = out.substr(out.rfind('\n') + 1);
  CHECK(last.find(kRule) != std::string::npos);
  CHECK(last.find("\"count\":7") != std::string::npos);
  CHECK(out.find("\"line\":8") != std::string::npos);
}

TEST_CASE("bounded: 2,000 listings in one batch, one product, scored in near linear time") {
  std::vector<Listing> batch;
  for (int i = 0; i < 1990; ++i) batch.push_back(listing("p" + std::to_string(i), "iPhone 15 Pro 256GB", 900 + i % 200));
  for (int i = 0; i < 10; ++i) batch.push_back(listing("cheap" + std::to_string(i), "iPhone 15 Pro 256GB", 150 + i));
  const auto start = std::chrono::steady_clock::now();
  const auto verdicts = scorer().score_batch(batch);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(verdicts.size() == 2000);
  int fired = 0;
  for (const Verdict& v : verdicts) fired += peer_evidence(v) != nullptr;
  CHECK(fired == 10);
  CHECK(peer_evidence(verdicts.back())->args["count"] == 1999);
  // Scoring 2,000 listings alone takes well under this on any machine; a quadratic batch
  // pass (4 million median computations over copied vectors) would not.
  CHECK(seconds < 10.0);

  // Longer JSON Lines inputs are consecutive batches of limits::kMaxBatchListings lines.
  std::string jsonl;
  for (std::size_t i = 0; i <= fakelens::limits::kMaxBatchListings; ++i) jsonl += R"({"title":"x"})" "\n";
  const std::string out = scorer().score_json_lines(jsonl);
  CHECK(static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n')) == fakelens::limits::kMaxBatchListings);
}

TEST_CASE("model tokens and the others' median") {
  using fakelens::internal::median_without;
  using fakelens::internal::model_tokens;
  CHECK(model_tokens("apple iphone 15 pro 256gb natural titanium") == std::vector<std::string>{"15", "256"});
  CHECK(model_tokens("iphone 15 pro, 256 gb (unlocked)") == std::vector<std::string>{"15", "256"});
  CHECK(model_tokens("corsair k70 rgb") == std::vector<std::string>{"k70"});
  CHECK(model_tokens("iphone 14 pro 256\xd0\xb3\xd0\xb1") == std::vector<std::string>{"14", "256"});  // 256гб
  CHECK(model_tokens("iphone pro").empty());
  CHECK(model_tokens("iphone 6s 16gb 32gb 64gb 128gb 2 3 4 5 6").empty());  // many variants
  CHECK(model_tokens("sn 0123456789abcdef0123 iphone 12") == std::vector<std::string>{"12"});
  CHECK(model_tokens("rolex replica 1:1 100% aaa") .empty());
  CHECK(model_tokens("90%n ew apple iphone 5s") == std::vector<std::string>{"5s"});

  const std::vector<double> sorted{1, 2, 3, 10, 20};
  CHECK(median_without(sorted, 0) == doctest::Approx(6.5));   // 2 3 10 20
  CHECK(median_without(sorted, 2) == doctest::Approx(6));     // 1 2 10 20
  CHECK(median_without(sorted, 4) == doctest::Approx(2.5));   // 1 2 3 10
  CHECK(median_without({5, 7}, 0) == 7);
}
