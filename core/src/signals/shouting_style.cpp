// Shouting style: caps, exclamation marks and superlatives in the title, counted together.
#include "signals/shouting_style.h"

#include <cmath>

#include "fakelens/utf8.h"
#include "signals/evidence.h"
#include "signals/kind_shapes.h"

namespace fakelens::internal {

template <class IO> void fields(IO& io, StyleRule& r) {
  io(r.text); io(r.weight); io(r.min_letters); io(r.caps_ratio); io(r.min_exclamations);
  io(r.min_superlatives); io(r.min_signs); io(r.superlatives);
}

namespace {

// A whole number from `min` to `max` at json[key].
FAKELENS_PACK_LOADING
bool read_count(const Json& json, const std::string& path, const char* key, double min, double max, int& out,
                PackReader& reader) {
  double value = 0;
  if (!reader.number(json, path, key, value, min, max)) return false;
  out = static_cast<int>(value);
  return true;
}

class ShoutingStyleKind final : public SingleRuleKind<StyleRule> {
 public:
  const char* key() const override { return "styleRule"; }

  const char* unsafe_for_scoring(const PackTables&, const std::set<std::string>&) const override {
    return rule_ && !rule_->superlatives ? "the style rule has no superlatives pattern" : nullptr;
  }

  void evaluate(const PackTables&, const ListingContext& context, std::vector<Evidence>& evidence) const override {
    if (!rule_) return;
    const StyleRule& rule = *rule_;
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
    evidence.push_back(make_evidence(rule.text, Category::kExaggeration, rule.weight, whole_field(Field::kTitle),
                                     {{"capsPercent", letters > 0 ? upper * 100 / letters : 0},
                                      {"exclamations", exclamations},
                                      {"superlatives", superlatives}}));
  }

 protected:
  FAKELENS_PACK_LOADING
  std::optional<StyleRule> load_rule(const Json& json, const std::string& path, PackLoad& load) override {
    PackReader& reader = load.reader;
    StyleRule rule;
    const auto opened = open_rule(json, path, reader,
                                  {"weight", "minLetters", "capsRatio", "minExclamations", "superlatives",
                                   "minSuperlatives", "minSigns"},
                                  {"capsPercent", "exclamations", "superlatives"}, rule.text);
    if (!opened) return std::nullopt;
    bool ok = *opened;
    ok = reader.weight(json, path, rule.weight) && ok;
    ok = read_count(json, path, "minLetters", 1, 1000, rule.min_letters, reader) && ok;
    ok = reader.number(json, path, "capsRatio", rule.caps_ratio, 0.1, 1) && ok;
    ok = read_count(json, path, "minExclamations", 1, 100, rule.min_exclamations, reader) && ok;
    ok = read_count(json, path, "minSuperlatives", 1, 100, rule.min_superlatives, reader) && ok;
    ok = read_count(json, path, "minSigns", 1, 3, rule.min_signs, reader) && ok;
    ok = read_pattern(json, path, "superlatives", true, rule.superlatives, reader) && ok;
    if (!ok) return std::nullopt;
    return rule;
  }
  Category category_of(const StyleRule&) const override { return Category::kExaggeration; }
};

}  // namespace

std::unique_ptr<SignalKind> make_shouting_style_kind() { return std::make_unique<ShoutingStyleKind>(); }

}  // namespace fakelens::internal
