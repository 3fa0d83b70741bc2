#include "fakelens/rule_pack.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "fakelens/limits.h"
#include "fakelens/scorer.h"
#include "fakelens/text_normalizer.h"
#include "pack/sha256.h"
#include "signals/signal_kind.h"
#include "test_support.h"

using fakelens::RulePack;

namespace {

const char* kMinimalRule = R"({
  "id": "replica.en.test", "category": "counterfeit", "weight": 0.5, "fields": ["title"],
  "pattern": "\\breplica\\b", "message": "The {field} says {match}.", "description": "test rule",
  "examples": {"match": ["Replica bag"], "noMatch": ["Real bag"]}})";

std::string pack_with(const std::string& rules, const std::string& extra = "") {
  return R"({"schemaVersion":1,"id":"test-pack","version":"1","description":"d",)"
         R"("thresholds":{"medium":30,"high":60},"textRules":[)" + rules + "]" + extra + "}";
}

bool has_problem(const fakelens::RulePackLoad& loaded, const std::string& path_part,
                 const std::string& message_part = "") {
  return std::any_of(loaded.problems.begin(), loaded.problems.end(), [&](const auto& p) {
    return p.path.find(path_part) != std::string::npos &&
           p.message.find(message_part) != std::string::npos;
  });
}

}  // namespace

TEST_CASE("a minimal pack loads and reports what it holds") {
  auto loaded = RulePack::load(pack_with(kMinimalRule));
  REQUIRE(loaded.ok());
  CHECK(loaded.pack->id() == "test-pack");
  CHECK(loaded.pack->thresholds().high == 60);
  CHECK(fakelens::testing::text_rules_of(*loaded.pack).rules().size() == 1);
  CHECK(loaded.pack->summary()["counts"]["textRules"] == 1);
}

TEST_CASE("a pack of another schema version is rejected") {
  std::string text = pack_with(kMinimalRule);
  text.replace(text.find("\"schemaVersion\":1"), 17, "\"schemaVersion\":2");
  auto loaded = RulePack::load(text);
  CHECK_FALSE(loaded.ok());
  CHECK(has_problem(loaded, "$.schemaVersion", "must be 1"));
}

TEST_CASE("every problem is listed, not just the first") {
  const std::string bad_rules =
      R"({"id":"Bad Id","category":"fakery","weight":2,"fields":["price"],"pattern":"(unclosed",)"
      R"("message":"{nope}","description":"x","examples":{"match":["a"],"noMatch":["b"]}},)"
      R"({"id":"replica.en.test","category":"counterfeit","weight":0.5,"fields":["title"],)"
      R"("pattern":"replica","message":"m","description":"d","examples":{"match":["nothing here"],"noMatch":["replica"]},"paterns":1})";
  auto loaded = RulePack::load(pack_with(bad_rules, R"(,"thresholds2":1)"));
  CHECK_FALSE(loaded.ok());
  CHECK(has_problem(loaded, "textRules[0].id", "dotted"));
  CHECK(has_problem(loaded, "textRules[0].category"));
  CHECK(has_problem(loaded, "textRules[0].weight"));
  CHECK(has_problem(loaded, "textRules[0].fields", "price"));
  CHECK(has_problem(loaded, "textRules[0].pattern", "RE2"));
  CHECK(has_problem(loaded, "textRules[0].message", "{nope}"));
  CHECK(has_problem(loaded, "textRules[1].examples.match[0]", "does not match"));
  CHECK(has_problem(loaded, "textRules[1].examples.noMatch[0]", "matches"));
  CHECK(has_problem(loaded, "textRules[1].paterns", "unknown key"));
  CHECK(has_problem(loaded, "$.thresholds2", "unknown key"));
  CHECK(loaded.problems.size() >= 10);
}

TEST_CASE("bad thresholds, duplicate ids, empty packs and non-JSON are refused") {
  std::string swapped = pack_with(kMinimalRule);
  swapped.replace(swapped.find("\"medium\":30"), 11, "\"medium\":90");
  CHECK(has_problem(RulePack::load(swapped), "$.thresholds", "lower than high"));
  CHECK(has_problem(RulePack::load(pack_with(std::string(kMinimalRule) + "," + kMinimalRule)),
                    "textRules[1].id", "duplicate"));
  CHECK(has_problem(RulePack::load(pack_with("")), "$", "no rules"));
  // Across kinds: a combination rule may not reuse a text rule's id, and names only rules
  // the pack has.
  std::string two_rules = std::string(kMinimalRule) + "," + kMinimalRule;
  two_rules.replace(two_rules.rfind("replica.en.test"), 15, "replica.en.two");
  const auto combo = [](const std::string& id, const std::string& second) {
    return R"(,"comboRules":[{"id":")" + id + R"(","category":"counterfeit","weight":0.5,"requires":["replica.en.test",")" +
           second + R"("],"message":"m","description":"d"}])";
  };
  CHECK(has_problem(RulePack::load(pack_with(two_rules, combo("replica.en.two", "replica.en.test"))),
                    "$.comboRules", "duplicate rule id \"replica.en.two\""));
  CHECK(has_problem(RulePack::load(pack_with(two_rules, combo("combo.test", "no.such.rule"))),
                    "$.comboRules[0].requires", "\"no.such.rule\", which is not a rule of this pack"));
  const auto valid = RulePack::load(pack_with(two_rules, combo("combo.test", "replica.en.two")));
  CHECK(valid.problems.empty());
  CHECK(has_problem(RulePack::load("{not json"), "$", "invalid_json"));
  CHECK(has_problem(RulePack::load("[]"), "$", "JSON object"));
}

TEST_CASE("discount tiers must ascend and stay in range") {
  const std::string discount =
      R"(,"discountRules":[{"id":"pricing.discount","message":"{percent}% off","description":"d",)"
      R"("tiers":[{"minPercent":80,"weight":0.4},{"minPercent":70,"weight":0.3},{"minPercent":101,"weight":0.3}]}])";
  auto loaded = RulePack::load(pack_with(kMinimalRule, discount));
  CHECK(has_problem(loaded, "tiers[1].minPercent", "ascending"));
  CHECK(has_problem(loaded, "tiers[2].minPercent", "1 to 100"));
}

TEST_CASE("the unless pattern cancels a hit it contains") {
  const std::string rule = R"({"id":"replica.en.test","category":"counterfeit","weight":0.5,)"
                           R"("fields":["title"],"pattern":"\\breplica\\b","unless":"\\bnot a replica\\b",)"
                           R"("message":"m","description":"d","examples":{"match":["a replica"],"noMatch":["not a replica"]}})";
  auto loaded = RulePack::load(pack_with(rule));
  REQUIRE(loaded.ok());
  const auto hits = fakelens::testing::text_rules_of(*loaded.pack).find_text_hits(fakelens::Field::kTitle,
                                                fakelens::fold_for_compare("not a replica, a REPLICA"));
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].begin == 17);
}

TEST_CASE("a capturing group narrows the span to the word itself") {
  const std::string rule = R"json({"id":"replica.ru.test","category":"counterfeit","weight":0.5,
      "fields":["title"],"pattern":"(?:^|[^\\p{L}])(копия)(?:$|[^\\p{L}])",
      "message":"m","description":"d","examples":{"match":["это копия"],"noMatch":["копиях"]}})json";
  auto loaded = RulePack::load(pack_with(rule));
  REQUIRE(loaded.ok());
  const std::string text = fakelens::fold_for_compare("это копия!");
  const auto hits = fakelens::testing::text_rules_of(*loaded.pack).find_text_hits(fakelens::Field::kTitle, text);
  REQUIRE(hits.size() == 1);
  CHECK(text.substr(hits[0].begin, hits[0].end - hits[0].begin) == "копия");
}

TEST_CASE("a rule reports at most kMaxSpansPerRuleField spans in one field") {
  auto loaded = RulePack::load(pack_with(kMinimalRule));
  REQUIRE(loaded.ok());
  std::string text;
  for (int i = 0; i < 100; ++i) text += "replica ";
  const auto hits = fakelens::testing::text_rules_of(*loaded.pack).find_text_hits(fakelens::Field::kTitle, text);
  CHECK(hits.size() == static_cast<std::size_t>(fakelens::limits::kMaxSpansPerRuleField));
  CHECK(fakelens::testing::text_rules_of(*loaded.pack).find_text_hits(fakelens::Field::kDescription, text).empty());
}

TEST_CASE("the shipped pack is valid, sorted by rule id, and every rule carries examples") {
  auto loaded = RulePack::load(fakelens::testing::read_source_file("rules/default.rules.json"));
  for (const auto& problem : loaded.problems) MESSAGE(problem.path << ": " << problem.message);
  REQUIRE(loaded.ok());
  const auto& rules = fakelens::testing::text_rules_of(*loaded.pack).rules();
  CHECK(rules.size() >= 8);
  for (std::size_t i = 1; i < rules.size(); ++i) {
    CHECK_MESSAGE(rules[i - 1].text.id < rules[i].text.id, rules[i].text.id << " is out of order");
  }
  for (const auto& rule : rules) {
    CHECK_FALSE(rule.examples_match.empty());
    CHECK_FALSE(rule.examples_no_match.empty());
  }
  // The compiled-in copy is the same file.
  CHECK(fakelens::default_rule_pack_json() ==
        fakelens::testing::read_source_file("rules/default.rules.json"));
}

TEST_CASE("every rule of the shipped pack, of every kind, carries examples that load runs") {
  auto loaded = RulePack::load(fakelens::default_rule_pack_json());
  REQUIRE(loaded.ok());
  const auto& sections = loaded.pack->sections();
  std::vector<std::string> ids;
  for (const auto& kind : sections.kinds) {
    if (std::string_view(kind->key()) == "textRules") continue;  // their examples are titles, run at load
    kind->visit_rules([&](const std::string& id, std::size_t, fakelens::Category) { ids.push_back(id); });
  }
  CHECK(ids.size() >= 15);
  for (const std::string& id : ids) {
    const auto& examples = sections.tables.examples;
    const auto it = std::find_if(examples.begin(), examples.end(),
                                 [&](const auto& listed) { return listed.rule_id == id; });
    REQUIRE_MESSAGE(it != examples.end(), id << " has no examples");
    CHECK_FALSE(it->match.empty());
    CHECK_FALSE(it->no_match.empty());
  }
}

TEST_CASE("a listing example that the rule does not fire on is a load problem") {
  const std::string pack = pack_with(kMinimalRule,
      R"(,"discountRules":[{"id":"pricing.discount","message":"m","description":"d",
         "tiers":[{"minPercent":80,"weight":0.4}],
         "examples":{"match":[{"title":"w","price":{"amount":50,"currency":"USD"},"listPrice":{"amount":60,"currency":"USD"}}],
                     "noMatch":["plain title", 42]}}])");
  auto loaded = RulePack::load(pack);
  CHECK(has_problem(loaded, "$.discountRules[0].examples.noMatch[1]", "listing object or a title"));
  std::string fixed = pack;
  fixed.replace(fixed.find(", 42"), 4, "");
  auto second = RulePack::load(fixed);
  CHECK(has_problem(second, "$.discountRules[0].examples.match[0]", "does not fire pricing.discount"));
}

// The built-in pack loads without re-running its examples and compiles patterns when they
// are first used; it must score exactly as the fully verified load does.
TEST_CASE("the built-in pack loaded lazily scores exactly as the verified load") {
  auto verified = RulePack::load(fakelens::default_rule_pack_json());
  auto lazy = RulePack::load_default();
  REQUIRE(verified.ok());
  REQUIRE(lazy.ok());
  const fakelens::Scorer verified_scorer(verified.pack);
  const fakelens::Scorer lazy_scorer(lazy.pack);
  const std::string corpus = fakelens::testing::read_source_file("tests/data/conformance-listings.jsonl");
  std::size_t compared = 0;
  for (std::size_t start = 0; start < corpus.size();) {
    std::size_t end = corpus.find('\n', start);
    if (end == std::string::npos) end = corpus.size();
    const std::string line = corpus.substr(start, end - start);
    start = end + 1;
    CHECK(lazy_scorer.score_json(line) == verified_scorer.score_json(line));
    ++compared;
  }
  CHECK(compared > 150);
  CHECK(lazy.pack->summary() == verified.pack->summary());
}

TEST_CASE("an unverified pack with a broken pattern skips the rule and never crashes") {
  const std::string broken = R"({
    "id": "replica.en.broken", "category": "counterfeit", "weight": 0.5, "fields": ["title"],
    "pattern": "(replica", "unless": "[z-a]", "message": "m", "description": "d",
    "examples": {"match": ["replica"], "noMatch": ["real"]}})";
  fakelens::RulePackLoadOptions unverified;
  unverified.verify = false;
  auto lazy = RulePack::load(pack_with(std::string(kMinimalRule) + "," + broken), unverified);
  REQUIRE(lazy.ok());
  const auto hits = fakelens::testing::text_rules_of(*lazy.pack).find_text_hits(fakelens::Field::kTitle, "a replica bag");
  REQUIRE(hits.size() == 1);  // the good rule still fires, through the per-rule fallback
  CHECK(fakelens::testing::text_rules_of(*lazy.pack).rules()[hits[0].rule_index].text.id == "replica.en.test");
  // Verified, the same pack is refused with the pattern named.
  auto verified = RulePack::load(pack_with(std::string(kMinimalRule) + "," + broken));
  CHECK(has_problem(verified, "$.textRules[1].pattern", "not a valid RE2 pattern"));
}

TEST_CASE("a shipped pack file loads unverified only when it is the very file of this build") {
  const std::string shipped = std::string(fakelens::default_rule_pack_json());
  auto exact = RulePack::load_shipped(shipped);
  REQUIRE(exact.ok());
  CHECK(exact.pack->summary() == RulePack::load_default().pack->summary());
  // Any other text is verified like a pack from outside: a broken example is caught.
  std::string edited = shipped;
  const std::string example = "\"Bag inspired by Louis Vuitton\"";
  REQUIRE(edited.find(example) != std::string::npos);
  edited.replace(edited.find(example), example.size(), "\"Bag inspired by nature\"");
  auto changed = RulePack::load_shipped(edited);
  CHECK_FALSE(changed.ok());
  CHECK(has_problem(changed, "examples.match", "does not match"));
}

TEST_CASE("a shipped pack's digest from the caller decides the same way as hashing it here") {
  const std::string shipped = std::string(fakelens::default_rule_pack_json());
  const auto exact = RulePack::load_shipped(shipped, fakelens::internal::sha256_hex(shipped));
  REQUIRE(exact.ok());
  CHECK(exact.pack->summary() == RulePack::load_default().pack->summary());
  std::string edited = shipped;
  const std::string example = "\"Bag inspired by Louis Vuitton\"";
  edited.replace(edited.find(example), example.size(), "\"Bag inspired by nature\"");
  const auto changed = RulePack::load_shipped(edited, fakelens::internal::sha256_hex(edited));
  CHECK(has_problem(changed, "examples.match", "does not match"));
  // Any other digest means "not the built-in file": verified in full, and this one passes.
  const auto other_digest = RulePack::load_shipped(shipped, std::string(64, '0'));
  REQUIRE(other_digest.ok());
  CHECK(other_digest.pack->summary() == exact.pack->summary());
  // The digest is taken on trust (only the loader passes one): the edited file said to be
  // the built-in one loads without its examples being run.
  CHECK(RulePack::load_shipped(edited, fakelens::default_rule_pack_sha256()).ok());
}

TEST_CASE("a brand catalogue too large to index is a load problem, not a huge table") {
  // 7,000 brands of one random 12-letter spelling: the index keeps 8 bytes of each, which
  // share few prefixes past the third letter: ~41,000 trie nodes.
  std::uint32_t state = 12345;
  auto next_letter = [&] {
    state = state * 1103515245u + 12345u;
    return static_cast<char>('a' + (state >> 16) % 26);
  };
  std::string brands;
  for (int i = 0; i < 7000; ++i) {
    std::string spelling;
    for (int k = 0; k < 12; ++k) spelling += next_letter();
    brands += std::string(i ? "," : "") + R"({"name":"B)" + std::to_string(i) +
              R"(","category":"test","match":[")" + spelling + R"("]})";
  }
  const auto loaded = RulePack::load(pack_with(kMinimalRule, R"(,"brands":[)" + brands + "]"));
  CHECK(has_problem(loaded, "$.brands", "too many to index together"));
  CHECK_FALSE(loaded.pack);
}
