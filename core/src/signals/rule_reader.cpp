// The readers every signal kind shares (rule_reader.h).
#include "signals/rule_reader.h"

#include <algorithm>
#include <cmath>

#include "fakelens/limits.h"

namespace fakelens::internal {

FAKELENS_PACK_LOADING
bool open_object(const Json& json, const std::string& path, PackReader& reader,
                 std::initializer_list<const char*> known) {
  if (!json.is_object()) {
    reader.problem(path, "must be an object");
    return false;
  }
  reader.unknown_keys(json, path, known);
  return true;
}

FAKELENS_PACK_LOADING
std::optional<bool> open_rule(const Json& json, const std::string& path, PackReader& reader,
                              std::initializer_list<const char*> own_keys,
                              std::initializer_list<const char*> placeholders, RuleText& text,
                              bool check_placeholders) {
  if (!json.is_object()) {
    reader.problem(path, "must be an object");
    return std::nullopt;
  }
  std::vector<const char*> known = {"id", "message", "messageId", "description", "examples"};
  known.insert(known.end(), own_keys.begin(), own_keys.end());
  reader.unknown_keys(json, path, known.begin(), known.end());
  return read_rule_text(json, path, reader, placeholders, text, check_placeholders);
}

FAKELENS_PACK_LOADING
bool read_text_fields(const Json& json, const std::string& path, PackReader& reader,
                      std::initializer_list<Field> allowed, std::vector<Field>& out) {
  std::string names;
  for (const Field field : allowed) names += std::string(names.empty() ? "" : ", ") + field_name(field);
  const auto fields = json.find("fields");
  if (fields == json.end() || !fields->is_array() || fields->empty()) {
    reader.problem(path + ".fields", "must be a non-empty array of " + names);
    return false;
  }
  bool ok = true;
  for (const Json& item : *fields) {
    const std::string name = item.is_string() ? item.get<std::string>() : "";
    const auto field = std::find_if(allowed.begin(), allowed.end(), [&](Field f) { return name == field_name(f); });
    if (field == allowed.end()) {
      reader.problem(path + ".fields", "holds \"" + name + "\"; this kind of rule applies to " + names);
      ok = false;
      continue;
    }
    if (std::find(out.begin(), out.end(), *field) != out.end()) {
      reader.problem(path + ".fields", "names \"" + name + "\" twice");
      ok = false;
    }
    out.push_back(*field);
  }
  return ok;
}

FAKELENS_PACK_LOADING
bool read_rule_text(const Json& json, const std::string& path, PackReader& reader,
                    std::initializer_list<const char*> placeholders, RuleText& out,
                    bool check_placeholders) {
  bool ok = reader.text(json, path, "id", out.id, true, kMaxRuleIdBytes);
  if (ok && !is_rule_id(out.id)) {
    reader.problem(path + ".id", "\"" + out.id + "\" must be dotted lower-case words, e.g. seller.low-rating");
    ok = false;
  }
  if (reader.text(json, path, "message", out.message, true, kMaxMessageBytes)) {
    if (check_placeholders) reader.message_placeholders(out.message, path + ".message", placeholders);
  } else {
    ok = false;
  }
  out.message_id = out.id;
  if (json.contains("messageId")) {
    ok = reader.text(json, path, "messageId", out.message_id, true, kMaxRuleIdBytes) && ok;
  }
  ok = reader.text(json, path, "description", out.description, true) && ok;
  return ok;
}

FAKELENS_PACK_LOADING
void read_rule_examples(const Json& json, const std::string& path, PackReader& reader,
                        std::vector<RuleExamples>& out) {
  if (!json.is_object()) return;
  const auto examples = json.find("examples");
  if (examples == json.end()) return;
  const auto id = json.find("id");
  const std::string at = path + ".examples";
  if (!examples->is_object()) {
    reader.problem(at, "must be an object {match: [...], noMatch: [...]} of listings or titles");
    return;
  }
  reader.unknown_keys(*examples, at, {"match", "noMatch"});
  RuleExamples parsed{id != json.end() && id->is_string() ? id->get<std::string>() : "", at, {}, {}};
  for (const auto& [key, list] : {std::make_pair("match", &parsed.match), std::make_pair("noMatch", &parsed.no_match)}) {
    const auto items = examples->find(key);
    if (items == examples->end() || !items->is_array() || items->empty()) {
      reader.problem(at + "." + key, "must be a non-empty array of listings or titles");
      continue;
    }
    for (std::size_t i = 0; i < items->size(); ++i) {
      const Json& item = (*items)[i];
      if (item.is_string()) {
        list->push_back(Json{{"title", item}});
      } else if (item.is_object()) {
        list->push_back(item);
      } else {
        reader.problem(at + "." + key + "[" + std::to_string(i) + "]", "must be a listing object or a title");
      }
    }
  }
  out.push_back(std::move(parsed));
}

RE2::Options pack_pattern_options() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(limits::kRuleRegexMaxMem);
  return options;
}

FAKELENS_PACK_LOADING
std::shared_ptr<const LazyRegex> compile_pattern(const std::string& pattern, const std::string& path,
                                                 PackReader& reader) {
  auto regex = std::make_shared<const LazyRegex>(pattern, pack_pattern_options());
  if (reader.verify_patterns() && !regex->get().ok()) {
    reader.problem(path, "is not a valid RE2 pattern: " + regex->get().error());
    return nullptr;
  }
  return regex;
}

FAKELENS_PACK_LOADING
bool read_pattern(const Json& json, const std::string& path, const char* key, bool required,
                  std::shared_ptr<const LazyRegex>& out, PackReader& reader) {
  if (!required && !json.contains(key)) return true;
  std::string pattern;
  if (!reader.text(json, path, key, pattern, true, limits::kMaxPatternBytes)) return false;
  out = compile_pattern(pattern, path + "." + key, reader);
  return out != nullptr;
}

// Reads json.tiers, an ascending list of objects, with `read_tier` reading each and
// `key_of` giving the value that must ascend (named `ascending` in problems).
template <class Tier, class ReadTier, class KeyOf>
FAKELENS_PACK_LOADING bool read_tiers(const Json& json, const std::string& path, PackReader& reader,
                                      const char* shape, const char* ascending, const ReadTier& read_tier,
                                      const KeyOf& key_of, std::vector<Tier>& out) {
  const auto tiers = json.find("tiers");
  if (tiers == json.end() || !tiers->is_array() || tiers->empty()) {
    reader.problem(path + ".tiers", std::string("must be a non-empty array of ") + shape);
    return false;
  }
  bool ok = true;
  for (std::size_t i = 0; i < tiers->size(); ++i) {
    const Json& tier = (*tiers)[i];
    const std::string at = path + ".tiers[" + std::to_string(i) + "]";
    if (!tier.is_object()) {
      reader.problem(at, std::string("must be an object ") + shape);
      ok = false;
      continue;
    }
    Tier parsed;
    ok = read_tier(tier, at, parsed) && ok;
    if (!out.empty() && key_of(parsed) <= key_of(out.back())) {
      reader.problem(at + "." + ascending, std::string("tiers must be in ascending order of ") + ascending);
      ok = false;
    }
    out.push_back(parsed);
  }
  return ok;
}

FAKELENS_PACK_LOADING
bool read_discount_tiers(const Json& json, const std::string& path, PackReader& reader,
                         std::vector<DiscountTier>& out) {
  const auto read_tier = [&](const Json& tier, const std::string& at, DiscountTier& parsed) {
    reader.unknown_keys(tier, at, {"minPercent", "weight"});
    // Whole percent, as the discount it is compared with: 50.5 would only ever act as 51.
    const auto min_percent = tier.find("minPercent");
    bool ok = true;
    if (min_percent == tier.end() || !min_percent->is_number_integer() ||
        min_percent->get<long long>() < 1 || min_percent->get<long long>() > 100) {
      reader.problem(at + ".minPercent", "must be a whole number from 1 to 100");
      ok = false;
    } else {
      parsed.min_percent = static_cast<int>(min_percent->get<long long>());
    }
    return reader.weight(tier, at, parsed.weight) && ok;
  };
  return read_tiers(json, path, reader, "{minPercent, weight}", "minPercent", read_tier,
                    [](const DiscountTier& tier) { return tier.min_percent; }, out);
}

const DiscountTier* pick_discount_tier(const std::vector<DiscountTier>& tiers, int percent) {
  const DiscountTier* tier = nullptr;
  for (const DiscountTier& candidate : tiers) {
    if (percent >= candidate.min_percent) tier = &candidate;
  }
  return tier;
}

int discount_percent(double was, double now) {
  const double off = (was - now) / was * 100.0;
  return static_cast<int>(std::clamp(std::floor(off), 0.0, 100.0));
}

FAKELENS_PACK_LOADING
bool read_ratio_tiers(const Json& json, const std::string& path, PackReader& reader,
                      std::vector<RatioTier>& out) {
  const auto read_tier = [&](const Json& tier, const std::string& at, RatioTier& parsed) {
    reader.unknown_keys(tier, at, {"maxRatio", "weight"});
    const bool ok = reader.number(tier, at, "maxRatio", parsed.max_ratio, 0.001, 1);
    return reader.weight(tier, at, parsed.weight) && ok;
  };
  return read_tiers(json, path, reader, "{maxRatio, weight}", "maxRatio", read_tier,
                    [](const RatioTier& tier) { return tier.max_ratio; }, out);
}

const RatioTier* pick_tier(const std::vector<RatioTier>& tiers, double ratio) {
  for (const RatioTier& tier : tiers) {
    if (ratio <= tier.max_ratio) return &tier;
  }
  return nullptr;
}

}  // namespace fakelens::internal
