#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "fakelens/json_reader.h"
#include "fakelens/limits.h"
#include "fakelens/listing.h"
#include "fakelens/scorer.h"
#include "fakelens/verdict.h"
#include "test_support.h"

using fakelens::dump_compact;
using fakelens::OrderedJson;
using fakelens::verdict_json_text;

namespace {

// The verdict as a JSON tree, the way the core built it before it wrote text directly:
// the reference the writer's bytes are held to.
OrderedJson verdict_tree(const fakelens::Verdict& verdict) {
  OrderedJson out = OrderedJson::object();
  if (verdict.id) out["id"] = *verdict.id;
  out["score"] = verdict.score;
  out["level"] = fakelens::level_name(verdict.level);
  OrderedJson categories = OrderedJson::object();
  for (int c = 0; c < fakelens::kCategoryCount; ++c) {
    categories[fakelens::category_name(static_cast<fakelens::Category>(c))] = verdict.categories[c];
  }
  out["categories"] = std::move(categories);
  OrderedJson evidence = OrderedJson::array();
  for (const fakelens::Evidence& item : verdict.evidence) {
    OrderedJson e = OrderedJson::object();
    e["rule"] = item.rule;
    e["category"] = fakelens::category_name(item.category);
    e["weight"] = item.weight;
    e["field"] = fakelens::field_name(item.field);
    if (item.span) e["span"] = {{"start", item.span->start}, {"end", item.span->end}};
    if (item.match) e["match"] = *item.match;
    e["message"] = item.message;
    e["messageId"] = item.message_id;
    e["args"] = item.args;
    evidence.push_back(std::move(e));
  }
  out["evidence"] = std::move(evidence);
  out["rules"] = {{"id", verdict.rules_id}, {"version", verdict.rules_version}};
  return out;
}

// The direct writer must give the bytes nlohmann's dump of the JSON tree gives.
void check_same_bytes(const fakelens::Verdict& verdict) {
  CHECK(verdict_json_text(verdict) == dump_compact(verdict_tree(verdict)));
}

fakelens::Verdict with_evidence() {
  fakelens::Verdict verdict;
  verdict.score = 73;
  verdict.level = fakelens::Level::kHigh;
  verdict.categories[0] = 60;
  verdict.categories[2] = 13;
  fakelens::Evidence evidence;
  evidence.rule = "replica.en.replica";
  evidence.weight = 0.35;
  evidence.span = fakelens::Span{3, 10};
  evidence.match = "re\"pl\\ica";
  evidence.message = "Says \"replica\"";
  evidence.message_id = "replica";
  evidence.args["match"] = "replica";
  verdict.evidence.push_back(evidence);
  evidence.weight = 1.0;
  evidence.span.reset();
  evidence.match.reset();
  verdict.evidence.push_back(evidence);
  verdict.rules_id = "fakelens-default";
  verdict.rules_version = "1.1.1";
  return verdict;
}

}  // namespace

TEST_CASE("a verdict's JSON text is the dump of its JSON tree, for every kind of string") {
  fakelens::Verdict verdict = with_evidence();
  check_same_bytes(verdict);
  verdict.evidence.clear();
  check_same_bytes(verdict);

  std::string every_ascii_byte;
  for (int byte = 1; byte < 0x80; ++byte) every_ascii_byte.push_back(static_cast<char>(byte));
  const std::string ids[] = {
      "",
      every_ascii_byte,
      "quote \" backslash \\ slash / tab \t newline \n nul-free",
      "caf\xC3\xA9 \xE9\xAB\x98\xE4\xBB\xBF \xF0\x9F\x98\x80",  // é, 高仿, an emoji
      "\x7F delete stays raw",
      "lone byte \xFF",       // not UTF-8: nlohmann's replace handler decides
      "cut \xE4\xB8",          // a character cut short
      "overlong \xC0\xAF",
  };
  for (const std::string& id : ids) {
    CAPTURE(id);
    verdict.id = id;
    check_same_bytes(verdict);
    verdict.rules_id = id;
    verdict.rules_version = id;
    check_same_bytes(verdict);
  }
}

TEST_CASE("the scorer's verdict text matches the JSON tree's dump on the test listings") {
  const fakelens::Scorer scorer(fakelens::testing::default_pack());
  std::size_t compared = 0;
  std::size_t with_evidence_count = 0;
  for (const char* file : {"tests/data/conformance-listings.jsonl", "tests/data/labelled-listings.jsonl"}) {
    std::istringstream lines(fakelens::testing::read_source_file(file));
    std::string line;
    while (std::getline(lines, line)) {
      auto parsed = fakelens::read_json(line, fakelens::limits::kMaxListingBytes,
                                        fakelens::limits::kMaxListingDepth, "listing");
      if (!parsed.ok()) continue;
      auto listing = fakelens::listing_from_json(parsed.value());
      if (!listing.ok()) continue;
      const fakelens::Verdict verdict = scorer.score(listing.value());
      CAPTURE(line);
      check_same_bytes(verdict);
      CHECK(scorer.score_json(line) == verdict_json_text(verdict));
      ++compared;
      if (!verdict.evidence.empty()) ++with_evidence_count;
    }
  }
  CHECK(compared > 800);
  CHECK(with_evidence_count > 200);
}
