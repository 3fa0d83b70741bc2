// Pieces every rule kind shares: its id and message, message filling, money formatting.
#include <cmath>
#include <cstdio>

#include "fakelens/limits.h"
#include "signals.h"

namespace fakelens::internal {

FAKELENS_PACK_LOADING
bool read_rule_text(const Json& json, const std::string& path, PackReader& reader,
                    std::initializer_list<const char*> placeholders, RuleText& out,
                    bool check_placeholders) {
  bool ok = reader.text(json, path, "id", out.id, true, 100);
  if (ok && !is_rule_id(out.id)) {
    reader.problem(path + ".id", "\"" + out.id + "\" must be dotted lower-case words, e.g. seller.low-rating");
    ok = false;
  }
  if (reader.text(json, path, "message", out.message, true, 500)) {
    if (check_placeholders) reader.message_placeholders(out.message, path + ".message", placeholders);
  } else {
    ok = false;
  }
  out.message_id = out.id;
  if (json.contains("messageId")) ok = reader.text(json, path, "messageId", out.message_id, true, 100) && ok;
  ok = reader.text(json, path, "description", out.description, true) && ok;
  return ok;
}

std::string fill_message(const std::string& message, const OrderedJson& args) {
  std::string out;
  out.reserve(message.size() + 32);
  std::size_t pos = 0;
  while (pos < message.size()) {
    const std::size_t open = message.find('{', pos);
    if (open == std::string::npos) break;
    const std::size_t close = message.find('}', open);
    if (close == std::string::npos) break;
    out.append(message, pos, open - pos);
    const std::string name = message.substr(open + 1, close - open - 1);
    const auto it = args.find(name);
    if (it == args.end()) {
      out.append(message, open, close - open + 1);
    } else if (it->is_string()) {
      out += it->get<std::string>();
    } else {
      out += dump_compact(*it);
    }
    pos = close + 1;
  }
  out.append(message, pos, std::string::npos);
  return out;
}

std::string format_money(double amount, const std::string& currency) {
  char buffer[64];
  if (amount < 1e15) {
    // Integer cents: the same digits on every platform.
    const long long cents = std::llround(amount * 100.0);
    std::snprintf(buffer, sizeof buffer, "%lld.%02lld", cents / 100, cents % 100);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.0f", amount);
  }
  return std::string(buffer) + " " + currency;
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

const RatioTier* pick_tier(const std::vector<RatioTier>& tiers, double ratio) {
  for (const RatioTier& tier : tiers) {
    if (ratio <= tier.max_ratio) return &tier;
  }
  return nullptr;
}

FAKELENS_PACK_LOADING
bool read_ratio_tiers(const Json& json, const std::string& path, PackReader& reader,
                      std::vector<RatioTier>& out) {
  const auto tiers = json.find("tiers");
  if (tiers == json.end() || !tiers->is_array() || tiers->empty()) {
    reader.problem(path + ".tiers", "must be a non-empty array of {maxRatio, weight}");
    return false;
  }
  bool ok = true;
  for (std::size_t i = 0; i < tiers->size(); ++i) {
    const Json& tier = (*tiers)[i];
    const std::string at = path + ".tiers[" + std::to_string(i) + "]";
    if (!tier.is_object()) {
      reader.problem(at, "must be an object {maxRatio, weight}");
      ok = false;
      continue;
    }
    reader.unknown_keys(tier, at, {"maxRatio", "weight"});
    RatioTier parsed;
    ok = reader.number(tier, at, "maxRatio", parsed.max_ratio, 0.001, 1) && ok;
    ok = reader.weight(tier, at, parsed.weight) && ok;
    if (!out.empty() && parsed.max_ratio <= out.back().max_ratio) {
      reader.problem(at + ".maxRatio", "tiers must be in ascending order of maxRatio");
      ok = false;
    }
    out.push_back(parsed);
  }
  return ok;
}

FAKELENS_PACK_LOADING
void read_rule_examples(const Json& json, const std::string& path, const std::string& rule_id,
                        PackReader& reader, std::vector<RuleExamples>& out) {
  const auto examples = json.find("examples");
  if (examples == json.end()) return;
  const std::string at = path + ".examples";
  if (!examples->is_object()) {
    reader.problem(at, "must be an object {match: [...], noMatch: [...]} of listings or titles");
    return;
  }
  reader.unknown_keys(*examples, at, {"match", "noMatch"});
  RuleExamples parsed{rule_id, at, {}, {}};
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

FAKELENS_PACK_LOADING
std::optional<ComboRule> load_combo_rule(const Json& json, const std::string& path, PackReader& reader) {
  if (!json.is_object()) {
    reader.problem(path, "must be an object");
    return std::nullopt;
  }
  reader.unknown_keys(json, path, {"id", "category", "weight", "requires", "message", "messageId", "description", "examples"});
  ComboRule rule;
  bool ok = read_rule_text(json, path, reader, {}, rule.text);
  ok = reader.weight(json, path, rule.weight) && ok;
  ok = reader.category(json, path, rule.category) && ok;
  const auto requires_rules = json.find("requires");
  if (requires_rules == json.end() || !requires_rules->is_array() || requires_rules->size() < 2) {
    reader.problem(path + ".requires", "must list at least two rule ids");
    ok = false;
  } else {
    for (const Json& id : *requires_rules) {
      if (!id.is_string()) {
        reader.problem(path + ".requires", "must hold rule ids (strings)");
        ok = false;
      } else {
        rule.requires_rules.push_back(id.get<std::string>());
      }
    }
  }
  if (!ok) return std::nullopt;
  return rule;
}

}  // namespace fakelens::internal
