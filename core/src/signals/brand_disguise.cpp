// Brand disguise: every brand mention not spelled plainly is evidence.
#include "signals/brand_disguise.h"

#include "signals/evidence.h"
#include "signals/kind_shapes.h"

namespace fakelens::internal {

template <class IO> void fields(IO& io, BrandDisguiseRule& r) {
  io(r.text.id); io(r.weight); io(r.misspelled_weight); io(r.text.message); io(r.text.message_id); io(r.text.description);
}

namespace {

const char* disguise_name(BrandSpelling spelling) {
  switch (spelling) {
    case BrandSpelling::kMisspelled: return "misspelled";
    case BrandSpelling::kSpacedOut: return "spaced-out";
    default: return "look-alike";
  }
}

class BrandDisguiseKind final : public SingleRuleKind<BrandDisguiseRule> {
 public:
  const char* key() const override { return "brandDisguise"; }

  const char* unsafe_for_scoring(const PackTables& tables, const std::set<std::string>&) const override {
    return rule_ && !tables.brands ? "brand disguise needs the pack's brands" : nullptr;
  }

  void evaluate(const PackTables& tables, const ListingContext& context, std::vector<Evidence>& evidence) const override {
    if (!rule_ || !tables.brands) return;
    for (const FieldText& field : context.text) {
      for (const BrandMention& mention : field.brands) {
        if (mention.spelling == BrandSpelling::kPlain) continue;
        EvidenceTarget target = text_range(field, mention.begin, mention.end);
        OrderedJson args = {{"field", field_name(field.field)},
                            {"match", *target.match},
                            {"brand", tables.brands->brands()[mention.brand].name},
                            {"disguise", disguise_name(mention.spelling)}};
        const double weight = mention.spelling == BrandSpelling::kMisspelled && rule_->misspelled_weight
                                  ? *rule_->misspelled_weight
                                  : rule_->weight;
        evidence.push_back(make_evidence(rule_->text, Category::kCounterfeit, weight, std::move(target), std::move(args)));
      }
    }
  }

 protected:
  FAKELENS_PACK_LOADING
  std::optional<BrandDisguiseRule> load_rule(const Json& json, const std::string& path, PackLoad& load) override {
    PackReader& reader = load.reader;
    if (!load.tables.brands) reader.problem(path, "needs the pack's brands");
    BrandDisguiseRule rule;
    const auto opened = open_rule(json, path, reader, {"weight", "misspelledWeight"}, {"field", "match", "brand"}, rule.text);
    if (!opened) return std::nullopt;
    bool ok = *opened;
    ok = reader.weight(json, path, rule.weight) && ok;
    if (json.contains("misspelledWeight")) {
      double misspelled = 0;
      if (reader.number(json, path, "misspelledWeight", misspelled, 0.01, 1)) rule.misspelled_weight = misspelled;
      else ok = false;
    }
    if (!ok) return std::nullopt;
    return rule;
  }
  Category category_of(const BrandDisguiseRule&) const override { return Category::kCounterfeit; }
};

}  // namespace

std::unique_ptr<SignalKind> make_brand_disguise_kind() { return std::make_unique<BrandDisguiseKind>(); }

}  // namespace fakelens::internal
