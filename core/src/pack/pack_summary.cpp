// RulePack::summary: what a pack holds, counted by every kind in turn.
#include "fakelens/rule_pack.h"
#include "signals/signal_kind.h"

namespace fakelens {

OrderedJson RulePack::summary() const {
  const internal::PackSections& sections = *sections_;
  internal::PackCounts counts;
  OrderedJson kinds = OrderedJson::array();
  int by_category[kCategoryCount] = {};
  for (const auto& kind : sections.kinds) {
    kind->count(sections.tables, counts);
    OrderedJson rules = OrderedJson::array();
    kind->visit_rules([&](const std::string& id, std::size_t, Category category) {
      ++by_category[static_cast<int>(category)];
      rules.push_back({{"id", id}, {"category", category_name(category)}});
    });
    kinds.push_back({{"key", kind->key()}, {"rules", std::move(rules)}});
  }
  OrderedJson per_category = OrderedJson::object();
  for (int c = 0; c < kCategoryCount; ++c) per_category[category_name(static_cast<Category>(c))] = by_category[c];
  counts.counts["byCategory"] = per_category;
  counts.counts["examplesChecked"] = counts.examples_checked + sections.tables.example_listings;

  OrderedJson summary = OrderedJson::object();
  summary["id"] = id_;
  summary["version"] = version_;
  summary["schemaVersion"] = kRulePackSchemaVersion;
  summary["description"] = description_;
  summary["thresholds"] = {{"medium", thresholds_.medium}, {"high", thresholds_.high}};
  summary["counts"] = counts.counts;
  summary["kinds"] = kinds;
  return summary;
}

}  // namespace fakelens
