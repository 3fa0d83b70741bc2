// Price floors: a genuine new item of a brand or product line cannot plausibly cost less
// than its floor. Prices are compared in US dollars through the pack's dated exchange
// rates; used and refurbished items weigh less; accessories ("case for iPhone 15 Pro")
// are not judged against the product they fit.
#include <cmath>

#include "fakelens/limits.h"
#include "signals.h"

namespace fakelens::internal {

std::optional<double> ExchangeRates::to_usd(const Money& money) const {
  if (money.currency == "USD") return money.amount;
  const auto it = per_usd.find(money.currency);
  if (it == per_usd.end()) return std::nullopt;
  return money.amount / it->second;
}

std::optional<double> ExchangeRates::from_usd(double usd, const std::string& currency) const {
  if (currency == "USD") return usd;
  const auto it = per_usd.find(currency);
  if (it == per_usd.end()) return std::nullopt;
  return usd * it->second;
}

FAKELENS_PACK_LOADING
std::optional<ExchangeRates> load_exchange_rates(const Json& json, const std::string& path,
                                                 PackReader& reader) {
  if (!json.is_object()) {
    reader.problem(path, "must be an object {asOf, perUsd}");
    return std::nullopt;
  }
  reader.unknown_keys(json, path, {"asOf", "source", "perUsd"});
  ExchangeRates rates;
  bool ok = reader.text(json, path, "asOf", rates.as_of, true, 32);
  const auto per_usd = json.find("perUsd");
  if (per_usd == json.end() || !per_usd->is_object()) {
    reader.problem(path + ".perUsd", "must be an object of currency code -> units per US dollar");
    return std::nullopt;
  }
  for (const auto& item : per_usd->items()) {
    const std::string& code = item.key();
    const bool code_ok = code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    double value = 0;
    if (!code_ok) {
      reader.problem(path + ".perUsd." + code, "is not a three-letter currency code");
      ok = false;
    } else if (reader.number(*per_usd, path + ".perUsd", code.c_str(), value, 1e-6, 1e9)) {
      rates.per_usd[code] = value;
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return rates;
}

FAKELENS_PACK_LOADING
std::optional<PriceFloorRule> load_price_floor_rule(const Json& json, const std::string& path,
                                                    PackReader& reader) {
  if (!json.is_object()) {
    reader.problem(path, "must be an object");
    return std::nullopt;
  }
  reader.unknown_keys(json, path, {"id", "message", "messageId", "description", "tiers", "usedFactor",
                                   "accessoryPattern", "floors", "examples"});
  PriceFloorRule rule;
  bool ok = read_rule_text(json, path, reader, {"product", "price", "floor", "percent"}, rule.text);
  ok = read_ratio_tiers(json, path, reader, rule.tiers) && ok;
  ok = reader.number(json, path, "usedFactor", rule.used_factor, 0, 1) && ok;
  ok = read_pattern(json, path, "accessoryPattern", true, rule.accessory, reader) && ok;
  const auto floors = json.find("floors");
  if (floors != json.end()) {
    if (!floors->is_array()) {
      reader.problem(path + ".floors", "must be an array of {label, pattern, minUsd}");
      ok = false;
    } else {
      for (std::size_t i = 0; i < floors->size(); ++i) {
        const Json& floor = (*floors)[i];
        const std::string at = path + ".floors[" + std::to_string(i) + "]";
        if (!floor.is_object()) {
          reader.problem(at, "must be an object {label, pattern, minUsd}");
          ok = false;
          continue;
        }
        reader.unknown_keys(floor, at, {"label", "pattern", "minUsd"});
        ProductFloor parsed;
        ok = reader.text(floor, at, "label", parsed.label, true, 100) && ok;
        ok = reader.number(floor, at, "minUsd", parsed.min_usd, 0.01, 1e7) && ok;
        ok = read_pattern(floor, at, "pattern", true, parsed.pattern, reader) && ok;
        rule.floors.push_back(std::move(parsed));
      }
    }
  }
  if (!ok) return std::nullopt;
  return rule;
}

void evaluate_price_floors(const PriceFloorRule& rule, const ExchangeRates& rates,
                           const std::vector<Brand>& brands, const ListingContext& context,
                           std::vector<Evidence>& evidence) {
  const Listing& listing = context.listing;
  if (!listing.price || !context.price_usd || *context.price_usd <= 0) return;
  if (context.any_text_matches(rule.accessory->get())) return;

  // The highest floor that applies: a product line named in the title, or a brand named
  // in the title or brand field together with one of its core products in the title.
  const std::string& title = context.title().folded.text;
  double floor_usd = 0;
  std::string product;
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
  if (floor_usd <= 0) return;

  const double ratio = *context.price_usd / floor_usd;
  const RatioTier* tier = pick_tier(rule.tiers, ratio);
  if (!tier) return;
  const bool second_hand = listing.condition == Condition::kUsed || listing.condition == Condition::kRefurbished;
  const double weight = second_hand ? tier->weight * rule.used_factor : tier->weight;
  if (weight <= 0) return;

  const std::string& currency = listing.price->currency;
  const double floor_local = rates.from_usd(floor_usd, currency).value_or(floor_usd);
  const std::string floor_currency = rates.from_usd(floor_usd, currency) ? currency : "USD";
  Evidence item;
  item.rule = rule.text.id;
  item.category = Category::kPricing;
  item.weight = std::round(weight * 10000.0) / 10000.0;
  item.field = Field::kPrice;
  item.message_id = rule.text.message_id;
  item.args = {{"product", product},
               {"price", format_money(listing.price->amount, currency)},
               {"floor", format_money(std::round(floor_local), floor_currency)},
               {"percent", static_cast<int>(std::floor(ratio * 100.0))}};
  item.message = fill_message(rule.text.message, item.args);
  evidence.push_back(std::move(item));
}

}  // namespace fakelens::internal
