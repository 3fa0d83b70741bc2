#include "fakelens/verdict.h"

namespace fakelens {

const char* level_name(Level level) {
  switch (level) {
    case Level::kLow: return "low";
    case Level::kMedium: return "medium";
    case Level::kHigh: return "high";
  }
  return "low";
}

OrderedJson verdict_to_json(const Verdict& verdict) {
  OrderedJson out = OrderedJson::object();
  if (verdict.id) out["id"] = *verdict.id;
  out["score"] = verdict.score;
  out["level"] = level_name(verdict.level);
  OrderedJson categories = OrderedJson::object();
  for (int c = 0; c < kCategoryCount; ++c) {
    categories[category_name(static_cast<Category>(c))] = verdict.categories[c];
  }
  out["categories"] = std::move(categories);
  OrderedJson evidence = OrderedJson::array();
  for (const Evidence& item : verdict.evidence) {
    OrderedJson e = OrderedJson::object();
    e["rule"] = item.rule;
    e["category"] = category_name(item.category);
    e["weight"] = item.weight;
    e["field"] = field_name(item.field);
    if (item.span) e["span"] = {{"start", item.span->start}, {"end", item.span->end}};
    if (item.match) e["match"] = *item.match;
    e["message"] = item.message;
    e["messageId"] = item.message_id;
    e["args"] = item.args;
    evidence.push_back(std::move(e));
  }
  out["evidence"] = std::move(evidence);
  out["rules"] = {{"id", verdict.rules_id}, {"version", verdict.rules_version}};
  return out;
}

OrderedJson error_to_json(const Error& error, const std::optional<std::string>& id,
                          std::optional<std::int64_t> line) {
  OrderedJson out = OrderedJson::object();
  if (id) out["id"] = *id;
  OrderedJson detail = OrderedJson::object();
  detail["code"] = error.code;
  detail["message"] = error.message;
  if (line) detail["line"] = *line;
  out["error"] = std::move(detail);
  return out;
}

}  // namespace fakelens
