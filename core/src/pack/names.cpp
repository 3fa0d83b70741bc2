// The names of categories and fields, as packs and verdicts write them.
#include "fakelens/rule_pack.h"

namespace fakelens {

const char* category_name(Category category) {
  switch (category) {
    case Category::kCounterfeit: return "counterfeit";
    case Category::kExaggeration: return "exaggeration";
    case Category::kPricing: return "pricing";
    case Category::kSeller: return "seller";
  }
  return "counterfeit";
}

bool parse_category(std::string_view name, Category& out) {
  for (const Category c : {Category::kCounterfeit, Category::kExaggeration, Category::kPricing,
                           Category::kSeller}) {
    if (name == category_name(c)) {
      out = c;
      return true;
    }
  }
  return false;
}

const char* field_name(Field field) {
  switch (field) {
    case Field::kTitle: return "title";
    case Field::kDescription: return "description";
    case Field::kBrand: return "brand";
    case Field::kPrice: return "price";
    case Field::kListPrice: return "listPrice";
    case Field::kSeller: return "seller";
    case Field::kReviews: return "reviews";
  }
  return "title";
}

}  // namespace fakelens
