#include "fakelens/scorer.h"

#include <doctest/doctest.h>

#include <string>

#include "fakelens/limits.h"
#include "test_support.h"

using fakelens::Level;
using fakelens::Scorer;

namespace {

Scorer default_scorer() { return Scorer(fakelens::testing::default_pack()); }

fakelens::Verdict score_json_listing(const std::string& json) {
  auto listing = fakelens::parse_listing(json);
  REQUIRE(listing.ok());
  return default_scorer().score(listing.value());
}

const char* kTwoRulePack = R"({"schemaVersion":1,"id":"two","version":"1","description":"d",
  "thresholds":{"medium":30,"high":60},
  "textRules":[
   {"id":"a.one","category":"counterfeit","weight":0.5,"fields":["title"],"pattern":"\\balpha\\b",
    "message":"m {match}","description":"d","examples":{"match":["alpha"],"noMatch":["beta"]}},
   {"id":"b.two","category":"exaggeration","weight":0.5,"fields":["title","description"],"pattern":"\\bbeta\\b",
    "message":"In the {field}: {match}","description":"d","examples":{"match":["beta"],"noMatch":["alpha"]}}]})";

}  // namespace

TEST_CASE("an honest listing scores low with no evidence") {
  auto verdict = score_json_listing(R"({"id":"h1","title":"Phone case compatible with Samsung Galaxy S24"})");
  CHECK(verdict.score == 0);
  CHECK(verdict.level == Level::kLow);
  CHECK(verdict.evidence.empty());
  CHECK(*verdict.id == "h1");
  CHECK(verdict.rules_id == "fakelens-default");
}

TEST_CASE("replica vocabulary raises the counterfeit category and the level") {
  auto verdict = score_json_listing(R"({"title":"AAA quality replica handbag"})");
  CHECK(verdict.level == Level::kHigh);
  CHECK(verdict.categories[static_cast<int>(fakelens::Category::kCounterfeit)] == verdict.score);
  REQUIRE(verdict.evidence.size() == 2);
  CHECK(verdict.evidence[0].rule == "replica.en.aaa-grade");
  CHECK(verdict.evidence[1].rule == "replica.en.replica");
  CHECK(*verdict.evidence[1].match == "replica");
}

TEST_CASE("noisy-OR combines distinct rules and counts a repeated rule once") {
  auto loaded = fakelens::RulePack::load(kTwoRulePack);
  REQUIRE(loaded.ok());
  Scorer scorer(loaded.pack);
  auto one = scorer.score(fakelens::parse_listing(R"({"title":"alpha alpha alpha"})").value());
  CHECK(one.score == 50);
  CHECK(one.level == Level::kMedium);
  CHECK(one.evidence.size() == 3);  // three spans, one rule
  auto both = scorer.score(fakelens::parse_listing(R"({"title":"alpha","description":"beta"})").value());
  CHECK(both.score == 75);  // 1 - 0.5 * 0.5
  CHECK(both.level == Level::kHigh);
  CHECK(both.categories[0] == 50);
  CHECK(both.categories[1] == 50);
  CHECK(both.evidence[1].message == "In the description: beta");
}

TEST_CASE("spans are UTF-16 offsets into the original field") {
  // "𝐑" takes two UTF-16 units; "é" one; the zero-width space one.
  auto verdict = score_json_listing(R"({"title":"𝐀é\u200B ＲＥＰＬＩＣＡ bag"})");
  REQUIRE(verdict.evidence.size() == 1);
  CHECK(verdict.evidence[0].span->start == 5);
  CHECK(verdict.evidence[0].span->end == 12);
  CHECK(*verdict.evidence[0].match == "ＲＥＰＬＩＣＡ");
}

TEST_CASE("a deep discount from the same currency is pricing evidence") {
  auto verdict = score_json_listing(
      R"({"title":"Watch","price":{"amount":19.99,"currency":"USD"},"listPrice":{"amount":999.99,"currency":"USD"}})");
  REQUIRE(verdict.evidence.size() == 1);
  const auto& evidence = verdict.evidence[0];
  CHECK(evidence.rule == "pricing.discount.extreme");
  CHECK(evidence.field == fakelens::Field::kListPrice);
  CHECK_FALSE(evidence.span.has_value());
  CHECK(evidence.args["percent"] == 98);
  CHECK(evidence.args["price"] == "19.99 USD");
  CHECK(evidence.message.find("98% discount") != std::string::npos);
  CHECK(verdict.level == Level::kMedium);  // a discount alone never reaches high
}

TEST_CASE("discounts are not compared across currencies, at zero price, or when modest") {
  CHECK(score_json_listing(R"({"title":"W","price":{"amount":1,"currency":"USD"},"listPrice":{"amount":999,"currency":"EUR"}})").evidence.empty());
  CHECK(score_json_listing(R"({"title":"W","price":{"amount":0,"currency":"USD"},"listPrice":{"amount":999,"currency":"USD"}})").evidence.empty());
  CHECK(score_json_listing(R"({"title":"W","price":{"amount":70,"currency":"USD"},"listPrice":{"amount":100,"currency":"USD"}})").evidence.empty());
  CHECK(score_json_listing(R"({"title":"W","price":{"amount":100,"currency":"USD"},"listPrice":{"amount":50,"currency":"USD"}})").evidence.empty());
}

TEST_CASE("score_json returns an error object with the id and line when the listing is bad") {
  bool is_error = false;
  const std::string out = default_scorer().score_json(R"({"id":"z","title":""})", 7, &is_error);
  CHECK(is_error);
  CHECK(out == R"({"id":"z","error":{"code":"empty_title","message":"the title is empty","line":7}})");
}

TEST_CASE("score_json_lines keeps one output line per input line") {
  std::size_t errors = 0;
  const std::string out =
      default_scorer().score_json_lines("{\"title\":\"a\"}\r\n\nnot json\n{\"title\":\"b\"}\n", 1, &errors);
  CHECK(errors == 2);
  int lines = 1;
  for (const char c : out) lines += c == '\n';
  CHECK(lines == 4);
  CHECK(out.find("\"line\":2") != std::string::npos);
  CHECK(out.find("\"line\":3") != std::string::npos);
  CHECK(default_scorer().score_json_lines("").empty());
}

TEST_CASE("the same listing gives the same bytes every time") {
  const std::string listing = R"({"id":"d","title":"1:1 高仿 replica","description":"mirror quality, AAA grade"})";
  const Scorer scorer = default_scorer();
  const std::string first = scorer.score_json(listing);
  for (int i = 0; i < 20; ++i) CHECK(scorer.score_json(listing) == first);
}

TEST_CASE("a 1 MB title scores without trouble") {
  std::string title;
  while (title.size() < (1u << 20) - 64) title += "aaaa quality replica 1:1 ";
  const std::string listing = R"({"title":")" + title + R"("})";
  bool is_error = true;
  const std::string out = default_scorer().score_json(listing, std::nullopt, &is_error);
  CHECK_FALSE(is_error);
  auto verdict = score_json_listing(listing);
  CHECK(verdict.level == Level::kHigh);
  CHECK(verdict.evidence.size() <= fakelens::limits::kMaxEvidence);
}

TEST_CASE("regression: a '|' separator before a word is not a disguised brand") {
  // Real listing: "Callas ... Laptop Table with Cup Holder | Drawer | Mac Holder" read as iMac.
  auto verdict = score_json_listing(R"({"title":"Foldable Laptop Table with Cup Holder | Drawer | Mac Holder"})");
  for (const auto& evidence : verdict.evidence) CHECK(evidence.rule != "brand.disguise");
}

namespace {
bool fires(const std::string& json, const char* rule) {
  const auto verdict = score_json_listing(json);
  for (const auto& e : verdict.evidence) {
    if (e.rule == rule) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("'replica' in a media title is a work's name, not counterfeit evidence (default pack)") {
  // Constructed titles of the kinds the issue names: a novel, a game, an album.
  CHECK_FALSE(fires(R"({"title":"The Replica Project"})", "replica.en.replica"));
  CHECK_FALSE(fires(R"({"title":"Replica"})", "replica.en.replica"));
  CHECK_FALSE(fires(R"({"title":"Replica Island"})", "replica.en.replica"));
  CHECK_FALSE(fires(R"({"title":"Replica - Vinyl LP"})", "replica.en.replica"));
  CHECK_FALSE(fires(R"({"title":"Replica: A Novel","description":"A Louis Vuitton bag on the cover"})", "replica.en.replica"));
  // The listing's category is context for listing-wide conditions.
  CHECK_FALSE(fires(R"({"title":"Replica handbag","category":"Books"})", "replica.en.replica"));
  CHECK(fires(R"({"title":"Replica handbag","category":"Handbags"})", "replica.en.replica"));
  // Goods that counterfeiters copy, or a brand, keep the word's weight.
  CHECK(fires(R"({"title":"Replica Designer Bag"})", "replica.en.replica"));
  CHECK(fires(R"({"title":"Replica Rolex Submariner"})", "replica.en.replica"));
  CHECK(fires(R"({"title":"Zapatillas réplica AAA"})", "replica.en.replica"));
  CHECK(score_json_listing(R"({"title":"Replica Rolex Submariner"})").level == Level::kHigh);
}

TEST_CASE("a genuine pre-owned item on a resale marketplace is not priced like a fake (default pack)") {
  // Real: Fashionphile search results (../shared/corpus/data/scrapfly/fashionphile__search.json,
  // condition "Shows Wear", id 12372370063663); the URL below is a constructed one. The same
  // title and price with no marketplace and no condition stays medium.
  const std::string item = R"("title":"Valentino Garavani Calfskin Rockstud Belt 75 30 Red","brand":"Valentino Garavani","price":{"amount":230,"currency":"USD"})";
  CHECK(score_json_listing("{" + item + R"(,"marketplace":"fashionphile"})").level == Level::kLow);
  CHECK(score_json_listing("{" + item + R"(,"url":"https://www.fashionphile.com/p/valentino-garavani-rockstud-belt"})").level == Level::kLow);
  CHECK(score_json_listing("{" + item + R"(,"condition":"used"})").level == Level::kLow);
  CHECK(score_json_listing("{" + item + "}").level == Level::kMedium);
}

TEST_CASE("genuine 'Replica' lines and merchandise tiers stay low (default pack)") {
  // Constructed after the precision probes: Maison Margiela's Replica fragrances, an
  // official replica jersey and ball.
  const auto margiela = score_json_listing(
      R"({"title":"Maison Margiela Replica Jazz Club Eau de Toilette 100ml","price":{"amount":160,"currency":"USD"}})");
  CHECK(margiela.level == Level::kLow);
  CHECK_FALSE(fires(R"({"title":"Replica Lazy Sunday Morning perfume by Maison Margiela"})", "replica.en.replica"));
  CHECK(score_json_listing(R"({"title":"Nike Men's Los Angeles Lakers LeBron James #23 Replica Jersey","price":{"amount":110,"currency":"USD"},"marketplace":"fanatics"})").level == Level::kLow);
  CHECK(score_json_listing(R"({"title":"Wilson NBA Official Game Ball Replica Basketball","price":{"amount":39.99,"currency":"USD"}})").level == Level::kLow);
  // A replica of a perfume is still one.
  CHECK(fires(R"({"title":"Replica Dior Sauvage perfume 100ml"})", "replica.en.replica"));
}

TEST_CASE("'mirror quality' counts once, and not as a material or finish (default pack)") {
  const auto case_listing = score_json_listing(
      R"({"title":"Mirror Quality Material Phone Case for iPhone 15","price":{"amount":9.99,"currency":"USD"}})");
  CHECK(case_listing.level == Level::kLow);
  CHECK_FALSE(fires(R"({"title":"Mirror grade stainless steel sheet 304"})", "replica.en.super-copy"));
  // The replica grade: one rule, the English one.
  CHECK(fires(R"({"title":"mirror quality replica bag"})", "replica.en.super-copy"));
  CHECK_FALSE(fires(R"({"title":"mirror quality replica bag"})", "replica.id.kw"));
  const auto watch = score_json_listing(R"({"title":"AAA mirror quality watch"})");
  CHECK(watch.level == Level::kHigh);
  for (const auto& e : watch.evidence) CHECK(e.rule.rfind("replica.id.", 0) != 0);
  // The Indonesian rule keeps its own words.
  CHECK(fires(R"({"title":"Sepatu Nike Air Jordan KW super"})", "replica.id.kw"));
}

TEST_CASE("children's sizes are not priced against the adult floor (default pack)") {
  const auto toddler = score_json_listing(
      R"({"title":"Jordan 1 Retro High OG Toddler Shoes","price":{"amount":60,"currency":"USD"},"marketplace":"footlocker"})");
  CHECK(toddler.level == Level::kLow);
  CHECK_FALSE(fires(R"({"title":"Air Jordan 1 Retro High OG (GS) Chicago","price":{"amount":60,"currency":"USD"}})", "pricing.below-floor"));
  // The adult pair at that price, and a toddler pair at a fraction of it, still are.
  CHECK(fires(R"({"title":"Jordan 1 Retro High OG Shoes","price":{"amount":30,"currency":"USD"}})", "pricing.below-floor"));
  CHECK(fires(R"({"title":"Jordan 1 Retro High OG Toddler Shoes","price":{"amount":12,"currency":"USD"}})", "pricing.below-floor"));
}

TEST_CASE("one cure or miracle word fires one rule (default pack)") {
  const auto claims = [](const std::string& json) {
    int n = 0;
    for (const auto& e : score_json_listing(json).evidence) n += e.rule.rfind("claim.", 0) == 0 ? 1 : 0;
    return n;
  };
  // Constructed titles, one claim each.
  CHECK(claims(R"({"title":"Anticancer mushroom capsules"})") == 1);
  CHECK(fires(R"({"title":"Anticancer mushroom capsules"})", "claim.en.cure"));
  CHECK(claims(R"({"title":"Té que cura la diabetes"})") == 1);
  CHECK(claims(R"({"title":"Tisane qui guérit le cancer"})") == 1);
  CHECK(claims(R"({"title":"Wundermittel gegen Falten"})") == 1);
  CHECK(claims(R"({"title":"Té milagroso para la piel"})") == 1);
  CHECK(claims(R"({"title":"Чудодейственный чай от всех болезней"})") == 1);
  CHECK(claims(R"({"title":"Mucize krem kırışıklık"})") == 1);
  CHECK(claims(R"({"title":"根治糖尿病 保健品"})") == 1);
  CHECK(claims(R"({"title":"奇跡のサプリ"})") == 1);
  // A religious name is not a claim.
  CHECK(claims(R"({"title":"Medalla Milagrosa de plata 925"})") == 0);
}
