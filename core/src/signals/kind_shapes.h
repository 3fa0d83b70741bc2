// Internal: the two shapes a signal kind's pack key takes, an array of rules ("specRules":
// [...]) or one rule ("styleRule": {...}), with what follows from the shape alone: reading
// the JSON (every rule's listing examples too), the pack image, the id walk. A kind derives
// from one and reads one rule (load_rule) and names its category (category_of).
// Include this only from a kind's .cpp, after the kind's fields(): the image functions
// below write and read each rule through it.
#ifndef FAKELENS_SRC_SIGNALS_KIND_SHAPES_H_
#define FAKELENS_SRC_SIGNALS_KIND_SHAPES_H_

#include <optional>
#include <string>
#include <vector>

#include "fakelens/limits.h"
#include "pack/pack_image_io.h"
#include "pack/pack_loading.h"
#include "signals/rule_reader.h"
#include "signals/signal_kind.h"

namespace fakelens::internal {

template <class Rule>
class RuleListKind : public SignalKind {
 public:
  const std::vector<Rule>& rules() const { return rules_; }

  FAKELENS_PACK_LOADING
  void load(const Json& json, const std::string& path, PackLoad& load) override {
    if (!json.is_array()) {
      load.reader.problem(path, "must be an array");
      return;
    }
    load.rules_given += json.size();
    for (std::size_t i = 0; i < json.size() && i < limits::kMaxRules; ++i) {
      const std::string at = path + "[" + std::to_string(i) + "]";
      if (auto rule = load_rule(json[i], at, load)) rules_.push_back(std::move(*rule));
      else load.not_kept(json[i]);
      if (has_listing_examples()) read_rule_examples(json[i], at, load.reader, load.tables.examples);
    }
  }
  void image(ImageWriter& io, PackTables&) override { io(rules_); }
  FAKELENS_PACK_LOADING void image(ImageReader& io, PackTables&) override { io(rules_); }
  void visit_rules(const RuleVisitor& visit) const override {
    for (std::size_t i = 0; i < rules_.size(); ++i) visit(rules_[i].text.id, i, category_of(rules_[i]));
  }

 protected:
  // One rule at `path`; nullopt when it has problems (all reported).
  virtual std::optional<Rule> load_rule(const Json& json, const std::string& path, PackLoad& load) = 0;
  virtual Category category_of(const Rule& rule) const = 0;
  // Whether its rules' examples are listings run through the scorer (all kinds but text rules).
  virtual bool has_listing_examples() const { return true; }

  std::vector<Rule> rules_;
};

template <class Rule>
class SingleRuleKind : public SignalKind {
 public:
  const std::optional<Rule>& rule() const { return rule_; }

  FAKELENS_PACK_LOADING
  void load(const Json& json, const std::string& path, PackLoad& load) override {
    ++load.rules_given;
    rule_ = load_rule(json, path, load);
    if (!rule_) load.not_kept(json);
    read_rule_examples(json, path, load.reader, load.tables.examples);
  }
  void image(ImageWriter& io, PackTables&) override { io(rule_); }
  FAKELENS_PACK_LOADING void image(ImageReader& io, PackTables&) override { io(rule_); }
  void visit_rules(const RuleVisitor& visit) const override {
    if (rule_) visit(rule_->text.id, kNotInArray, category_of(*rule_));
  }

 protected:
  virtual std::optional<Rule> load_rule(const Json& json, const std::string& path, PackLoad& load) = 0;
  virtual Category category_of(const Rule& rule) const = 0;

  std::optional<Rule> rule_;
};

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_SIGNALS_KIND_SHAPES_H_
