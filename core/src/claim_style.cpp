// Shouting style: titles written mostly in capitals, with runs of exclamation marks and
// piles of superlatives, go with exaggerated claims. Each sign alone is common; the rule
// fires only when several hold at once, and weighs little.
#include <cmath>

#include "fakelens/limits.h"
#include "fakelens/utf8.h"
#include "signals.h"

namespace fakelens::internal {

FAKELENS_PACK_LOADING
std::optional<StyleRule> load_style_rule(const Json& json, const std::string& path, PackReader& reader) {
  if (!json.is_object()) {
    reader.problem(path, "must be an object");
    return std::nullopt;
  }
  reader.unknown_keys(json, path, {"id", "weight", "minLetters", "capsRatio", "minExclamations",
                                   "superlatives", "minSuperlatives", "minSigns", "message",
                                   "messageId", "description", "examples"});
  StyleRule rule;
  bool ok = read_rule_text(json, path, reader, {"capsPercent", "exclamations", "superlatives"}, rule.text);
  ok = reader.weight(json, path, rule.weight) && ok;
  double value = 0;
  if (reader.number(json, path, "minLetters", value, 1, 1000)) rule.min_letters = static_cast<int>(value); else ok = false;
  ok = reader.number(json, path, "capsRatio", rule.caps_ratio, 0.1, 1) && ok;
  if (reader.number(json, path, "minExclamations", value, 1, 100)) rule.min_exclamations = static_cast<int>(value); else ok = false;
  if (reader.number(json, path, "minSuperlatives", value, 1, 100)) rule.min_superlatives = static_cast<int>(value); else ok = false;
  if (reader.number(json, path, "minSigns", value, 1, 3)) rule.min_signs = static_cast<int>(value); else ok = false;
  ok = read_pattern(json, path, "superlatives", true, rule.superlatives, reader) && ok;
  if (!ok) return std::nullopt;
  return rule;
}

void evaluate_style_rule(const StyleRule& rule, const ListingContext& context,
                         std::vector<Evidence>& evidence) {
  const FieldText& title = context.title();
  const std::string& source = *title.source;
  int upper = 0, lower = 0, exclamations = 0;
  for (std::size_t pos = 0; pos < source.size();) {
    std::size_t length = 1;
    const char32_t cp = utf8::decode(source, pos, &length);
    if (cp >= 'A' && cp <= 'Z') ++upper;
    else if (cp >= 'a' && cp <= 'z') ++lower;
    else if (cp == '!' || cp == 0xFF01 || cp == 0x203C) ++exclamations;
    pos += length;
  }
  int superlatives = 0;
  re2::StringPiece input(title.folded.text);
  while (superlatives < 100 && RE2::FindAndConsume(&input, rule.superlatives->get())) ++superlatives;

  const int letters = upper + lower;
  const bool shouting = letters >= rule.min_letters && upper >= rule.caps_ratio * letters;
  const int signs = (shouting ? 1 : 0) + (exclamations >= rule.min_exclamations ? 1 : 0) +
                    (superlatives >= rule.min_superlatives ? 1 : 0);
  if (signs < rule.min_signs) return;

  Evidence item;
  item.rule = rule.text.id;
  item.category = Category::kExaggeration;
  item.weight = rule.weight;
  item.field = Field::kTitle;
  item.message_id = rule.text.message_id;
  item.args = {{"capsPercent", letters > 0 ? upper * 100 / letters : 0},
               {"exclamations", exclamations},
               {"superlatives", superlatives}};
  item.message = fill_message(rule.text.message, item.args);
  evidence.push_back(std::move(item));
}

}  // namespace fakelens::internal
