// The seller-record rule: evidence from the credit of the seller's history.
#include "signals/seller_record_rule.h"

#include <algorithm>

#include "fakelens/seller_record.h"
#include "signals/evidence.h"
#include "signals/kind_shapes.h"

namespace fakelens::internal {

template <class IO> void fields(IO& io, SellerRecordRule& r) { io(r.text); io(r.max_weight); io(r.max_credit); }

namespace {

std::string times(std::int64_t n) {
  if (n == 1) return "once";
  if (n == 2) return "twice";
  return std::to_string(n) + " times";
}

// "You reported this seller twice; 5 of the 12 listings of theirs you saw were high risk"
std::string describe(const SellerRecord& record) {
  std::string text;
  if (record.reports > 0) text = "You reported this seller " + times(record.reports);
  if (record.seen_high > 0) {
    text += text.empty() ? "" : "; ";
    text += std::to_string(record.seen_high) + " of the " + std::to_string(record.seen) +
            (record.seen == 1 ? " listing" : " listings") + " of theirs you saw " +
            (record.seen_high == 1 ? "was" : "were") + " high risk";
  }
  return text;
}

// The seller's credit from the listing's history; an official store counts as official
// even when the history has not recorded it yet.
std::optional<SellerRecord> record_of(const Listing& listing) {
  if (!listing.seller || !listing.seller->history) return std::nullopt;
  SellerRecord record = compute_seller_record(*listing.seller->history);
  if (listing.seller->official.value_or(false) && !record.official) {
    SellerHistory with_official = *listing.seller->history;
    with_official.events.push_back({SellerEventType::kOfficial, with_official.as_of_day, 1});
    record = compute_seller_record(with_official);
  }
  return record;
}

class SellerRecordKind final : public SingleRuleKind<SellerRecordRule> {
 public:
  const char* key() const override { return "sellerRecordRule"; }

  void evaluate(const PackTables&, const ListingContext& context, std::vector<Evidence>& evidence) const override {
    if (!rule_) return;
    const std::optional<SellerRecord> record = record_of(context.listing);
    if (!record || record->credit > rule_->max_credit || (record->reports == 0 && record->seen_high == 0)) return;
    // Weight in basis points from the integer credit, so it is exact on every platform.
    const double weight = std::min(rule_->max_weight, static_cast<double>(100 - record->credit) / 100.0);
    evidence.push_back(make_evidence(rule_->text, Category::kSeller, weight, whole_field(Field::kSeller),
                                     {{"history", describe(*record)}, {"credit", record->credit},
                                      {"reports", record->reports}, {"seen", record->seen},
                                      {"seenHigh", record->seen_high}}));
  }

 protected:
  FAKELENS_PACK_LOADING
  std::optional<SellerRecordRule> load_rule(const Json& json, const std::string& path, PackLoad& load) override {
    PackReader& reader = load.reader;
    SellerRecordRule rule;
    const auto opened = open_rule(json, path, reader, {"maxWeight", "maxCredit"}, {"history", "credit"}, rule.text);
    if (!opened) return std::nullopt;
    bool ok = *opened;
    ok = reader.number(json, path, "maxWeight", rule.max_weight, 0.0, 1.0) && ok;
    double max_credit = 90;
    ok = reader.number(json, path, "maxCredit", max_credit, 0, 99) && ok;
    rule.max_credit = static_cast<int>(max_credit);
    if (!ok) return std::nullopt;
    return rule;
  }
  Category category_of(const SellerRecordRule&) const override { return Category::kSeller; }
};

}  // namespace

std::unique_ptr<SignalKind> make_seller_record_kind() { return std::make_unique<SellerRecordKind>(); }

}  // namespace fakelens::internal
