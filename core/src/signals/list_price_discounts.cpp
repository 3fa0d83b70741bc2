// List-price discounts: the listing's price against its crossed-out list price.
#include "signals/list_price_discounts.h"

#include "signals/evidence.h"
#include "signals/kind_shapes.h"

namespace fakelens::internal {

template <class IO> void fields(IO& io, ListPriceDiscountRule& r) {
  io(r.text.id); io(r.tiers); io(r.text.message); io(r.text.message_id); io(r.text.description);
}

namespace {

class ListPriceDiscountsKind final : public RuleListKind<ListPriceDiscountRule> {
 public:
  const char* key() const override { return "discountRules"; }

  void count(const PackTables&, PackCounts& counts) const override { counts.counts["discountRules"] = rules_.size(); }

  const char* unsafe_for_scoring(const PackTables&, const std::set<std::string>&) const override {
    for (const ListPriceDiscountRule& rule : rules_) {
      if (rule.tiers.empty()) return "a discount rule has no tiers";
    }
    return nullptr;
  }

  void evaluate(const PackTables&, const ListingContext& context, std::vector<Evidence>& evidence) const override {
    const Listing& listing = context.listing;
    if (!listing.price || !listing.list_price) return;
    const Money& price = *listing.price;
    const Money& list_price = *listing.list_price;
    // Different currencies are not compared; a zero price usually means "not shown".
    if (price.currency != list_price.currency || price.amount <= 0 || list_price.amount <= price.amount) return;
    const int percent = discount_percent(list_price.amount, price.amount);
    for (const ListPriceDiscountRule& rule : rules_) {
      const DiscountTier* tier = pick_discount_tier(rule.tiers, percent);
      if (!tier) continue;
      evidence.push_back(make_evidence(rule.text, Category::kPricing, tier->weight, whole_field(Field::kListPrice),
                                       {{"percent", percent},
                                        {"price", format_money(price.amount, price.currency)},
                                        {"listPrice", format_money(list_price.amount, list_price.currency)}}));
    }
  }

 protected:
  FAKELENS_PACK_LOADING
  std::optional<ListPriceDiscountRule> load_rule(const Json& json, const std::string& path, PackLoad& load) override {
    PackReader& reader = load.reader;
    ListPriceDiscountRule rule;
    const auto opened = open_rule(json, path, reader, {"tiers"}, {"percent", "price", "listPrice"}, rule.text);
    if (!opened) return std::nullopt;
    bool ok = *opened;
    ok = read_discount_tiers(json, path, reader, rule.tiers) && ok;
    if (!ok) return std::nullopt;
    return rule;
  }
  Category category_of(const ListPriceDiscountRule&) const override { return Category::kPricing; }
};

}  // namespace

std::unique_ptr<SignalKind> make_list_price_discounts_kind() { return std::make_unique<ListPriceDiscountsKind>(); }

}  // namespace fakelens::internal
