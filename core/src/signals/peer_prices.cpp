// Page-peer prices: a listing's price against the median of the other listings of the same
// product in its batch. The batch pass groups the batch once (a map from product key to
// prices, sorted once per group), so a batch of n listings costs O(n log n); evaluate then
// reads its listing's finding.
#include "signals/peer_prices.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "signals/evidence.h"
#include "signals/kind_shapes.h"

namespace fakelens::internal {

template <class IO> void fields(IO& io, PeerPriceRule& r) {
  io(r.text); io(r.tiers); io(r.min_peers); io(r.used_factor); io(r.accessory);
}

namespace {

constexpr std::size_t kMaxModelTokens = 8;
constexpr std::size_t kMaxModelTokenBytes = 16;

bool token_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

}  // namespace

std::vector<std::string> model_tokens(const std::string& folded) {
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < folded.size()) {
    if (!token_byte(static_cast<unsigned char>(folded[i]))) {
      ++i;
      continue;
    }
    std::size_t end = i;
    bool digit = false;
    bool ratio = false;
    // ':' joins a token so that "1:1" (a replica's "one to one") is one token, and left out.
    while (end < folded.size() && (token_byte(static_cast<unsigned char>(folded[end])) || folded[end] == ':')) {
      digit = digit || (folded[end] >= '0' && folded[end] <= '9');
      ratio = ratio || folded[end] == ':';
      ++end;
    }
    const bool percent = end < folded.size() && folded[end] == '%';  // "100% original"
    if (digit && !ratio && !percent && end - i <= kMaxModelTokenBytes) {
      std::string token(folded, i, end - i);
      // Storage written with or without its unit is one size: "512gb", "512 gb", "512".
      for (const char* unit : {"gb", "go", "\xd0\xb3\xd0\xb1"}) {  // "гб"
        const std::size_t n = std::char_traits<char>::length(unit);
        if (token.size() > n && token.compare(token.size() - n, n, unit) == 0 &&
            token[token.size() - n - 1] >= '0' && token[token.size() - n - 1] <= '9') {
          token.resize(token.size() - n);
          break;
        }
      }
      tokens.push_back(std::move(token));
    }
    i = end;
  }
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
  // A title naming many variants ("16GB 32GB 64GB 128GB") is not one product.
  if (tokens.size() > kMaxModelTokens) tokens.clear();
  return tokens;
}

double median_without(const std::vector<double>& sorted, std::size_t skip) {
  const std::size_t k = sorted.size() - 1;  // the others
  auto at = [&](std::size_t j) { return sorted[j < skip ? j : j + 1]; };
  return (at((k - 1) / 2) + at(k / 2)) / 2;
}

namespace {

struct PeerFinding {
  double ratio = 0;
  std::size_t count = 0;
  std::string product;
  bool second_hand = false;
};

struct PeerFindings final : BatchFindings {
  std::vector<std::optional<PeerFinding>> by_listing;  // by batch index
};

constexpr const char* kKey = "peerPriceRule";

class PeerPricesKind final : public SingleRuleKind<PeerPriceRule> {
 public:
  const char* key() const override { return kKey; }

  const char* unsafe_for_scoring(const PackTables& tables, const std::set<std::string>&) const override {
    if (!rule_) return nullptr;
    if (!tables.rates) return "prices need exchange rates";
    if (!rule_->accessory || rule_->tiers.empty() || rule_->min_peers < 1) {
      return "page-peer prices lack their accessory pattern, tiers or minPeers";
    }
    return nullptr;
  }

  std::unique_ptr<BatchFindings> scan_batch(const PackTables& tables,
                                            const std::vector<const ListingContext*>& batch) const override {
    if (!rule_ || !tables.rates || batch.empty()) return nullptr;
    // Product key -> (price in USD, batch index) of its listings.
    std::map<PeerKey, std::vector<std::pair<double, std::size_t>>> groups;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      std::optional<PeerKey> key = key_of(*batch[i]);
      if (key) groups[std::move(*key)].emplace_back(*batch[i]->price_usd, i);
    }
    auto findings = std::make_unique<PeerFindings>();
    findings->by_listing.resize(batch.size());
    const std::size_t min_group = static_cast<std::size_t>(rule_->min_peers) + 1;
    for (auto& [key, members] : groups) {
      if (members.size() < min_group) continue;
      std::vector<double> sorted;
      sorted.reserve(members.size());
      for (const auto& member : members) sorted.push_back(member.first);
      std::sort(sorted.begin(), sorted.end());
      const std::string product = product_label(tables, key);
      for (const auto& [price, index] : members) {
        // Any element equal to the price: the others' median is the same whichever is left out.
        const std::size_t at = static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), price) - sorted.begin());
        const double median = median_without(sorted, at);
        if (!(median > 0)) continue;
        const double ratio = price / median;
        if (!pick_tier(rule_->tiers, ratio)) continue;
        findings->by_listing[index] = PeerFinding{ratio, members.size() - 1, product, key.second_hand};
      }
    }
    return findings;
  }

  void evaluate(const PackTables&, const ListingContext& context, std::vector<Evidence>& evidence) const override {
    if (!rule_ || !context.batch) return;
    const auto* findings = static_cast<const PeerFindings*>(context.batch->find(kKey));
    if (!findings || context.batch_index >= findings->by_listing.size()) return;
    const std::optional<PeerFinding>& finding = findings->by_listing[context.batch_index];
    if (!finding) return;
    const RatioTier* tier = pick_tier(rule_->tiers, finding->ratio);
    if (!tier) return;
    const double weight = finding->second_hand ? tier->weight * rule_->used_factor : tier->weight;
    if (weight <= 0) return;
    evidence.push_back(make_evidence(rule_->text, Category::kPricing, std::round(weight * 10000.0) / 10000.0,
                                     whole_field(Field::kPrice),
                                     {{"percent", static_cast<int>(std::floor(finding->ratio * 100.0))},
                                      {"count", finding->count},
                                      {"product", finding->product}}));
  }

 protected:
  FAKELENS_PACK_LOADING
  std::optional<PeerPriceRule> load_rule(const Json& json, const std::string& path, PackLoad& load) override {
    PackReader& reader = load.reader;
    if (!load.root.contains("exchangeRates")) reader.problem(path, "needs exchangeRates");
    PeerPriceRule rule;
    const auto opened = open_rule(json, path, reader, {"tiers", "minPeers"}, {"percent", "count", "product"}, rule.text);
    if (!opened) return std::nullopt;
    bool ok = *opened;
    ok = read_ratio_tiers(json, path, reader, rule.tiers) && ok;
    double min_peers = rule.min_peers;
    if (json.contains("minPeers")) {
      if (reader.number(json, path, "minPeers", min_peers, 2, 50) && min_peers != std::floor(min_peers)) {
        reader.problem(path + ".minPeers", "must be a whole number");
        ok = false;
      }
      rule.min_peers = static_cast<int>(min_peers);
    }
    // Accessories and second-hand listings as the price floors see them: one pattern and
    // one factor in the pack, read from there.
    const auto floors = load.root.find("priceFloors");
    if (floors == load.root.end() || !floors->is_object()) {
      reader.problem(path, "needs priceFloors (its accessoryPattern and usedFactor)");
      return std::nullopt;
    }
    ok = read_pattern(*floors, "$.priceFloors", "accessoryPattern", true, rule.accessory, reader) && ok;
    if (floors->contains("usedFactor")) {
      ok = reader.number(*floors, "$.priceFloors", "usedFactor", rule.used_factor, 0, 1) && ok;
    }
    if (!ok) return std::nullopt;
    return rule;
  }
  Category category_of(const PeerPriceRule&) const override { return Category::kPricing; }

 private:
  // The product a priced listing is, or nullopt when it is not grouped: no brand, no model
  // token, or an accessory (named in the title or brand field, as the price floors judge).
  std::optional<PeerKey> key_of(const ListingContext& context) const {
    if (!context.price_usd || !(*context.price_usd > 0)) return std::nullopt;
    PeerKey key;
    for (const FieldText* field : {&context.text[0], &context.text[2]}) {
      if (!field->source) continue;
      if (RE2::PartialMatch(field->folded.text, rule_->accessory->get())) return std::nullopt;
      for (const BrandMention& mention : field->brands) key.brands.push_back(mention.brand);
    }
    if (key.brands.empty()) return std::nullopt;
    std::sort(key.brands.begin(), key.brands.end());
    key.brands.erase(std::unique(key.brands.begin(), key.brands.end()), key.brands.end());
    key.models = model_tokens(context.title().folded.text);
    if (key.models.empty()) return std::nullopt;
    const auto condition = context.listing.condition;
    key.second_hand = condition == Condition::kUsed || condition == Condition::kRefurbished;
    return key;
  }

  // "Apple 15 256gb": the brands' names and the model tokens.
  static std::string product_label(const PackTables& tables, const PeerKey& key) {
    std::string label;
    const std::vector<Brand>& brands = tables.brand_list();
    for (const std::size_t b : key.brands) {
      if (b < brands.size()) label += (label.empty() ? "" : " ") + brands[b].name;
    }
    for (const std::string& model : key.models) label += " " + model;
    return label;
  }
};

}  // namespace

std::unique_ptr<SignalKind> make_peer_prices_kind() { return std::make_unique<PeerPricesKind>(); }

}  // namespace fakelens::internal
