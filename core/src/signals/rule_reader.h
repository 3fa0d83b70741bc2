// Internal: what every signal kind reads the same way. A rule's id, message, messageId and
// description; its examples; its RE2 patterns; discount and ratio tiers. One reader each, so
// every kind checks them alike and words its problems alike. Problems go to the PackReader
// with their JSON paths.
#ifndef FAKELENS_SRC_SIGNALS_RULE_READER_H_
#define FAKELENS_SRC_SIGNALS_RULE_READER_H_

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "fakelens/json_reader.h"
#include "fakelens/rule_pack.h"
#include "matching/lazy_regex.h"
#include "pack/pack_reader.h"

namespace fakelens::internal {

// How a rule names and explains itself; every kind's rules carry one.
struct RuleText {
  std::string id;
  std::string message;
  std::string message_id;   // the id unless the pack gives another
  std::string description;
};

template <class IO> void fields(IO& io, RuleText& t) { io(t.id); io(t.message); io(t.message_id); io(t.description); }

// Reads id, message, messageId and description. The message may use only `placeholders`;
// with check_placeholders false the caller checks them (listing rules: condition fields).
// False when any of them is missing or wrong.
bool read_rule_text(const Json& json, const std::string& path, PackReader& reader,
                    std::initializer_list<const char*> placeholders, RuleText& out,
                    bool check_placeholders = true);

// Opens a pack object: false, with a problem, unless `json` is an object; keys not in
// `known` are reported as typos.
bool open_object(const Json& json, const std::string& path, PackReader& reader,
                 std::initializer_list<const char*> known);

// Opens a rule: open_object with the keys every rule has (id, message, messageId,
// description, examples) and the kind's `own_keys`, then read_rule_text into `text`.
// nullopt when `json` is not an object; otherwise whether its text was read whole.
std::optional<bool> open_rule(const Json& json, const std::string& path, PackReader& reader,
                              std::initializer_list<const char*> own_keys,
                              std::initializer_list<const char*> placeholders, RuleText& text,
                              bool check_placeholders = true);

// Reads json.fields: a non-empty list of text fields, each one of `allowed`, each once.
bool read_text_fields(const Json& json, const std::string& path, PackReader& reader,
                      std::initializer_list<Field> allowed, std::vector<Field>& out);

// Listings a rule must and must not fire on. Text rules' examples are titles only, run
// through the text matcher as they load; every other kind's are listings (a string is a
// title), kept here and run through a Scorer once the pack is built.
struct RuleExamples {
  std::string rule_id;
  std::string path;               // "$.specRules[2].examples"
  std::vector<Json> match;        // listings
  std::vector<Json> no_match;
};

// Reads `examples` of `json` (a rule) into `out`, when present.
void read_rule_examples(const Json& json, const std::string& path, PackReader& reader,
                        std::vector<RuleExamples>& out);

// The options every pattern of a pack is compiled with: compile_pattern's, the brands'
// own patterns', and what a pack image assumes of every pattern it carries.
RE2::Options pack_pattern_options();

// A pack pattern: compiled now (reporting a bad one) when the reader verifies patterns,
// otherwise when first used.
std::shared_ptr<const LazyRegex> compile_pattern(const std::string& pattern, const std::string& path,
                                                 PackReader& reader);

// Reads the RE2 pattern at json[key] into `out`. An absent optional key is fine (true,
// `out` stays null); an absent required key, a non-string or a bad pattern is a problem.
bool read_pattern(const Json& json, const std::string& path, const char* key, bool required,
                  std::shared_ptr<const LazyRegex>& out, PackReader& reader);

// ---- Tiers: how much a finding weighs by how far it goes ----

// A discount of at least min_percent (whole percent off) weighs `weight`.
struct DiscountTier {
  int min_percent = 0;
  double weight = 0;
};
template <class IO> void fields(IO& io, DiscountTier& t) { io(t.min_percent); io(t.weight); }

// Reads `tiers`: {minPercent: a whole number from 1 to 100, weight}, ascending.
bool read_discount_tiers(const Json& json, const std::string& path, PackReader& reader,
                         std::vector<DiscountTier>& out);
// The highest tier the discount reaches; null when none.
const DiscountTier* pick_discount_tier(const std::vector<DiscountTier>& tiers, int percent);
// Whole percent off `was`, rounded down, in 0..100.
int discount_percent(double was, double now);

// A price at or below max_ratio of what is plausible weighs `weight`.
struct RatioTier {
  double max_ratio = 0;
  double weight = 0;
};
template <class IO> void fields(IO& io, RatioTier& t) { io(t.max_ratio); io(t.weight); }

// Reads `tiers`: {maxRatio, weight}, ascending.
bool read_ratio_tiers(const Json& json, const std::string& path, PackReader& reader,
                      std::vector<RatioTier>& out);
// The lowest tier that holds for `ratio`; null when none.
const RatioTier* pick_tier(const std::vector<RatioTier>& tiers, double ratio);

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_SIGNALS_RULE_READER_H_
