#include "fakelens/verdict.h"

#include <string_view>

#include "fakelens/utf8.h"

namespace fakelens {

const char* level_name(Level level) {
  switch (level) {
    case Level::kLow: return "low";
    case Level::kMedium: return "medium";
    case Level::kHigh: return "high";
  }
  return "low";
}

namespace {

// `text` as a JSON string, byte for byte as nlohmann's dump writes valid UTF-8 with
// ensure_ascii off: only '"', '\\' and control characters are escaped (\u00xx in lower-case
// hex where there is no short form). Text that is not valid UTF-8 goes through nlohmann
// itself, whose replace handler dump_compact uses.
void append_json_string(std::string& out, std::string_view text) {
  if (!utf8::is_valid(text)) {
    out += dump_compact(OrderedJson(std::string(text)));
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (const char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    switch (byte) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (byte < 0x20) {
          out += "\\u00";
          out.push_back(kHex[byte >> 4]);
          out.push_back(kHex[byte & 0xF]);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

// One evidence item. Numbers (the weight) and the free-form args go through nlohmann, so
// they read exactly as a dump of the JSON tree writes them.
void append_evidence(std::string& out, const Evidence& item) {
  out += "{\"rule\":";
  append_json_string(out, item.rule);
  out += ",\"category\":\"";
  out += category_name(item.category);
  out += "\",\"weight\":";
  out += dump_compact(OrderedJson(item.weight));
  out += ",\"field\":\"";
  out += field_name(item.field);
  out += '"';
  if (item.span) {
    out += ",\"span\":{\"start\":";
    out += std::to_string(item.span->start);
    out += ",\"end\":";
    out += std::to_string(item.span->end);
    out += '}';
  }
  if (item.match) {
    out += ",\"match\":";
    append_json_string(out, *item.match);
  }
  out += ",\"message\":";
  append_json_string(out, item.message);
  out += ",\"messageId\":";
  append_json_string(out, item.message_id);
  out += ",\"args\":";
  out += dump_compact(item.args);
  out += '}';
}

}  // namespace

std::string verdict_json_text(const Verdict& verdict) {
  std::string out;
  out.reserve(192);
  out += '{';
  if (verdict.id) {
    out += "\"id\":";
    append_json_string(out, *verdict.id);
    out += ',';
  }
  out += "\"score\":";
  out += std::to_string(verdict.score);
  out += ",\"level\":\"";
  out += level_name(verdict.level);
  out += "\",\"categories\":{";
  for (int c = 0; c < kCategoryCount; ++c) {
    if (c > 0) out += ',';
    out += '"';
    out += category_name(static_cast<Category>(c));
    out += "\":";
    out += std::to_string(verdict.categories[c]);
  }
  out += "},\"evidence\":[";
  for (std::size_t i = 0; i < verdict.evidence.size(); ++i) {
    if (i > 0) out += ',';
    append_evidence(out, verdict.evidence[i]);
  }
  out += "],\"rules\":{\"id\":";
  append_json_string(out, verdict.rules_id);
  out += ",\"version\":";
  append_json_string(out, verdict.rules_version);
  out += "}}";
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
