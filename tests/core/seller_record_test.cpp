// The seller credit record: counts, decay, determinism, bad events, and the seller
// evidence it becomes in a verdict.
#include "fakelens/seller_record.h"

#include <doctest/doctest.h>

#include "fakelens/listing.h"
#include "fakelens/rule_pack.h"
#include "fakelens/scorer.h"

namespace {

fakelens::SellerRecord record_of(const char* json) {
  auto history = fakelens::parse_seller_history(json);
  REQUIRE_MESSAGE(history.ok(), (history.ok() ? "" : history.error().message));
  return fakelens::compute_seller_record(history.value());
}

}  // namespace

TEST_CASE("dates and UTC times become calendar days; anything else is refused") {
  CHECK(fakelens::parse_day("1970-01-01") == 0);
  CHECK(fakelens::parse_day("2026-11-28") == 20785);
  CHECK(fakelens::parse_day("2026-11-28T23:59:59Z") == 20785);
  CHECK(fakelens::parse_day("2026-11-28T23:30:00.123-01:00") == 20786);  // 00:30 UTC the next day
  CHECK(fakelens::parse_day("2026-11-29T00:30:00+01:00") == 20785);
  CHECK(fakelens::parse_day("2024-02-29") == fakelens::parse_day("2024-02-28").value() + 1);
  CHECK(fakelens::format_day(20785) == "2026-11-28");
  for (const char* bad : {"", "2026-11-28T10:00:00", "2026-13-01", "2025-02-29", "1969-12-31", "2026-11-28T24:00Z",
                          "2026-11-28 10:00:00Z", "yesterday", "2026-11-28T10:00:00Zjunk", "+2026-11-28"}) {
    CHECK_MESSAGE(!fakelens::parse_day(bad), bad);
  }
}

TEST_CASE("no events: full credit; reports cost most and saturate") {
  CHECK(record_of(R"({"asOf":"2026-11-28","events":[]})").credit == 100);
  CHECK(record_of(R"({"asOf":"2026-11-28","events":[{"type":"report","at":"2026-11-28"}]})").credit == 70);
  CHECK(record_of(R"({"asOf":"2026-11-28","events":[{"type":"report","at":"2026-11-28","count":2}]})").credit == 60);
  CHECK(record_of(R"({"asOf":"2026-11-28","events":[{"type":"report","at":"2026-11-28","count":1000}]})").credit == 40);
}

TEST_CASE("the share of listings seen at high lowers credit, trusted more with more listings seen") {
  const auto few = record_of(R"({"asOf":"2026-11-28","events":[
      {"type":"seen","at":"2026-11-28","count":2},{"type":"seenHigh","at":"2026-11-28","count":1}]})");
  const auto many = record_of(R"({"asOf":"2026-11-28","events":[
      {"type":"seen","at":"2026-11-28","count":40},{"type":"seenHigh","at":"2026-11-28","count":20}]})");
  CHECK(few.credit == 90);   // 40 * 1 / (2 + 2) = 10
  CHECK(many.credit == 81);  // 40 * 20 / 42 = 19.05
  CHECK(many.seen == 40);
  CHECK(many.seen_high == 20);
  // High listings are listings seen, even when only seenHigh was stored.
  CHECK(record_of(R"({"asOf":"2026-11-28","events":[{"type":"seenHigh","at":"2026-11-28","count":3}]})").seen == 3);
}

TEST_CASE("older events weigh less: a report from 90 days ago counts half") {
  const auto today = record_of(R"({"asOf":"2026-11-28","events":[{"type":"report","at":"2026-11-28"}]})");
  const auto old = record_of(R"({"asOf":"2026-11-28","events":[{"type":"report","at":"2026-08-30"}]})");
  const auto older = record_of(R"({"asOf":"2026-11-28","events":[{"type":"report","at":"2025-11-28"}]})");
  CHECK(today.credit == 70);
  CHECK(old.credit == 80);     // weight 0.5: 60 * 0.5 / 1.5 = 20
  CHECK(older.credit > old.credit);
  CHECK(older.reports == 1);   // the counts a shopper reads are not decayed
  // An event dated after asOf counts as today, not more.
  CHECK(record_of(R"({"asOf":"2026-11-28","events":[{"type":"report","at":"2027-01-01"}]})").credit == 70);
}

TEST_CASE("an official store's credit suffers half as much") {
  const auto store = record_of(R"({"asOf":"2026-11-28","events":[
      {"type":"report","at":"2026-11-28","count":2},{"type":"official","at":"2026-11-01"}]})");
  CHECK(store.official);
  CHECK(store.credit == 80);
}

TEST_CASE("deterministic: event order does not matter, and first and last seen are days") {
  const auto a = record_of(R"({"asOf":"2026-11-28","events":[
      {"type":"report","at":"2026-10-01"},{"type":"seen","at":"2026-11-02","count":7},{"type":"seenHigh","at":"2026-06-15","count":3}]})");
  const auto b = record_of(R"({"asOf":"2026-11-28","events":[
      {"type":"seenHigh","at":"2026-06-15","count":3},{"type":"seen","at":"2026-11-02","count":7},{"type":"report","at":"2026-10-01"}]})");
  CHECK(a.credit == b.credit);
  // report 58 days old: 60 * 0.608 / 1.608 = 22.7; 3 high of 7 seen, decayed: 40 * 1.055 / 7.43 = 5.7
  CHECK(fakelens::dump_compact(fakelens::seller_record_to_json(a)) ==
        R"({"reports":1,"seen":7,"seenHigh":3,"official":false,"firstSeen":"2026-06-15","lastSeen":"2026-11-02","credit":72})");
}

TEST_CASE("bad events are errors with the field's path, never guesses") {
  struct Case { const char* json; const char* code; const char* path; };
  for (const Case& c : {
           Case{R"([])", "wrong_type", "history"},
           Case{R"({"events":[]})", "wrong_type", "asOf"},
           Case{R"({"asOf":"soon","events":[]})", "bad_value", "asOf"},
           Case{R"({"asOf":"2026-11-28"})", "wrong_type", "events"},
           Case{R"({"asOf":"2026-11-28","events":[3]})", "wrong_type", "events[0]"},
           Case{R"({"asOf":"2026-11-28","events":[{"type":"like","at":"2026-11-28"}]})", "bad_value", "events[0].type"},
           Case{R"({"asOf":"2026-11-28","events":[{"type":"seen"}]})", "bad_value", "events[0].at"},
           Case{R"({"asOf":"2026-11-28","events":[{"type":"seen","at":"2026-11-28","count":0}]})", "bad_value", "events[0].count"},
           Case{R"({"asOf":"2026-11-28","events":[{"type":"seen","at":"2026-11-28","count":1.5}]})", "wrong_type", "events[0].count"},
           Case{R"({"asOf":"2026-11-28","events":[{"type":"seen","at":"2026-11-28","count":18446744073709551615}]})", "bad_value", "events[0].count"},
       }) {
    const auto history = fakelens::parse_seller_history(c.json);
    REQUIRE_MESSAGE(!history.ok(), c.json);
    CHECK_MESSAGE(history.error().code == c.code, c.json);
    CHECK_MESSAGE(history.error().message.find(c.path) == 0, history.error().message);
  }
  std::string many = R"({"asOf":"2026-11-28","events":[)";
  for (int i = 0; i < 2001; ++i) many += std::string(i ? "," : "") + R"({"type":"seen","at":"2026-11-28"})";
  many += "]}";
  const auto too_many = fakelens::parse_seller_history(many);
  REQUIRE(!too_many.ok());
  CHECK(too_many.error().code == std::string("too_large"));
}

TEST_CASE("in a listing, the record becomes seller evidence that raises the score") {
  auto pack = fakelens::RulePack::load(fakelens::default_rule_pack_json());
  REQUIRE(pack.ok());
  fakelens::Scorer scorer(pack.pack);
  const auto before = scorer.score(fakelens::parse_listing(R"({"title":"Wireless earbuds","seller":{"name":"Shop A"}})").value());
  const auto after = scorer.score(fakelens::parse_listing(R"({"title":"Wireless earbuds","seller":{"name":"Shop A",
      "history":{"asOf":"2026-11-28","events":[{"type":"report","at":"2026-11-20"},{"type":"report","at":"2026-11-27"}]}}})").value());
  CHECK(before.score == 0);
  CHECK(after.score == 39);  // reports 8 days and 1 day old: 60 * 1.907 / 2.907 = 39.4
  CHECK(after.level == fakelens::Level::kMedium);
  REQUIRE(after.evidence.size() == 1);
  CHECK(after.evidence[0].rule == "seller.record");
  CHECK(after.evidence[0].field == fakelens::Field::kSeller);
  CHECK(after.evidence[0].message == "You reported this seller twice (your FakeLens credit for this seller: 61 of 100).");

  // The record alone never makes a listing high: its weight is capped.
  const auto worst = scorer.score(fakelens::parse_listing(R"({"title":"Wireless earbuds","seller":{"name":"Shop A",
      "history":{"asOf":"2026-11-28","events":[{"type":"report","at":"2026-11-28","count":50},
      {"type":"seen","at":"2026-11-28","count":50},{"type":"seenHigh","at":"2026-11-28","count":50}]}}})").value());
  CHECK(worst.level == fakelens::Level::kMedium);

  // A bad history is the listing's error, with its path.
  const auto bad = fakelens::parse_listing(R"({"title":"x","seller":{"history":{"asOf":"2026-11-28","events":[{"type":"seen","at":"later"}]}}})");
  REQUIRE(!bad.ok());
  CHECK(bad.error().message.rfind("seller.history.events[0].at", 0) == 0);
}
