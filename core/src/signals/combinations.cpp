// Combinations: evidence of their own once every rule they require has fired.
#include "signals/combinations.h"

#include <algorithm>

#include "signals/evidence.h"
#include "signals/kind_shapes.h"

namespace fakelens::internal {

template <class IO> void fields(IO& io, ComboRule& r) {
  io(r.text); io.enumeration(r.category, kCategoryCount); io(r.weight); io(r.requires_rules);
}

namespace {

FAKELENS_PACK_LOADING
bool read_required_rules(const Json& json, const std::string& path, PackReader& reader, std::vector<std::string>& out) {
  const auto requires_rules = json.find("requires");
  if (requires_rules == json.end() || !requires_rules->is_array() || requires_rules->size() < 2) {
    reader.problem(path + ".requires", "must list at least two rule ids");
    return false;
  }
  bool ok = true;
  for (const Json& id : *requires_rules) {
    if (!id.is_string()) {
      reader.problem(path + ".requires", "must hold rule ids (strings)");
      ok = false;
    } else {
      out.push_back(id.get<std::string>());
    }
  }
  return ok;
}

class CombinationsKind final : public RuleListKind<ComboRule> {
 public:
  const char* key() const override { return "comboRules"; }

  FAKELENS_PACK_LOADING
  void check_references(const std::set<std::string>& rule_ids, PackReader& reader) const override {
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      for (const std::string& required : rules_[i].requires_rules) {
        if (!rule_ids.count(required)) {
          reader.problem("$.comboRules[" + std::to_string(i) + "].requires",
                         "names \"" + required + "\", which is not a rule of this pack");
        }
      }
    }
  }

  void count(const PackTables&, PackCounts& counts) const override { counts.counts["comboRules"] = rules_.size(); }

  const char* unsafe_for_scoring(const PackTables&, const std::set<std::string>& rule_ids) const override {
    for (const ComboRule& combo : rules_) {
      if (combo.requires_rules.empty()) return "a combination rule requires nothing";
      for (const std::string& required : combo.requires_rules) {
        if (!rule_ids.count(required)) return "a combination rule requires a rule the pack does not have";
      }
    }
    return nullptr;
  }

  // In pack order, so a combination may require one listed before it.
  void combine(FiredRules& fired, std::vector<Evidence>& evidence) const override {
    for (const ComboRule& combo : rules_) {
      const bool all = std::all_of(combo.requires_rules.begin(), combo.requires_rules.end(),
                                   [&](const std::string& id) { return fired.contains(id); });
      if (!all) continue;
      // It points where the first rule it requires pointed.
      const auto first = std::find_if(evidence.begin(), evidence.end(), [&](const Evidence& e) {
        return e.rule == combo.requires_rules.front();
      });
      Evidence item = make_evidence(combo.text, combo.category, combo.weight,
                                    whole_field(first != evidence.end() ? first->field : Field::kTitle),
                                    {{"rules", combo.requires_rules}});
      fired.add(item);
      evidence.push_back(std::move(item));
    }
  }

 protected:
  FAKELENS_PACK_LOADING
  std::optional<ComboRule> load_rule(const Json& json, const std::string& path, PackLoad& load) override {
    PackReader& reader = load.reader;
    ComboRule rule;
    const auto opened = open_rule(json, path, reader, {"category", "weight", "requires"}, {}, rule.text);
    if (!opened) return std::nullopt;
    bool ok = *opened;
    ok = reader.weight(json, path, rule.weight) && ok;
    ok = reader.category(json, path, rule.category) && ok;
    ok = read_required_rules(json, path, reader, rule.requires_rules) && ok;
    if (!ok) return std::nullopt;
    return rule;
  }
  Category category_of(const ComboRule& rule) const override { return rule.category; }
};

}  // namespace

std::unique_ptr<SignalKind> make_combinations_kind() { return std::make_unique<CombinationsKind>(); }

}  // namespace fakelens::internal
