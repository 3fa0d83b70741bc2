#include "fakelens/listing.h"
#include "fakelens/limits.h"

#include <doctest/doctest.h>

#include <string>

using fakelens::parse_listing;
namespace code = fakelens::error_code;

namespace {
std::string code_of(const std::string& json) {
  auto result = parse_listing(json);
  return result.ok() ? "ok" : result.error().code;
}
}  // namespace

TEST_CASE("a listing with only a title is valid") {
  auto result = parse_listing(R"({"title":"Wireless mouse"})");
  REQUIRE(result.ok());
  CHECK(result.value().title == "Wireless mouse");
  CHECK_FALSE(result.value().price.has_value());
}

TEST_CASE("every field of the contract is read") {
  auto result = parse_listing(R"({
    "id":"x1","url":"https://example.test/1","marketplace":"ebay","locale":"de-DE","page":"product",
    "title":"Uhr","description":"Neu","brand":"Acme","category":"Uhren","condition":"used",
    "price":{"amount":19.5,"currency":"EUR"},"listPrice":{"amount":40,"currency":"EUR"},
    "seller":{"id":"s1","name":"Shop","rating":98.5,"ratingCount":120,"official":false,"ageDays":30,"location":"DE"},
    "reviews":{"average":4.5,"count":12},
    "unknownField":{"ignored":[1,2,3]}})");
  REQUIRE(result.ok());
  const auto& listing = result.value();
  CHECK(*listing.id == "x1");
  CHECK(*listing.page == fakelens::PageKind::kProduct);
  CHECK(*listing.condition == fakelens::Condition::kUsed);
  CHECK(listing.price->amount == doctest::Approx(19.5));
  CHECK(listing.list_price->currency == "EUR");
  CHECK(*listing.seller->rating_count == 120);
  CHECK(*listing.seller->official == false);
  CHECK(*listing.reviews->average == doctest::Approx(4.5));
}

TEST_CASE("null optional fields count as absent") {
  auto result = parse_listing(R"({"title":"A","brand":null,"price":null,"seller":{"rating":null}})");
  REQUIRE(result.ok());
  CHECK_FALSE(result.value().brand.has_value());
  CHECK_FALSE(result.value().price.has_value());
}

TEST_CASE("bad listings get stable codes") {
  CHECK(code_of(R"(["title"])") == code::kNotObject);
  CHECK(code_of(R"("title")") == code::kNotObject);
  CHECK(code_of(R"({})") == code::kMissingTitle);
  CHECK(code_of(R"({"title":null})") == code::kMissingTitle);
  CHECK(code_of(R"({"title":""})") == code::kEmptyTitle);
  CHECK(code_of(R"({"title":"  \t "})") == code::kEmptyTitle);
  CHECK(code_of(R"({"title":42})") == code::kWrongType);
  CHECK(code_of(R"({"title":"a","description":7})") == code::kWrongType);
  CHECK(code_of(R"({"title":"a","seller":"shop"})") == code::kWrongType);
  CHECK(code_of(R"({"title":"a","seller":{"rating":"high"}})") == code::kWrongType);
  CHECK(code_of(R"({"title":"a","seller":{"rating":150}})") == code::kBadValue);
  CHECK(code_of(R"({"title":"a","seller":{"ratingCount":1.5}})") == code::kBadValue);
  CHECK(code_of(R"({"title":"a","seller":{"official":"yes"}})") == code::kWrongType);
  CHECK(code_of(R"({"title":"a","reviews":{"average":7}})") == code::kBadValue);
  CHECK(code_of(R"({"title":"a","reviews":{"count":-3}})") == code::kBadValue);
  CHECK(code_of(R"({"title":"a","condition":"brand-new"})") == code::kBadValue);
  CHECK(code_of(R"({"title":"a","page":"home"})") == code::kBadValue);
  CHECK(code_of(R"({"title":"a","price":"9.99"})") == code::kWrongType);
  CHECK(code_of(R"({"title":"a","price":{"amount":-1,"currency":"USD"}})") == code::kBadAmount);
  CHECK(code_of(R"({"title":"a","price":{"amount":"1","currency":"USD"}})") == code::kBadAmount);
  // nlohmann refuses numbers beyond double range while parsing, so this is a JSON error.
  CHECK(code_of(R"({"title":"a","price":{"amount":1e999,"currency":"USD"}})") == code::kInvalidJson);
  CHECK(code_of(R"({"title":"a","price":{"amount":-0.01,"currency":"USD"}})") == code::kBadAmount);
  CHECK(code_of(R"({"title":"a","price":{"currency":"USD"}})") == code::kBadAmount);
  CHECK(code_of(R"({"title":"a","price":{"amount":1}})") == code::kBadCurrency);
  CHECK(code_of(R"({"title":"a","price":{"amount":1,"currency":"usd"}})") == code::kBadCurrency);
  CHECK(code_of(R"({"title":"a","price":{"amount":1,"currency":"DOLLARS"}})") == code::kBadCurrency);
  CHECK(code_of(R"({"title":"a","title":"b"})") == code::kDuplicateKey);
  CHECK(code_of("{\"title\":\"\xFF\xFE\"}") == code::kInvalidUtf8);
}

TEST_CASE("text over the size limits is refused, not truncated") {
  const std::string big_title(fakelens::limits::kMaxLongTextBytes + 1, 'a');
  CHECK(code_of(R"({"title":")" + big_title + R"("})") == code::kTooLarge);
  const std::string ok_title(fakelens::limits::kMaxLongTextBytes, 'a');
  CHECK(code_of(R"({"title":")" + ok_title + R"("})") == "ok");
  const std::string big_brand(fakelens::limits::kMaxShortTextBytes + 1, 'b');
  CHECK(code_of(R"({"title":"a","brand":")" + big_brand + R"("})") == code::kTooLarge);
  const std::string huge(fakelens::limits::kMaxListingBytes + 1, ' ');
  CHECK(code_of(huge) == code::kTooLarge);
}

TEST_CASE("the id of a listing is found even when the listing is invalid") {
  auto json = nlohmann::json::parse(R"({"id":"abc","title":""})");
  CHECK(*fakelens::find_listing_id(json) == "abc");
  CHECK_FALSE(fakelens::find_listing_id(nlohmann::json::array()).has_value());
}
