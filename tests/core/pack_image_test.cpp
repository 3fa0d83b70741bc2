#include "fakelens/pack_image.h"

#include <doctest/doctest.h>

#include <random>
#include <string>

#include "fakelens/scorer.h"
#include "pack/pack_image_fields.h"
#include "test_support.h"

using fakelens::RulePack;

namespace {

constexpr std::size_t kHeaderBytes = 8 + 4 + 8;  // magic, format, checksum
constexpr std::size_t kDigestBytes = 64;

std::string image_of_default_pack() {
  const auto written = fakelens::write_pack_image(*fakelens::testing::default_pack(), fakelens::default_rule_pack_sha256());
  REQUIRE(written.ok());
  return written.value();
}

// Every listing the repository keeps for tests: labelled real-world shapes and the contract's
// conformance set, as JSON Lines.
std::string test_listings() {
  return fakelens::testing::read_source_file("tests/data/labelled-listings.jsonl") + "\n" +
         fakelens::testing::read_source_file("tests/data/conformance-listings.jsonl");
}

// Rewrites the checksum so a test can reach the fields behind it.
std::string with_fixed_checksum(std::string image) {
  const std::uint64_t hash = fakelens::internal::pack_image_checksum(std::string_view(image).substr(kHeaderBytes));
  for (int i = 0; i < 8; ++i) image[12 + i] = static_cast<char>(hash >> (8 * i));
  return image;
}

bool refused_saying(const fakelens::RulePackLoad& loaded, const std::string& part) {
  return !loaded.ok() && !loaded.problems.empty() && loaded.problems[0].message.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the built-in pack's image scores every test listing exactly as its JSON does") {
  const auto from_json = fakelens::testing::default_pack();
  const fakelens::RulePackLoad from_image = RulePack::load_image(image_of_default_pack());
  REQUIRE(from_image.ok());
  const std::string listings = test_listings();
  const std::string by_json = fakelens::Scorer(from_json).score_json_lines(listings);
  const std::string by_image = fakelens::Scorer(from_image.pack).score_json_lines(listings);
  CHECK(by_json.size() > 100000);  // the listings are really there
  CHECK(by_image == by_json);
  CHECK(from_image.pack->summary().dump() == from_json->summary().dump());
  CHECK(fakelens::testing::text_rules_of(*from_image.pack).rules().size() == fakelens::testing::text_rules_of(*from_json).rules().size());
}

TEST_CASE("an image read back writes the same image") {
  const std::string image = image_of_default_pack();
  const fakelens::RulePackLoad loaded = RulePack::load_image(image);
  REQUIRE(loaded.ok());
  const auto again = fakelens::write_pack_image(*loaded.pack, fakelens::default_rule_pack_sha256());
  REQUIRE(again.ok());
  CHECK(again.value() == image);
}

TEST_CASE("an image not made from this build's built-in pack, or damaged, is refused with the reason") {
  const std::string image = image_of_default_pack();
  CHECK(refused_saying(RulePack::load_image(""), "not a FakeLens pack image"));
  CHECK(refused_saying(RulePack::load_image(fakelens::default_rule_pack_json()), "not a FakeLens pack image"));
  CHECK(refused_saying(RulePack::load_image(image.substr(0, image.size() - 1)), "checksum"));

  std::string other_format = image;
  other_format[8] = static_cast<char>(fakelens::kPackImageFormat + 1);
  CHECK(refused_saying(RulePack::load_image(other_format), "this build reads format"));

  std::string flipped = image;
  flipped[image.size() / 2] ^= 0x20;
  CHECK(refused_saying(RulePack::load_image(flipped), "checksum"));

  // An image names its signal kinds: one of a build with other kinds is refused.
  std::string fields = image.substr(kHeaderBytes + 64);
  const std::size_t key = fields.find("textRules");
  REQUIRE(key != std::string::npos);
  fields[key] = 'T';
  CHECK(refused_saying(fakelens::internal::read_pack_image_fields(fields), "its signal kinds are not this build's"));

  const auto other_pack = fakelens::write_pack_image(*fakelens::testing::default_pack(), std::string(64, '0'));
  REQUIRE(other_pack.ok());
  CHECK(refused_saying(RulePack::load_image(other_pack.value()), "not of this build's built-in pack"));

  CHECK_FALSE(fakelens::write_pack_image(*fakelens::testing::default_pack(), "abc").ok());

  // Bytes after the last field, behind a checksum that agrees.
  CHECK(refused_saying(RulePack::load_image(with_fixed_checksum(image + "x")), "bytes follow"));
}

TEST_CASE("damaged fields are refused or read whole, never a crash") {
  const std::string image = image_of_default_pack();
  const std::string fields = image.substr(kHeaderBytes + kDigestBytes);
  // Listings that reach every kind of rule: text, brands, floors, specs, style, discounts.
  std::vector<fakelens::Listing> listings;
  for (const char* json : {
           R"({"title":"AAA replica Rolex watch 1:1 Gucci bag iPhone 15 Pro 2TB usb flash drive WOW!!! BEST AMAZING","description":"was $999 now $19, miracle cure","price":{"amount":20,"currency":"USD"},"listPrice":{"amount":999,"currency":"USD"},"seller":{"name":"x","rating":50,"ratingCount":900,"ageDays":3}})",
           R"({"title":"N1ke shoes 高仿 1TB phone","description":"100% original","price":{"amount":9,"currency":"EUR"}})",
           R"({"title":"Plain mug"})"}) {
    listings.push_back(fakelens::parse_listing(json).value());
  }
  std::size_t refused = 0, read = 0;
  auto try_fields = [&](const std::string& damaged) {
    const fakelens::RulePackLoad loaded = fakelens::internal::read_pack_image_fields(damaged);
    if (loaded.ok()) {
      ++read;
      const fakelens::Scorer scorer(loaded.pack);
      for (const auto& listing : listings) scorer.score(listing);  // whatever the damage made, it scores
    } else {
      ++refused;
      CHECK(loaded.problems.size() == 1);
      CHECK(loaded.problems[0].message.rfind("the pack image is damaged: ", 0) == 0);
    }
  };
  // Cut short anywhere: never whole.
  for (std::size_t cut = 0; cut < fields.size(); cut += 1 + fields.size() / 1500) try_fields(fields.substr(0, cut));
  CHECK(read == 0);
  // Bytes changed anywhere: refused, or a pack that still scores.
  std::mt19937 random(20261129);
  for (int i = 0; i < 1500; ++i) {
    std::string damaged = fields;
    damaged[random() % damaged.size()] = static_cast<char>(random());
    try_fields(damaged);
  }
  CHECK(refused > 1500);
  // Every small tag (a pattern's "none / its text / the text before", a flag, a count of
  // one) turned to 0 in turn: the pattern or item the scorer needs goes missing.
  std::size_t tags = 0;
  for (std::size_t at = 0; at < fields.size(); ++at) {
    if (fields[at] != 1 && fields[at] != 2) continue;
    if (++tags % 3 != 0) continue;  // a third of them keeps the test quick; all passed once
    std::string damaged = fields;
    damaged[at] = 0;
    try_fields(damaged);
  }
  CHECK(tags > 1000);
  // Lengths and counts near the limits.
  try_fields(std::string(8, '\xff'));
  try_fields(std::string(64, '\x01'));
}
