// Price floors: the price against the highest floor that applies to the listing.
#include "signals/price_floors.h"

#include <cmath>

#include "signals/evidence.h"
#include "signals/kind_shapes.h"
#include "signals/listing_context.h"
#include "fakelens/text_normalizer.h"

namespace fakelens::internal {

template <class IO> void fields(IO& io, ProductFloor& f) { io(f.label); io(f.pattern); io(f.min_usd); }
template <class IO> void fields(IO& io, PriceFloorRule& r) {
  io(r.text); io(r.tiers); io(r.used_factor); io(r.accessory); io(r.floors); io(r.second_hand);
  io(r.resale_marketplaces); io(r.resale_factor); io(r.child_sizes); io(r.child_floor_factor);
}

namespace {

FAKELENS_PACK_LOADING
bool read_product_floors(const Json& json, const std::string& path, PackReader& reader,
                         std::vector<ProductFloor>& out) {
  const auto floors = json.find("floors");
  if (floors == json.end()) return true;
  if (!floors->is_array()) {
    reader.problem(path + ".floors", "must be an array of {label, pattern, minUsd}");
    return false;
  }
  bool ok = true;
  for (std::size_t i = 0; i < floors->size(); ++i) {
    const Json& floor = (*floors)[i];
    const std::string at = path + ".floors[" + std::to_string(i) + "]";
    if (!open_object(floor, at, reader, {"label", "pattern", "minUsd"})) {
      ok = false;
      continue;
    }
    ProductFloor parsed;
    ok = reader.text(floor, at, "label", parsed.label, true, 100) && ok;
    ok = reader.number(floor, at, "minUsd", parsed.min_usd, 0.01, 1e7) && ok;
    ok = read_pattern(floor, at, "pattern", true, parsed.pattern, reader) && ok;
    out.push_back(std::move(parsed));
  }
  return ok;
}

// The highest floor that applies, with the product it is for: a product line named in the
// title, or a brand named in the title or brand field with one of its core products in
// the title. 0 when none does.
double applicable_floor(const PriceFloorRule& rule, const std::vector<Brand>& brands, const ListingContext& context,
                        std::string& product) {
  const std::string& title = context.title().folded.text;
  double floor_usd = 0;
  for (const ProductFloor& floor : rule.floors) {
    if (floor.min_usd > floor_usd && context.title_gates[floor.gate]) {
      floor_usd = floor.min_usd;
      product = floor.label;
    }
  }
  for (const FieldText* field : {&context.text[0], &context.text[2]}) {
    for (const BrandMention& mention : field->brands) {
      const Brand& brand = brands[mention.brand];
      if (brand.floor_usd && *brand.floor_usd > floor_usd &&
          RE2::PartialMatch(title, brand.floor_products->get())) {
        floor_usd = *brand.floor_usd;
        product = brand.name;
      }
    }
  }
  return floor_usd;
}

// Used or refurbished by its condition, or by its own words ("pre-owned", "gebraucht").
bool second_hand(const PriceFloorRule& rule, const ListingContext& context) {
  const auto condition = context.listing.condition;
  if (condition == Condition::kUsed || condition == Condition::kRefurbished) return true;
  return rule.second_hand && context.any_text_matches(rule.second_hand->get());
}

// A child's size, named in the title, the brand field or the category ("Toddler", "(GS)",
// "Kids' Shoes"). Not the description: "also in kids' sizes" says nothing about this item.
bool child_size(const PriceFloorRule& rule, const ListingContext& context) {
  if (!rule.child_sizes) return false;
  for (const FieldText* field : {&context.text[0], &context.text[2]}) {
    if (field->source && RE2::PartialMatch(field->folded.text, rule.child_sizes->get())) return true;
  }
  const std::string* category = context.folded_category();
  return category && RE2::PartialMatch(*category, rule.child_sizes->get());
}

// Sold on a marketplace of second-hand goods, by its marketplace name or its URL.
bool on_resale_marketplace(const PriceFloorRule& rule, const Listing& listing) {
  if (!rule.resale_marketplaces) return false;
  std::string where;
  if (listing.marketplace) where += *listing.marketplace;
  if (listing.url) where += " " + *listing.url;
  return !where.empty() && RE2::PartialMatch(fold_text(where).text, rule.resale_marketplaces->get());
}

class PriceFloorsKind final : public SingleRuleKind<PriceFloorRule> {
 public:
  const char* key() const override { return "priceFloors"; }

  FAKELENS_PACK_LOADING
  void build_indexes(PackTables& tables, bool, PackReader&) override {
    if (!rule_) return;
    for (ProductFloor& floor : rule_->floors) floor.gate = tables.title_gates.add(floor.pattern);
  }

  void count(const PackTables& tables, PackCounts& counts) const override {
    std::size_t floors = rule_ ? rule_->floors.size() : 0;
    for (const Brand& brand : tables.brand_list()) floors += brand.floor_usd ? 1 : 0;
    counts.counts["priceFloors"] = floors;
  }

  const char* unsafe_for_scoring(const PackTables& tables, const std::set<std::string>&) const override {
    if (!rule_) return nullptr;
    if (!tables.rates) return "prices need exchange rates";
    if (!rule_->accessory || rule_->tiers.empty()) return "price floors lack their accessory pattern or tiers";
    for (const ProductFloor& floor : rule_->floors) {
      if (!floor.pattern) return "a price floor has no product pattern";
    }
    return nullptr;
  }

  void evaluate(const PackTables& tables, const ListingContext& context, std::vector<Evidence>& evidence) const override {
    if (!rule_ || !tables.rates) return;
    const PriceFloorRule& rule = *rule_;
    const ExchangeRates& rates = *tables.rates;
    const Listing& listing = context.listing;
    if (!listing.price || !context.price_usd || *context.price_usd <= 0) return;
    // An accessory names itself in its title (or brand field): "Case for iPhone 15". A
    // description's "case included as a gift" ("чехол в подарок") or "used with a screen
    // protector" says nothing about what is sold, so descriptions are not searched.
    for (const FieldText* field : {&context.text[0], &context.text[2]}) {
      if (field->source && RE2::PartialMatch(field->folded.text, rule.accessory->get())) return;
    }

    std::string product;
    double floor_usd = applicable_floor(rule, tables.brand_list(), context, product);
    if (floor_usd <= 0) return;
    if (child_size(rule, context)) floor_usd *= rule.child_floor_factor;
    if (floor_usd <= 0) return;

    const double ratio = *context.price_usd / floor_usd;
    const RatioTier* tier = pick_tier(rule.tiers, ratio);
    if (!tier) return;
    const double weight = tier->weight * (second_hand(rule, context) ? rule.used_factor : 1.0) *
                          (on_resale_marketplace(rule, listing) ? rule.resale_factor : 1.0);
    if (weight <= 0) return;

    const std::string& currency = listing.price->currency;
    const double floor_local = rates.from_usd(floor_usd, currency).value_or(floor_usd);
    const std::string floor_currency = rates.from_usd(floor_usd, currency) ? currency : "USD";
    evidence.push_back(make_evidence(rule.text, Category::kPricing, std::round(weight * 10000.0) / 10000.0,
                                     whole_field(Field::kPrice),
                                     {{"product", product},
                                      {"price", format_money(listing.price->amount, currency)},
                                      {"floor", format_money(std::round(floor_local), floor_currency)},
                                      {"percent", static_cast<int>(std::floor(ratio * 100.0))}}));
  }

 protected:
  FAKELENS_PACK_LOADING
  std::optional<PriceFloorRule> load_rule(const Json& json, const std::string& path, PackLoad& load) override {
    PackReader& reader = load.reader;
    if (!load.root.contains("exchangeRates")) reader.problem(path, "needs exchangeRates");
    PriceFloorRule rule;
    const auto opened = open_rule(json, path, reader, {"tiers", "usedFactor", "accessoryPattern", "floors",
                                                       "secondHandPattern", "resaleMarketplaces", "resaleFactor",
                                                       "childSizePattern", "childFloorFactor"},
                                  {"product", "price", "floor", "percent"}, rule.text);
    if (!opened) return std::nullopt;
    bool ok = *opened;
    ok = read_ratio_tiers(json, path, reader, rule.tiers) && ok;
    ok = reader.number(json, path, "usedFactor", rule.used_factor, 0, 1) && ok;
    ok = read_pattern(json, path, "accessoryPattern", true, rule.accessory, reader) && ok;
    ok = read_product_floors(json, path, reader, rule.floors) && ok;
    ok = read_pattern(json, path, "secondHandPattern", false, rule.second_hand, reader) && ok;
    ok = read_pattern(json, path, "resaleMarketplaces", false, rule.resale_marketplaces, reader) && ok;
    if (json.contains("resaleFactor")) ok = reader.number(json, path, "resaleFactor", rule.resale_factor, 0, 1) && ok;
    if (rule.resale_marketplaces && !json.contains("resaleFactor")) {
      reader.problem(path + ".resaleFactor", "is required with resaleMarketplaces");
      ok = false;
    }
    ok = read_pattern(json, path, "childSizePattern", false, rule.child_sizes, reader) && ok;
    if (json.contains("childFloorFactor")) {
      ok = reader.number(json, path, "childFloorFactor", rule.child_floor_factor, 0, 1) && ok;
    }
    if (rule.child_sizes && !json.contains("childFloorFactor")) {
      reader.problem(path + ".childFloorFactor", "is required with childSizePattern");
      ok = false;
    }
    if (!ok) return std::nullopt;
    return rule;
  }
  Category category_of(const PriceFloorRule&) const override { return Category::kPricing; }
};

}  // namespace

std::unique_ptr<SignalKind> make_price_floors_kind() { return std::make_unique<PriceFloorsKind>(); }

}  // namespace fakelens::internal
