// A small pack exercising every signal family, for the per-signal tests.
#ifndef FAKELENS_TESTS_CORE_SIGNAL_PACK_H_
#define FAKELENS_TESTS_CORE_SIGNAL_PACK_H_

#include <memory>
#include <string>

#include <doctest/doctest.h>

#include "fakelens/rule_pack.h"
#include "fakelens/scorer.h"

namespace fakelens::testing {

inline const char* kSignalPack = R"json({
 "schemaVersion": 1, "id": "signal-test", "version": "1", "description": "d",
 "thresholds": {"medium": 35, "high": 70},
 "exchangeRates": {"asOf": "2026-11-01", "perUsd": {"EUR": 0.9, "JPY": 150}},
 "brands": [
  {"name": "Gucci", "match": ["gucci"], "misspellings": ["guci"], "category": "luxury-fashion", "luxury": true,
   "floor": {"minUsd": 300, "products": "bag|handbag|belt"}},
  {"name": "Nike", "match": ["nike"], "category": "sneakers", "floor": {"minUsd": 60, "products": "shoes|sneakers|air max"}},
  {"name": "Ray-Ban", "match": ["ray-ban", "ray ban", "rayban"], "category": "eyewear"},
  {"name": "Rolex", "match": ["rolex"], "aliases": ["劳力士", "ロレックス"], "category": "luxury-watches", "luxury": true,
   "floor": {"minUsd": 3000, "products": "watch|submariner|datejust|日志型|デイトジャスト"}}
 ],
 "brandDisguise": {"id": "brand.disguise", "weight": 0.72, "message": "{brand} as {match} in the {field}", "description": "d"},
 "priceFloors": {"id": "pricing.below-floor", "usedFactor": 0.5,
  "secondHandPattern": "\\bpre-?owned\\b|中古", "resaleMarketplaces": "\\bfashionphile\\b", "resaleFactor": 0.5,
  "childSizePattern": "\\btoddler\\b|\\((?:gs|td)\\)|童鞋", "childFloorFactor": 0.5,
  "tiers": [{"maxRatio": 0.25, "weight": 0.55}, {"maxRatio": 0.6, "weight": 0.35}],
  "accessoryPattern": "\\b(?:case|strap|for)\\b",
  "message": "{product}: {price} vs {floor} ({percent}%)", "description": "d",
  "floors": [{"label": "iPhone Pro", "pattern": "\\biphone ?1[5-7] ?pro\\b", "minUsd": 650}]},
 "specRules": [{"id": "spec.usb-flash-capacity", "label": "USB flash drive", "product": "\\bflash ?drive\\b",
  "quantity": "storage", "minQuantity": 500, "usdPerUnit": 0.05,
  "tiers": [{"maxRatio": 0.3, "weight": 0.6}], "message": "{quantity} {product} at {price}, needs {plausible}", "description": "d"}],
 "styleRule": {"id": "claim.shouting", "weight": 0.3, "minLetters": 10, "capsRatio": 0.7, "minExclamations": 3,
  "minSuperlatives": 2, "minSigns": 2, "superlatives": "\\b(?:best|amazing)\\b",
  "message": "{capsPercent}% caps, {exclamations} marks, {superlatives} superlatives", "description": "d"},
 "textDiscountRules": [{"id": "pricing.text-discount", "fields": ["title", "description"],
  "pattern": "\\bwas ?\\$? ?(\\d[\\d.,]*) ?now ?\\$? ?(\\d[\\d.,]*)",
  "tiers": [{"minPercent": 80, "weight": 0.4}], "message": "{was} to {now}: {percent}%", "description": "d"}],
 "listingRules": [
  {"id": "seller.low-rating", "category": "seller", "field": "seller", "weight": 0.25,
   "when": {"seller.rating": {"lt": 90}, "seller.ratingCount": {"gte": 20}},
   "message": "{seller.rating}% from {seller.ratingCount}", "description": "d"},
  {"id": "seller.official-store", "category": "seller", "field": "seller", "weight": 0,
   "when": {"seller.official": {"eq": true}}, "dampen": {"categories": ["counterfeit", "pricing"], "factor": 0.5},
   "message": "official", "description": "d"}],
 "comboRules": [{"id": "counterfeit.authentic-claim-cheap", "category": "counterfeit", "weight": 0.6,
  "requires": ["claim.authentic", "pricing.below-floor"], "message": "both", "description": "d"}],
 "textRules": [
  {"id": "claim.authentic", "category": "counterfeit", "weight": 0.12, "fields": ["title"],
   "pattern": "\\b100 ?% original\\b", "message": "m", "description": "d",
   "examples": {"match": ["100% original"], "noMatch": ["original"]}},
  {"id": "replica.en.inspired-by", "category": "counterfeit", "weight": 0.55, "fields": ["title"],
   "pattern": "\\binspired by {brand}\\b", "message": "m", "description": "d",
   "examples": {"match": ["inspired by Gucci"], "noMatch": ["inspired by nature"]}}
 ]})json";

inline std::shared_ptr<const RulePack> signal_pack() {
  static const std::shared_ptr<const RulePack> pack = [] {
    auto loaded = RulePack::load(kSignalPack);
    for (const auto& problem : loaded.problems) MESSAGE(problem.path << ": " << problem.message);
    return loaded.pack;
  }();
  return pack;
}

inline Verdict score_with_signals(const std::string& listing_json) {
  auto listing = parse_listing(listing_json);
  REQUIRE(listing.ok());
  REQUIRE(signal_pack());
  return Scorer(signal_pack()).score(listing.value());
}

inline const Evidence* find_evidence(const Verdict& verdict, const std::string& rule) {
  for (const Evidence& item : verdict.evidence) {
    if (item.rule == rule) return &item;
  }
  return nullptr;
}

}  // namespace fakelens::testing

#endif  // FAKELENS_TESTS_CORE_SIGNAL_PACK_H_
