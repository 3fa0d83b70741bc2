// A Listing as the contract defines it (docs/contract/listing.schema.json), and its
// parser. The parser checks every field the schema names and rejects what does not fit
// with a stable error code; fields the schema does not name are ignored. An optional
// field given as JSON null counts as absent (scrapers emit nulls for "not shown").
#ifndef FAKELENS_LISTING_H_
#define FAKELENS_LISTING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fakelens/seller_record.h"
#include "fakelens/error.h"
#include "fakelens/json_reader.h"

namespace fakelens {

struct Money {
  double amount = 0;      // finite, >= 0
  std::string currency;   // three upper-case letters (ISO 4217 form)
};

struct Seller {
  std::optional<std::string> id;
  std::optional<std::string> name;
  std::optional<double> rating;          // percent positive, 0..100
  std::optional<std::int64_t> rating_count;
  std::optional<bool> official;
  std::optional<std::int64_t> age_days;
  std::optional<std::string> location;
  // FakeLens's own extension to the contract: the shopper's events about this seller
  // (reports, listings seen), from which the core computes the seller credit record.
  std::optional<SellerHistory> history;
};

struct Reviews {
  std::optional<double> average;         // 0..5
  std::optional<std::int64_t> count;
};

enum class Condition { kNew, kUsed, kRefurbished, kUnknown };
enum class PageKind { kSearch, kProduct };

struct Listing {
  std::optional<std::string> id;
  std::optional<std::string> url;
  std::optional<std::string> marketplace;
  std::optional<std::string> locale;
  std::optional<PageKind> page;
  std::string title;                     // required, not blank
  std::optional<std::string> description;
  std::optional<std::string> brand;
  std::optional<std::string> category;
  std::optional<Condition> condition;
  std::optional<Money> price;
  std::optional<Money> list_price;
  std::optional<Seller> seller;
  std::optional<Reviews> reviews;
};

// Parses one listing from JSON text (one JSON Lines line).
Result<Listing> parse_listing(std::string_view json_text);

// Validates an already parsed JSON value as a listing.
Result<Listing> listing_from_json(const Json& value);

// The listing's "id" when the JSON is an object with a string id, so that an error
// verdict can still echo it. Never fails.
std::optional<std::string> find_listing_id(const Json& value);

}  // namespace fakelens

#endif  // FAKELENS_LISTING_H_
