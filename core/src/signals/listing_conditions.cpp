// Listing rules: the listing's numbers tested against the rule's conditions.
#include "signals/listing_conditions.h"

#include <cmath>
#include <cstdio>

#include "fakelens/text_normalizer.h"
#include "signals/evidence.h"
#include "signals/kind_shapes.h"

namespace fakelens::internal {

template <class IO> void fields(IO& io, FieldTest& t) {
  io(t.field); io.enumeration(t.op, static_cast<int>(FieldTest::Op::kEquals) + 1); io(t.value);
}
template <class IO> void fields(IO& io, ListingRule& r) {
  io(r.text); io.enumeration(r.category, kCategoryCount);
  io.enumeration(r.field, static_cast<int>(Field::kReviews) + 1); io(r.weight); io(r.conditions);
  io.enumerations(r.dampens, kCategoryCount); io(r.dampen_factor);
}

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

namespace {

// The value of a condition field for this listing, when known.
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

// A listing rule's message may name only condition fields: {seller.rating}.
FAKELENS_PACK_LOADING
bool check_condition_placeholders(const std::string& message, const std::string& path, PackReader& reader) {
  for (std::size_t open = message.find('{'); open != std::string::npos; open = message.find('{', open + 1)) {
    const std::size_t close = message.find('}', open);
    if (close == std::string::npos || !is_condition_field(message.substr(open + 1, close - open - 1))) {
      reader.problem(path + ".message", "placeholders must name condition fields, e.g. {seller.rating}");
      return false;
    }
  }
  return true;
}

// "field": which part of the listing the evidence points at.
FAKELENS_PACK_LOADING
bool read_evidence_field(const Json& json, const std::string& path, PackReader& reader, Field& out) {
  std::string field;
  if (!reader.text(json, path, "field", field, true)) return false;
  for (const Field f : {Field::kSeller, Field::kReviews, Field::kPrice, Field::kBrand, Field::kTitle}) {
    if (field == field_name(f)) {
      out = f;
      return true;
    }
  }
  reader.problem(path + ".field", "must be seller, reviews, price, brand or title");
  return false;
}

FAKELENS_PACK_LOADING
bool read_test(const std::string& field, const std::string& op, const Json& value, const std::string& at,
               PackReader& reader, FieldTest& out) {
  out.field = field;
  if (op == "lt") out.op = FieldTest::Op::kLess;
  else if (op == "lte") out.op = FieldTest::Op::kLessOrEqual;
  else if (op == "gt") out.op = FieldTest::Op::kGreater;
  else if (op == "gte") out.op = FieldTest::Op::kGreaterOrEqual;
  else if (op == "eq") out.op = FieldTest::Op::kEquals;
  else {
    reader.problem(at + "." + op, "must be lt, lte, gt, gte or eq");
    return false;
  }
  if (value.is_boolean()) out.value = value.get<bool>() ? 1 : 0;
  else if (value.is_number() && std::isfinite(value.get<double>())) out.value = value.get<double>();
  else {
    reader.problem(at + "." + op, "must be a number or true/false");
    return false;
  }
  return true;
}

// "when": field -> {lt|lte|gt|gte|eq: value}, every test must hold.
FAKELENS_PACK_LOADING
bool read_conditions(const Json& json, const std::string& path, PackReader& reader, std::vector<FieldTest>& out) {
  const auto when = json.find("when");
  if (when == json.end() || !when->is_object() || when->empty()) {
    reader.problem(path + ".when", "must be an object of field -> {lt|lte|gt|gte|eq: value}");
    return false;
  }
  bool ok = true;
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
      if (read_test(item.key(), test.key(), test.value(), at, reader, parsed)) out.push_back(parsed);
      else ok = false;
    }
  }
  return ok;
}

// "dampen": {categories, factor}, optional.
FAKELENS_PACK_LOADING
bool read_dampening(const Json& json, const std::string& path, PackReader& reader, ListingRule& rule) {
  const auto dampen = json.find("dampen");
  if (dampen == json.end()) return true;
  const std::string at = path + ".dampen";
  if (!dampen->is_object()) {
    reader.problem(at, "must be an object {categories, factor}");
    return false;
  }
  reader.unknown_keys(*dampen, at, {"categories", "factor"});
  bool ok = reader.number(*dampen, at, "factor", rule.dampen_factor, 0, 1);
  const auto categories = dampen->find("categories");
  if (categories == dampen->end() || !categories->is_array() || categories->empty()) {
    reader.problem(at + ".categories", "must list the categories to dampen");
    return false;
  }
  for (const Json& name : *categories) {
    Category category = Category::kCounterfeit;
    if (name.is_string() && parse_category(name.get_ref<const std::string&>(), category)) {
      rule.dampens.push_back(category);
    } else {
      reader.problem(at + ".categories", "holds an unknown category");
      ok = false;
    }
  }
  return ok;
}

class ListingConditionsKind final : public RuleListKind<ListingRule> {
 public:
  const char* key() const override { return "listingRules"; }

  void count(const PackTables&, PackCounts& counts) const override { counts.counts["listingRules"] = rules_.size(); }

  void evaluate(const PackTables& tables, const ListingContext& context, std::vector<Evidence>& evidence) const override {
    for (const ListingRule& rule : rules_) evaluate_rule(rule, context, tables.brand_list(), evidence);
  }

  void dampen(const FiredRules& fired, int (&category_bp)[kCategoryCount]) const override {
    for (const ListingRule& rule : rules_) {
      if (rule.dampens.empty() || !fired.contains(rule.text.id)) continue;
      for (const Category c : rule.dampens) {
        int& bp = category_bp[static_cast<int>(c)];
        bp = std::min(bp, to_basis_points(rule.dampen_factor));
      }
    }
  }

 protected:
  FAKELENS_PACK_LOADING
  std::optional<ListingRule> load_rule(const Json& json, const std::string& path, PackLoad& load) override {
    PackReader& reader = load.reader;
    ListingRule rule;
    const auto opened = open_rule(json, path, reader, {"category", "field", "weight", "when", "dampen"},
                                  {}, rule.text, /*check_placeholders=*/false);
    if (!opened) return std::nullopt;
    bool ok = *opened;
    ok = check_condition_placeholders(rule.text.message, path, reader) && ok;
    // A dampening rule may weigh nothing itself: its effect is on other categories.
    if (json.contains("dampen")) ok = reader.number(json, path, "weight", rule.weight, 0, 1) && ok;
    else ok = reader.weight(json, path, rule.weight) && ok;
    ok = reader.category(json, path, rule.category) && ok;
    ok = read_evidence_field(json, path, reader, rule.field) && ok;
    ok = read_conditions(json, path, reader, rule.conditions) && ok;
    ok = read_dampening(json, path, reader, rule) && ok;
    if (!ok) return std::nullopt;
    return rule;
  }
  Category category_of(const ListingRule& rule) const override { return rule.category; }

 private:
  static void evaluate_rule(const ListingRule& rule, const ListingContext& context, const std::vector<Brand>& brands,
                            std::vector<Evidence>& evidence) {
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
    evidence.push_back(make_evidence(rule.text, rule.category, rule.weight, whole_field(rule.field), std::move(args)));
  }
};

}  // namespace

std::unique_ptr<SignalKind> make_listing_conditions_kind() { return std::make_unique<ListingConditionsKind>(); }

}  // namespace fakelens::internal
