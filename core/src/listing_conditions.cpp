// Rules over the listing's numbers rather than its words: the seller's feedback, age and
// official status, the reviews, the price in dollars, whether a luxury brand is named.
// A rule fires when all its tests hold and every field it tests is known; a rule may
// also dampen categories (an official store makes counterfeit and pricing findings weigh
// less).
#include <cmath>
#include <cstdio>

#include "fakelens/text_normalizer.h"
#include "signals.h"

namespace fakelens::internal {
namespace {

constexpr const char* kConditionFields[] = {
    "seller.rating", "seller.ratingCount", "seller.ageDays", "seller.official", "reviews.average",
    "reviews.count", "price.usd", "brand.luxury", "seller.namesBrand"};

std::optional<double> as_number(const std::optional<double>& v) { return v; }
std::optional<double> as_number(const std::optional<std::int64_t>& v) {
  if (!v) return std::nullopt;
  return static_cast<double>(*v);
}
std::optional<double> as_number(const std::optional<bool>& v) {
  if (!v) return std::nullopt;
  return *v ? 1.0 : 0.0;
}

// The brands named in the title or brand field (plainly or disguised).
std::vector<std::size_t> named_brands(const ListingContext& context) {
  std::vector<std::size_t> out;
  for (const FieldText* field : {&context.text[0], &context.text[2]}) {
    for (const BrandMention& mention : field->brands) out.push_back(mention.brand);
  }
  return out;
}

OrderedJson display_value(double value) {
  if (std::floor(value) == value && std::fabs(value) < 1e15) return static_cast<long long>(value);
  return std::round(value * 10.0) / 10.0;
}

}  // namespace

bool is_condition_field(const std::string& field) {
  for (const char* known : kConditionFields) {
    if (field == known) return true;
  }
  return false;
}

std::optional<double> condition_value(const std::string& field, const ListingContext& context,
                                      const std::vector<Brand>& brands) {
  const Listing& listing = context.listing;
  if (field.rfind("seller.", 0) == 0 && !listing.seller) return std::nullopt;
  if (field.rfind("reviews.", 0) == 0 && !listing.reviews) return std::nullopt;
  if (field == "seller.rating") return as_number(listing.seller->rating);
  if (field == "seller.ratingCount") return as_number(listing.seller->rating_count);
  if (field == "seller.ageDays") return as_number(listing.seller->age_days);
  if (field == "seller.official") return as_number(listing.seller->official);
  if (field == "reviews.average") return as_number(listing.reviews->average);
  if (field == "reviews.count") return as_number(listing.reviews->count);
  if (field == "price.usd") return context.price_usd;
  if (field == "brand.luxury") {
    for (const std::size_t brand : named_brands(context)) {
      if (brands[brand].luxury) return 1.0;
    }
    return 0.0;
  }
  if (field == "seller.namesBrand") {
    if (!listing.seller->name) return std::nullopt;
    const std::string seller = fold_for_compare(*listing.seller->name);
    for (const std::size_t brand : named_brands(context)) {
      for (const std::string& spelling : brands[brand].spellings) {
        if (seller.find(spelling) != std::string::npos) return 1.0;
      }
    }
    return 0.0;
  }
  return std::nullopt;
}

FAKELENS_PACK_LOADING
std::optional<ListingRule> load_listing_rule(const Json& json, const std::string& path,
                                             PackReader& reader) {
  if (!json.is_object()) {
    reader.problem(path, "must be an object");
    return std::nullopt;
  }
  reader.unknown_keys(json, path, {"id", "category", "field", "weight", "when", "dampen", "message",
                                   "messageId", "description", "examples"});
  ListingRule rule;
  bool ok = read_rule_text(json, path, reader, {}, rule.text, /*check_placeholders=*/false);
  // Placeholders are the condition fields; check them here as the list is not fixed size.
  for (std::size_t open = rule.text.message.find('{'); open != std::string::npos;
       open = rule.text.message.find('{', open + 1)) {
    const std::size_t close = rule.text.message.find('}', open);
    if (close == std::string::npos || !is_condition_field(rule.text.message.substr(open + 1, close - open - 1))) {
      reader.problem(path + ".message", "placeholders must name condition fields, e.g. {seller.rating}");
      ok = false;
      break;
    }
  }
  // A dampening rule may weigh nothing itself: its effect is on other categories.
  if (json.contains("dampen")) ok = reader.number(json, path, "weight", rule.weight, 0, 1) && ok;
  else ok = reader.weight(json, path, rule.weight) && ok;
  ok = reader.category(json, path, rule.category) && ok;
  std::string field;
  if (reader.text(json, path, "field", field, true)) {
    bool found = false;
    for (const Field f : {Field::kSeller, Field::kReviews, Field::kPrice, Field::kBrand, Field::kTitle}) {
      if (field == field_name(f)) rule.field = f, found = true;
    }
    if (!found) reader.problem(path + ".field", "must be seller, reviews, price, brand or title"), ok = false;
  } else {
    ok = false;
  }

  const auto when = json.find("when");
  if (when == json.end() || !when->is_object() || when->empty()) {
    reader.problem(path + ".when", "must be an object of field -> {lt|lte|gt|gte|eq: value}");
    ok = false;
  } else {
    for (const auto& item : when->items()) {
      const std::string at = path + ".when." + item.key();
      if (!is_condition_field(item.key())) {
        reader.problem(at, "is not a field rules can test");
        ok = false;
        continue;
      }
      if (!item.value().is_object() || item.value().empty()) {
        reader.problem(at, "must be an object such as {\"lt\": 90}");
        ok = false;
        continue;
      }
      for (const auto& test : item.value().items()) {
        FieldTest parsed;
        parsed.field = item.key();
        const std::string& op = test.key();
        if (op == "lt") parsed.op = FieldTest::Op::kLess;
        else if (op == "lte") parsed.op = FieldTest::Op::kLessOrEqual;
        else if (op == "gt") parsed.op = FieldTest::Op::kGreater;
        else if (op == "gte") parsed.op = FieldTest::Op::kGreaterOrEqual;
        else if (op == "eq") parsed.op = FieldTest::Op::kEquals;
        else {
          reader.problem(at + "." + op, "must be lt, lte, gt, gte or eq");
          ok = false;
          continue;
        }
        if (test.value().is_boolean()) parsed.value = test.value().get<bool>() ? 1 : 0;
        else if (test.value().is_number() && std::isfinite(test.value().get<double>())) parsed.value = test.value().get<double>();
        else {
          reader.problem(at + "." + op, "must be a number or true/false");
          ok = false;
          continue;
        }
        rule.conditions.push_back(parsed);
      }
    }
  }
  const auto dampen = json.find("dampen");
  if (dampen != json.end()) {
    const std::string at = path + ".dampen";
    if (!dampen->is_object()) {
      reader.problem(at, "must be an object {categories, factor}");
      ok = false;
    } else {
      reader.unknown_keys(*dampen, at, {"categories", "factor"});
      ok = reader.number(*dampen, at, "factor", rule.dampen_factor, 0, 1) && ok;
      const auto categories = dampen->find("categories");
      if (categories == dampen->end() || !categories->is_array() || categories->empty()) {
        reader.problem(at + ".categories", "must list the categories to dampen");
        ok = false;
      } else {
        for (const Json& name : *categories) {
          Category category = Category::kCounterfeit;
          if (name.is_string() && parse_category(name.get_ref<const std::string&>(), category)) {
            rule.dampens.push_back(category);
          } else {
            reader.problem(at + ".categories", "holds an unknown category");
            ok = false;
          }
        }
      }
    }
  }
  if (!ok) return std::nullopt;
  return rule;
}

void evaluate_listing_rule(const ListingRule& rule, const ListingContext& context,
                           const std::vector<Brand>& brands, std::vector<Evidence>& evidence) {
  OrderedJson args = OrderedJson::object();
  for (const FieldTest& test : rule.conditions) {
    const std::optional<double> value = condition_value(test.field, context, brands);
    if (!value) return;
    bool holds = false;
    switch (test.op) {
      case FieldTest::Op::kLess: holds = *value < test.value; break;
      case FieldTest::Op::kLessOrEqual: holds = *value <= test.value; break;
      case FieldTest::Op::kGreater: holds = *value > test.value; break;
      case FieldTest::Op::kGreaterOrEqual: holds = *value >= test.value; break;
      case FieldTest::Op::kEquals: holds = *value == test.value; break;
    }
    if (!holds) return;
    args[test.field] = display_value(*value);
  }
  Evidence item;
  item.rule = rule.text.id;
  item.category = rule.category;
  item.weight = rule.weight;
  item.field = rule.field;
  item.message_id = rule.text.message_id;
  item.args = std::move(args);
  item.message = fill_message(rule.text.message, item.args);
  evidence.push_back(std::move(item));
}

}  // namespace fakelens::internal
