// The Verdict the contract defines (docs/contract/verdict.schema.json) and its JSON
// form. Keys are written in a fixed order (id, score, level, categories, evidence, rules)
// so the same verdict always serialises to the same bytes.
#ifndef FAKELENS_VERDICT_H_
#define FAKELENS_VERDICT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fakelens/error.h"
#include "fakelens/json_reader.h"
#include "fakelens/rule_pack.h"

namespace fakelens {

enum class Level { kLow, kMedium, kHigh };
const char* level_name(Level level);

struct Span {
  std::uint32_t start = 0;  // UTF-16 code units, half-open
  std::uint32_t end = 0;
};

struct Evidence {
  std::string rule;
  Category category = Category::kCounterfeit;
  double weight = 0;
  Field field = Field::kTitle;
  std::optional<Span> span;
  // Where the match lies in the field's UTF-8 text; the scorer derives `span` from it.
  std::optional<std::pair<std::uint32_t, std::uint32_t>> source_bytes;
  std::optional<std::string> match;
  std::string message;
  std::string message_id;
  OrderedJson args = OrderedJson::object();
};

struct Verdict {
  std::optional<std::string> id;
  int score = 0;
  Level level = Level::kLow;
  int categories[kCategoryCount] = {0, 0, 0, 0};  // indexed by Category
  std::vector<Evidence> evidence;
  std::string rules_id;
  std::string rules_version;
};

// The verdict's JSON, written straight to text with the bytes nlohmann's dump of the same
// tree would give (tests/core/verdict_test.cpp builds that tree and compares): on a search
// page, building and dumping the tree was a fifth of the time to score it.
std::string verdict_json_text(const Verdict& verdict);

// {"id"?, "error": {"code", "message", "line"?}}
OrderedJson error_to_json(const Error& error, const std::optional<std::string>& id,
                          std::optional<std::int64_t> line);

}  // namespace fakelens

#endif  // FAKELENS_VERDICT_H_
