// Text rules: their loading (with {brand} expanded and examples run), their pattern sets,
// and their evidence.
#include "signals/text_rules.h"

#include <algorithm>
#include <mutex>

#include "fakelens/limits.h"
#include "fakelens/text_normalizer.h"
#include "matching/pattern_set.h"
#include "signals/evidence.h"
#include "signals/kind_shapes.h"

namespace fakelens::internal {

template <class IO> void fields(IO& io, TextRule& r) {
  // Each pattern's regex right after its text: the regex then says "the same text".
  io(r.text.id); io.enumeration(r.category, kCategoryCount); io(r.weight); io.enumerations(r.fields, kTextFieldCount);
  io(r.pattern); io(r.regex); io(r.unless); io(r.unless_regex); io(r.unless_listing); io(r.unless_listing_regex);
  io(r.requires_listing); io(r.requires_listing_regex); io(r.set_pattern);
  io(r.text.message); io(r.text.message_id); io(r.text.description); io(r.examples_match); io(r.examples_no_match);
}

// The pattern set (RE2::Set's program: pattern_set.h) of one text field's rules, built the
// first time the field is scanned (or at load, when the pack is verified): a page may
// never show a description. It answers a superset: every rule it names is run alone for
// its spans (find_text_hits), and its widened patterns make it quicker to build and run.
struct TextRulesKind::FieldMatcher {
  RE2::Options options;
  std::vector<std::size_t> rule_indices;  // set entry -> index into rules_

  // Null when the set cannot be built; the caller then runs each rule alone.
  const PatternSet* set(const std::vector<TextRule>& rules, std::string* error = nullptr) const {
    std::call_once(built_, [&] {
      auto candidate = std::make_unique<PatternSet>(options, PatternSet::Answers::kSuperset);
      for (const std::size_t index : rule_indices) {
        if (candidate->add(rules[index].set_pattern, error) < 0) return;
      }
      if (candidate->compile()) set_ = std::move(candidate);
    });
    return set_.get();
  }

 private:
  mutable std::once_flag built_;
  mutable std::unique_ptr<PatternSet> set_;
};

TextRulesKind::TextRulesKind() = default;
TextRulesKind::~TextRulesKind() = default;

namespace {

RE2::Options set_options() {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_case_sensitive(true);  // text is case-folded before matching
  options.set_log_errors(false);
  options.set_max_mem(limits::kRuleSetMaxMem);
  return options;
}

// Finds the spans of one rule in folded text: group 1 when the pattern captures (so a
// pattern can require context without highlighting it), else the whole match; hits that
// fall inside a match of the rule's `unless` pattern are dropped.
void find_rule_spans(const TextRule& rule, std::size_t rule_index, std::string_view text,
                     std::vector<TextRulesKind::TextHit>& hits) {
  const RE2& regex = rule.regex->get();
  const int groups = std::min(regex.NumberOfCapturingGroups(), 1);
  re2::StringPiece submatch[2];
  std::size_t pos = 0;
  int found = 0;
  while (pos <= text.size() && found < limits::kMaxSpansPerRuleField) {
    if (!regex.Match(text, pos, text.size(), RE2::UNANCHORED, submatch, groups + 1)) break;
    const re2::StringPiece& whole = submatch[0];
    const re2::StringPiece& wanted = (groups == 1 && submatch[1].data()) ? submatch[1] : whole;
    const std::size_t begin = static_cast<std::size_t>(wanted.data() - text.data());
    const std::size_t end = begin + wanted.size();
    const std::size_t whole_end = static_cast<std::size_t>(whole.data() - text.data()) + whole.size();

    bool suppressed = false;
    if (rule.unless_regex) {
      // `unless` phrases are short context ("not a replica"): look only near the hit,
      // which keeps the check bounded whatever the text's length.
      constexpr std::size_t kContext = 64;
      std::size_t lo = begin > kContext ? begin - kContext : 0;
      std::size_t hi = std::min(text.size(), end + kContext);
      while (lo > 0 && (static_cast<unsigned char>(text[lo]) & 0xC0) == 0x80) --lo;
      while (hi < text.size() && (static_cast<unsigned char>(text[hi]) & 0xC0) == 0x80) ++hi;
      re2::StringPiece context_match;
      std::size_t at = lo;
      while (at <= hi &&
             rule.unless_regex->get().Match(text, at, hi, RE2::UNANCHORED, &context_match, 1)) {
        const std::size_t u_begin = static_cast<std::size_t>(context_match.data() - text.data());
        const std::size_t u_end = u_begin + context_match.size();
        if (u_begin <= begin && end <= u_end) {
          suppressed = true;
          break;
        }
        at = u_end > u_begin ? u_end : u_begin + 1;
      }
    }
    if (!suppressed && end > begin) {
      hits.push_back({rule_index, begin, end});
      ++found;
    }
    // Continue after the match; step over one code point after an empty match.
    std::size_t next = std::max(whole_end, end);
    if (next <= pos) {
      next = pos + 1;
      while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
    }
    pos = next;
  }
}

constexpr std::string_view kBrandMacro = "{brand}";

// `text` with every `from` replaced by `to`. Built afresh, so only `text` is searched,
// never what `to` adds (the brand alternation is 1,000+ spellings long).
std::string replace_all(std::string_view text, std::string_view from, std::string_view to) {
  std::string out;
  std::size_t done = 0;
  for (std::size_t at; (at = text.find(from, done)) != std::string_view::npos; done = at + from.size()) {
    out.append(text.substr(done, at - done));
    out.append(to);
  }
  out.append(text.substr(done));
  return out;
}

// Replaces every "{brand}" with the alternation of the pack's plain brand spellings.
bool expand_brand_macro(std::string& pattern, const std::string* brand_alternation,
                        const std::string& path, PackReader& reader) {
  if (pattern.find(kBrandMacro) == std::string::npos) return true;
  if (!brand_alternation) {
    reader.problem(path, "uses {brand} but the pack has no brands");
    return false;
  }
  pattern = replace_all(pattern, kBrandMacro, *brand_alternation);
  return true;
}

// Reads an optional pattern key of a text rule, expanding {brand}.
FAKELENS_PACK_LOADING
bool read_optional_pattern(const Json& json, const std::string& path, const char* key,
                           const std::string* brand_alternation, PackReader& reader,
                           std::string& text, std::shared_ptr<const LazyRegex>& regex) {
  if (!json.contains(key)) return true;
  if (!reader.text(json, path, key, text, true, limits::kMaxPatternBytes)) return false;
  if (!expand_brand_macro(text, brand_alternation, path + "." + key, reader)) return false;
  regex = compile_pattern(text, path + "." + key, reader);
  return regex != nullptr;
}

// "pattern" and the optional unless, unlessListing, requiresListing, with {brand} expanded.
FAKELENS_PACK_LOADING
bool read_text_patterns(const Json& json, const std::string& path, const std::string* brand_alternation,
                        PackReader& reader, TextRule& rule) {
  if (reader.text(json, path, "pattern", rule.pattern, true, limits::kMaxPatternBytes)) {
    // In the field's set, {brand} is any text: the set only says which rules may match,
    // and the rule's own regex (with 1,000+ brand spellings per {brand}) decides. One
    // rule uses {brand} ten times; expanded in the set it made the set slow to compile.
    rule.set_pattern = replace_all(rule.pattern, kBrandMacro, "(?s:.+)");
    if (expand_brand_macro(rule.pattern, brand_alternation, path + ".pattern", reader)) {
      rule.regex = compile_pattern(rule.pattern, path + ".pattern", reader);
    }
  }
  bool ok = rule.regex != nullptr;
  ok = read_optional_pattern(json, path, "unless", brand_alternation, reader, rule.unless, rule.unless_regex) && ok;
  ok = read_optional_pattern(json, path, "unlessListing", brand_alternation, reader, rule.unless_listing,
                             rule.unless_listing_regex) && ok;
  ok = read_optional_pattern(json, path, "requiresListing", brand_alternation, reader, rule.requires_listing,
                             rule.requires_listing_regex) && ok;
  return ok;
}

// "examples": titles the rule must and must not match.
FAKELENS_PACK_LOADING
bool read_title_examples(const Json& json, const std::string& path, PackReader& reader, TextRule& rule) {
  const auto examples = json.find("examples");
  if (examples == json.end() || !examples->is_object()) {
    reader.problem(path + ".examples", "must be an object {match: [...], noMatch: [...]}");
    return false;
  }
  reader.unknown_keys(*examples, path + ".examples", {"match", "noMatch"});
  bool ok = reader.string_list(*examples, path + ".examples", "match", rule.examples_match);
  ok = reader.string_list(*examples, path + ".examples", "noMatch", rule.examples_no_match) && ok;
  return ok;
}

// Runs every example through the same folding and matching as a real listing.
FAKELENS_PACK_LOADING
void check_title_examples(const TextRule& rule, const std::string& path, PackReader& reader) {
  auto check = [&](const std::vector<std::string>& examples, bool should_match, const char* key) {
    for (std::size_t i = 0; i < examples.size(); ++i) {
      const FoldedText folded = fold_text(examples[i]);
      std::vector<TextRulesKind::TextHit> hits;
      find_rule_spans(rule, 0, folded.text, hits);
      if (!listing_allows(rule, [&](const RE2& regex) { return RE2::PartialMatch(folded.text, regex); })) {
        hits.clear();
      }
      if (hits.empty() == should_match) {
        reader.problem(path + ".examples." + key + "[" + std::to_string(i) + "]",
                       std::string("\"") + examples[i] + (should_match ? "\" does not match" : "\" matches") +
                           " (folded: \"" + folded.text + "\")");
      }
    }
  };
  check(rule.examples_match, true, "match");
  check(rule.examples_no_match, false, "noMatch");
}

FAKELENS_PACK_LOADING
std::optional<TextRule> load_text_rule(const Json& json, const std::string& path, const std::string* brand_alternation,
                                       PackReader& reader) {
  TextRule rule;
  const auto opened = open_rule(json, path, reader,
                                {"category", "weight", "fields", "pattern", "unless", "unlessListing", "requiresListing"},
                                {"field", "match"}, rule.text);
  if (!opened) return std::nullopt;
  bool ok = *opened;
  ok = reader.category(json, path, rule.category) && ok;
  ok = reader.weight(json, path, rule.weight) && ok;
  ok = read_text_fields(json, path, reader, {Field::kTitle, Field::kDescription, Field::kBrand}, rule.fields) && ok;
  ok = read_text_patterns(json, path, brand_alternation, reader, rule) && ok;
  ok = read_title_examples(json, path, reader, rule) && ok;
  if (!ok) return std::nullopt;
  if (reader.verify_patterns()) check_title_examples(rule, path, reader);
  return rule;
}

}  // namespace

FAKELENS_PACK_LOADING
void TextRulesKind::load(const Json& json, const std::string& path, PackLoad& load) {
  if (!json.is_array()) {
    load.reader.problem(path, "must be an array");
    return;
  }
  load.rules_given += json.size();
  const std::string* brand_alternation = load.tables.brand_alternation();
  for (std::size_t i = 0; i < json.size() && i < limits::kMaxRules; ++i) {
    if (auto rule = load_text_rule(json[i], path + "[" + std::to_string(i) + "]", brand_alternation, load.reader)) {
      rules_.push_back(std::move(*rule));
    } else {
      load.not_kept(json[i]);
    }
  }
}

void TextRulesKind::image(ImageWriter& io, PackTables&) { io(rules_); }
FAKELENS_PACK_LOADING void TextRulesKind::image(ImageReader& io, PackTables&) { io(rules_); }

// One pattern set per text field over the rules that apply to it (compiled when first used,
// or here when verifying, reporting what cannot join).
FAKELENS_PACK_LOADING
void TextRulesKind::build_indexes(PackTables&, bool verify, PackReader& reader) {
  const RE2::Options options = set_options();
  for (int f = 0; f < kTextFieldCount; ++f) {
    auto matcher = std::make_unique<FieldMatcher>();
    matcher->options = options;
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      const TextRule& rule = rules_[i];
      if (std::find(rule.fields.begin(), rule.fields.end(), static_cast<Field>(f)) == rule.fields.end()) continue;
      if (verify) {
        // Each set pattern alone first, so a problem names its rule.
        PatternSet alone(options, PatternSet::Answers::kSuperset);
        std::string error;
        if (alone.add(rule.set_pattern, &error) < 0) {
          reader.problem("$.textRules[" + std::to_string(i) + "].pattern", "cannot join the field's rule set: " + error);
          continue;
        }
      }
      matcher->rule_indices.push_back(i);
    }
    if (matcher->rule_indices.empty()) continue;
    if (verify && !matcher->set(rules_)) {
      reader.problem("$.textRules", std::string("the rules for the ") + field_name(static_cast<Field>(f)) +
                                        " field are too large to compile together");
      continue;
    }
    field_matchers_[f] = std::move(matcher);
  }
}

void TextRulesKind::rules_in_field(Field field, std::string_view folded, std::vector<std::size_t>& rules) const {
  rules.clear();
  const int f = static_cast<int>(field);
  if (f < 0 || f >= kTextFieldCount || !field_matchers_[f]) return;
  const FieldMatcher& matcher = *field_matchers_[f];
  thread_local std::vector<int> matched;  // reused: this runs for every text field
  const PatternSet* set = matcher.set(rules_);
  if (set && set->match(folded, matched) == PatternSet::Outcome::kMatch) {
    for (const int entry : matched) rules.push_back(matcher.rule_indices[static_cast<std::size_t>(entry)]);
  }
}

std::vector<TextRulesKind::TextHit> TextRulesKind::find_text_hits(Field field, std::string_view folded) const {
  std::vector<TextHit> hits;
  const int f = static_cast<int>(field);
  if (f < 0 || f >= kTextFieldCount || !field_matchers_[f]) return hits;
  const FieldMatcher& matcher = *field_matchers_[f];

  thread_local std::vector<int> matched;  // reused: this runs for every text field
  const PatternSet* set = matcher.set(rules_);
  const auto outcome = set ? set->match(folded, matched) : PatternSet::Outcome::kFailed;
  if (outcome == PatternSet::Outcome::kMatch) {
    for (const int entry : matched) {
      const std::size_t rule_index = matcher.rule_indices[static_cast<std::size_t>(entry)];
      find_rule_spans(rules_[rule_index], rule_index, folded, hits);
    }
  } else if (outcome == PatternSet::Outcome::kFailed) {
    // The set's DFA ran out of its memory budget (only on huge, pathological text), or an
    // unverified set failed to build: run each rule alone, still linear time, same result.
    for (const std::size_t rule_index : matcher.rule_indices) {
      find_rule_spans(rules_[rule_index], rule_index, folded, hits);
    }
  }
  return hits;
}

FAKELENS_PACK_LOADING
void TextRulesKind::visit_rules(const RuleVisitor& visit) const {
  for (std::size_t i = 0; i < rules_.size(); ++i) visit(rules_[i].text.id, i, rules_[i].category);
}

void TextRulesKind::count(const PackTables&, PackCounts& counts) const {
  counts.counts["textRules"] = rules_.size();
  for (const TextRule& rule : rules_) counts.examples_checked += rule.examples_match.size() + rule.examples_no_match.size();
}

const char* TextRulesKind::unsafe_for_scoring(const PackTables&, const std::set<std::string>&) const {
  for (const TextRule& rule : rules_) {
    if (!rule.regex || rule.fields.empty() || !(rule.weight > 0 && rule.weight <= 1)) {
      return "a text rule has no pattern, field or weight";
    }
  }
  return nullptr;
}

void TextRulesKind::evaluate(const PackTables&, const ListingContext& context, std::vector<Evidence>& evidence) const {
  auto matches_listing = [&](const re2::RE2& regex) { return context.any_text_matches(regex); };
  for (const FieldText& field : context.text) {
    if (!field.source || field.source->empty()) continue;
    for (const TextHit& hit : find_text_hits(field.field, field.folded.text)) {
      const TextRule& rule = rules_[hit.rule_index];
      if (!listing_allows(rule, matches_listing)) continue;
      EvidenceTarget target = text_range(field, hit.begin, hit.end);
      OrderedJson args = {{"field", field_name(field.field)}, {"match", *target.match}};
      evidence.push_back(make_evidence(rule.text, rule.category, rule.weight, std::move(target), std::move(args)));
    }
  }
}

std::unique_ptr<SignalKind> make_text_rules_kind() { return std::make_unique<TextRulesKind>(); }

}  // namespace fakelens::internal
