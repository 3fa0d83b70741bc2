// Spec plausibility: the largest quantity the title claims against what a genuine item of
// that size costs.
#include <algorithm>
#include <cmath>

#include "signals/spec_plausibility.h"

#include "fakelens/limits.h"
#include "signals/evidence.h"
#include "signals/kind_shapes.h"

namespace fakelens::internal {
namespace {

struct QuantityPattern {
  const char* pattern;  // group 1: number, group 2: unit (when units differ)
};

const RE2& quantity_regex(Quantity kind) {
  static const RE2::Options options = [] {
    RE2::Options o;
    o.set_log_errors(false);
    return o;
  }();
  // Group 1 is the number and group 2 the unit; the video and storage patterns have a
  // second alternative in groups 3 and 4.
  static const RE2 storage(
      "(?:^|[^a-z0-9.,])(\\d{1,5}(?:[.,]\\d{1,2})?) ?(tb|gb|g|тб|гб|テラバイト|テラ|ギガ|테라바이트|테라|기가|تيرابايت|تيرا|جيجابايت|جيجا)(?:$|[^a-z0-9])"
      // French "To" (téraoctet), but not "1 to 4".
      "|(?:^|[^a-z0-9.,])(\\d{1,5}) ?(to)(?:$| [^0-9]|[^a-z0-9 ])"
      // A bare "T" only in RAM+ROM pairs ("16g+1t"): "OnePlus 8T" is a model, not 8 TB.
      "|\\+ ?(\\d{1,2}) ?(t)(?:$|[^a-z0-9])",
      options);
  static const RE2 battery("(?:^|[^a-z0-9.,])(\\d{3,6}) ?(mah|毫安|مللي أمبير|мач|ма·ч)(?:$|[^a-z0-9])", options);
  static const RE2 camera("(?:^|[^a-z0-9.,])(\\d{2,4}) ?(mp|megapixels?|mpx|万像素|メガピクセル|메가픽셀)(?:$|[^a-z0-9])", options);
  static const RE2 video("(?:^|[^a-z0-9])(4|8)(k)(?:$|[^a-z0-9])|(?:^|[^a-z0-9])(2160|4320)(p)(?:$|[^a-z0-9])", options);
  static const RE2 watts("(?:^|[^a-z0-9.,])(\\d{2,4}) ?(w|watts?|瓦)(?:$|[^a-z0-9])", options);
  // 65", 65 inch, 65 Zoll, 65 pouces, 65 pulgadas, 65英寸, 65インチ, 65인치
  static const RE2 inches("(?:^|[^a-z0-9.,])(\\d{2,3}(?:[.,]\\d)?) ?(\"|''|inch|inches|in\\.|zoll|pouces?|pulgadas?|polegadas?|pollici|дюйм\\p{L}*|英寸|寸|インチ|인치)", options);
  static const RE2 lumens("(?:^|[^a-z0-9.,])(\\d{3,7}) ?(lumens?|lm|люмен\\p{L}*|流明|ルーメン|루멘|لومن)(?:$|[^a-z0-9])", options);
  switch (kind) {
    case Quantity::kStorageGb: return storage;
    case Quantity::kBatteryMah: return battery;
    case Quantity::kCameraMp: return camera;
    case Quantity::kVideoLines: return video;
    case Quantity::kLumens: return lumens;
    case Quantity::kWatts: return watts;
    case Quantity::kInches: return inches;
  }
  return storage;
}

bool parse_quantity_kind(const std::string& name, Quantity& out) {
  if (name == "storage") out = Quantity::kStorageGb;
  else if (name == "battery") out = Quantity::kBatteryMah;
  else if (name == "camera") out = Quantity::kCameraMp;
  else if (name == "video") out = Quantity::kVideoLines;
  else if (name == "light") out = Quantity::kLumens;
  else if (name == "power") out = Quantity::kWatts;
  else if (name == "size") out = Quantity::kInches;
  else return false;
  return true;
}

const char* unit_name(Quantity kind) {
  switch (kind) {
    case Quantity::kStorageGb: return "GB";
    case Quantity::kBatteryMah: return "mAh";
    case Quantity::kCameraMp: return "MP";
    case Quantity::kVideoLines: return "lines";
    case Quantity::kLumens: return "lm";
    case Quantity::kWatts: return "W";
    case Quantity::kInches: return "inch";
  }
  return "";
}

}  // namespace

std::vector<QuantityClaim> find_quantities(std::string_view folded, Quantity kind) {
  std::vector<QuantityClaim> claims;
  const RE2& regex = quantity_regex(kind);
  re2::StringPiece groups[7] = {};
  std::size_t pos = 0;
  while (pos < folded.size() && claims.size() < 16 &&
         regex.Match(folded, pos, folded.size(), RE2::UNANCHORED, groups, 7)) {
    // Each alternative of a pattern captures (number, unit) in its own pair of groups.
    int pair = 1;
    while (pair < 5 && !groups[pair].data()) pair += 2;
    const re2::StringPiece& number = groups[pair];
    const re2::StringPiece& unit = groups[pair + 1];
    std::string digits(number.data(), number.size());
    std::replace(digits.begin(), digits.end(), ',', '.');
    double value = std::strtod(digits.c_str(), nullptr);
    const std::string unit_text(unit.data(), unit.size());
    const bool tera = unit_text == "tb" || unit_text == "t" || unit_text == "to" || unit_text == "тб" ||
                      unit_text.find("テラ") == 0 || unit_text.find("테라") == 0 || unit_text.find("تيرا") == 0;
    if (kind == Quantity::kStorageGb && tera) value *= 1024;
    if (kind == Quantity::kVideoLines) {
      value = (digits == "4" || digits == "2160") ? 2160 : 4320;
    }
    const std::size_t begin = static_cast<std::size_t>(number.data() - folded.data());
    const std::size_t end = static_cast<std::size_t>(unit.data() - folded.data()) + unit.size();
    claims.push_back({value, begin, end});
    pos = std::max(end, pos + 1);
  }
  return claims;
}

template <class IO> void fields(IO& io, SpecRule& r) {
  io(r.text); io(r.label); io(r.product); io(r.unless_listing);
  io.enumeration(r.quantity, static_cast<int>(Quantity::kInches) + 1);
  io(r.min_quantity); io(r.usd_per_unit); io(r.min_usd); io(r.tiers);
}

namespace {

class SpecPlausibilityKind final : public RuleListKind<SpecRule> {
 public:
  const char* key() const override { return "specRules"; }

  FAKELENS_PACK_LOADING
  void load(const Json& json, const std::string& path, PackLoad& load) override {
    RuleListKind<SpecRule>::load(json, path, load);
    if (!load.root.contains("exchangeRates")) load.reader.problem(path, "needs exchangeRates");
  }

  FAKELENS_PACK_LOADING
  void build_indexes(PackTables& tables, bool, PackReader&) override {
    for (SpecRule& rule : rules_) rule.gate = tables.title_gates.add(rule.product);
  }

  void count(const PackTables&, PackCounts& counts) const override { counts.counts["specRules"] = rules_.size(); }

  const char* unsafe_for_scoring(const PackTables& tables, const std::set<std::string>&) const override {
    if (!rules_.empty() && !tables.rates) return "prices need exchange rates";
    for (const SpecRule& rule : rules_) {
      if (!rule.product || rule.tiers.empty()) return "a spec rule has no product pattern or tiers";
    }
    return nullptr;
  }

  void evaluate(const PackTables& tables, const ListingContext& context, std::vector<Evidence>& evidence) const override {
    if (!tables.rates) return;
    for (const SpecRule& rule : rules_) evaluate_rule(rule, *tables.rates, context, evidence);
  }

 protected:
  FAKELENS_PACK_LOADING
  std::optional<SpecRule> load_rule(const Json& json, const std::string& path, PackLoad& load) override {
    PackReader& reader = load.reader;
    SpecRule rule;
    const auto opened = open_rule(json, path, reader,
                                  {"label", "product", "unlessListing", "quantity", "minQuantity", "usdPerUnit",
                                   "minUsd", "tiers"},
                                  {"quantity", "product", "price", "plausible", "match"}, rule.text);
    if (!opened) return std::nullopt;
    bool ok = *opened;
    ok = reader.text(json, path, "label", rule.label, true, 100) && ok;
    ok = read_pattern(json, path, "product", true, rule.product, reader) && ok;
    ok = read_pattern(json, path, "unlessListing", false, rule.unless_listing, reader) && ok;
    std::string quantity;
    if (reader.text(json, path, "quantity", quantity, true) && !parse_quantity_kind(quantity, rule.quantity)) {
      reader.problem(path + ".quantity", "must be storage, battery, camera, video, light, power or size");
      ok = false;
    }
    ok = reader.number(json, path, "minQuantity", rule.min_quantity, 0, 1e9) && ok;
    reader.number(json, path, "usdPerUnit", rule.usd_per_unit, 0, 1e6, false);
    reader.number(json, path, "minUsd", rule.min_usd, 0, 1e7, false);
    if (rule.usd_per_unit <= 0 && rule.min_usd <= 0) {
      reader.problem(path, "needs usdPerUnit or minUsd");
      ok = false;
    }
    ok = read_ratio_tiers(json, path, reader, rule.tiers) && ok;
    if (!ok) return std::nullopt;
    return rule;
  }
  Category category_of(const SpecRule&) const override { return Category::kExaggeration; }

 private:
  static void evaluate_rule(const SpecRule& rule, const ExchangeRates& rates, const ListingContext& context,
                            std::vector<Evidence>& evidence) {
    const Listing& listing = context.listing;
    if (!listing.price || !context.price_usd || *context.price_usd <= 0) return;
    const FieldText& title = context.title();
    if (!context.title_gates[rule.gate]) return;
    if (rule.unless_listing && context.any_text_matches(rule.unless_listing->get())) return;

    const std::vector<QuantityClaim> claims = find_quantities(title.folded.text, rule.quantity);
    const QuantityClaim* largest = nullptr;
    for (const QuantityClaim& claim : claims) {
      if (!largest || claim.value > largest->value) largest = &claim;
    }
    if (!largest || largest->value < rule.min_quantity) return;

    const double plausible_usd = std::max(rule.min_usd, rule.usd_per_unit * largest->value);
    const double ratio = *context.price_usd / plausible_usd;
    const RatioTier* tier = pick_tier(rule.tiers, ratio);
    if (!tier) return;

    EvidenceTarget target = text_range(title, largest->begin, largest->end);
    const std::string& currency = listing.price->currency;
    const auto plausible_local = rates.from_usd(plausible_usd, currency);
    OrderedJson args = {{"quantity", *target.match},
                        {"product", rule.label},
                        {"price", format_money(listing.price->amount, currency)},
                        {"plausible", format_money(std::round(plausible_local.value_or(plausible_usd)),
                                                   plausible_local ? currency : "USD")},
                        {"match", *target.match},
                        {"unit", unit_name(rule.quantity)}};
    evidence.push_back(make_evidence(rule.text, Category::kExaggeration, tier->weight, std::move(target), std::move(args)));
  }
};

}  // namespace

std::unique_ptr<SignalKind> make_spec_plausibility_kind() { return std::make_unique<SpecPlausibilityKind>(); }

}  // namespace fakelens::internal
