// Internal: text rules ("textRules"), patterns over the folded title, description and
// brand. Each text field is scanned once by one pattern set (RE2::Set's program) of all the
// rules that apply to it; only the rules that matched are then run alone for their spans.
#ifndef FAKELENS_SRC_SIGNALS_TEXT_RULES_H_
#define FAKELENS_SRC_SIGNALS_TEXT_RULES_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "fakelens/rule_pack.h"
#include "matching/lazy_regex.h"
#include "signals/rule_reader.h"
#include "signals/signal_kind.h"

namespace fakelens::internal {

struct TextRule {
  RuleText text;                        // message: {field}, {match}
  Category category = Category::kCounterfeit;
  double weight = 0;
  std::vector<Field> fields;            // text fields only
  std::string pattern;                  // RE2 syntax, over folded text, {brand} expanded
  std::string set_pattern;              // what joins the field's pattern set: `pattern`, with
                                        // {brand} as "any text" (the rule's own regex decides)
  std::string unless;                   // optional: a hit inside a match of this is dropped
  std::string unless_listing;           // optional: no hits when this matches any text field
  std::string requires_listing;         // optional: no hits unless this matches a text field
  std::vector<std::string> examples_match;     // titles, run through the matcher at load
  std::vector<std::string> examples_no_match;
  std::shared_ptr<const LazyRegex> regex;
  std::shared_ptr<const LazyRegex> unless_regex;  // null when `unless` is empty
  std::shared_ptr<const LazyRegex> unless_listing_regex;
  std::shared_ptr<const LazyRegex> requires_listing_regex;
};

// Whether a text rule's listing-wide conditions hold (requiresListing, unlessListing);
// `matches(regex)` says whether a regex matches any of the listing's folded text fields.
template <typename Matches>
bool listing_allows(const TextRule& rule, const Matches& matches) {
  if (rule.requires_listing_regex && !matches(rule.requires_listing_regex->get())) return false;
  if (rule.unless_listing_regex && matches(rule.unless_listing_regex->get())) return false;
  return true;
}

class TextRulesKind final : public SignalKind {
 public:
  static constexpr const char* kKey = "textRules";
  TextRulesKind();
  ~TextRulesKind() override;

  const std::vector<TextRule>& rules() const { return rules_; }

  // Every hit of every text rule that applies to `field` (a text field) in `folded`
  // (text folded by fold_text). Hits come ordered by rule index, then position; at most
  // limits::kMaxSpansPerRuleField per rule.
  struct TextHit {
    std::size_t rule_index;  // into rules()
    std::size_t begin;       // byte range in the folded text
    std::size_t end;
  };
  std::vector<TextHit> find_text_hits(Field field, std::string_view folded) const;

  // The first half of find_text_hits, into `rules` (cleared first): the indices of the rules
  // whose set entry matches `folded`, from the one scan, ascending: every rule that matches
  // and maybe a few that do not (the set's patterns are widened). Empty when the field's set
  // could not scan this text.
  void rules_in_field(Field field, std::string_view folded, std::vector<std::size_t>& rules) const;

  const char* key() const override { return kKey; }
  void load(const Json& json, const std::string& path, PackLoad& load) override;
  void image(ImageWriter& io, PackTables& tables) override;
  void image(ImageReader& io, PackTables& tables) override;
  void build_indexes(PackTables& tables, bool verify, PackReader& reader) override;
  void visit_rules(const RuleVisitor& visit) const override;
  void count(const PackTables& tables, PackCounts& counts) const override;
  const char* unsafe_for_scoring(const PackTables& tables, const std::set<std::string>& rule_ids) const override;
  void evaluate(const PackTables& tables, const ListingContext& context, std::vector<Evidence>& evidence) const override;

 private:
  struct FieldMatcher;  // a set of the field's patterns and the rules they stand for

  std::vector<TextRule> rules_;
  std::unique_ptr<FieldMatcher> field_matchers_[kTextFieldCount];
};

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_SIGNALS_TEXT_RULES_H_
