// Internal: listing rules ("listingRules"), over the listing's numbers rather than its
// words: the seller's feedback, age and official status, the reviews, the price in dollars,
// whether a luxury brand is named. A rule fires when all its tests hold and every field it
// tests is known; a rule may also dampen categories (an official store makes counterfeit
// and pricing findings weigh less).
#ifndef FAKELENS_SRC_SIGNALS_LISTING_CONDITIONS_H_
#define FAKELENS_SRC_SIGNALS_LISTING_CONDITIONS_H_

#include <string>
#include <vector>

#include "fakelens/rule_pack.h"
#include "signals/rule_reader.h"

namespace fakelens::internal {

struct FieldTest {
  std::string field;                     // "seller.rating", "reviews.count", "brand.luxury", ...
  enum class Op { kLess, kLessOrEqual, kGreater, kGreaterOrEqual, kEquals } op = Op::kLess;
  double value = 0;                      // booleans compare as 0 / 1
};

struct ListingRule {
  RuleText text;                         // message: any condition field, as {seller.rating}
  Category category = Category::kSeller;
  Field field = Field::kSeller;
  double weight = 0;
  std::vector<FieldTest> conditions;     // all must hold, and every field must be known
  std::vector<Category> dampens;         // when it fires: these categories weigh less...
  double dampen_factor = 1;              // ...multiplied by this
};

// Whether rules can test `field` ("seller.rating", ...).
bool is_condition_field(const std::string& field);

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_SIGNALS_LISTING_CONDITIONS_H_
