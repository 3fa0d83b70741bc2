// Internal: reads the parts of a rule pack, collecting every problem with its JSON path
// instead of stopping at the first. Shared by every signal kind's loader (what rules of
// every kind read alike, ids, messages, tiers, is in signals/rule_reader.h).
#ifndef FAKELENS_SRC_PACK_READER_H_
#define FAKELENS_SRC_PACK_READER_H_

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <string>
#include <vector>

#include "fakelens/json_reader.h"
#include "fakelens/rule_pack.h"
#include "pack/pack_loading.h"

namespace fakelens::internal {

// How long a rule's id (or messageId) and its message may be.
inline constexpr std::size_t kMaxRuleIdBytes = 100;
inline constexpr std::size_t kMaxMessageBytes = 500;

// Collects problems while reading one JSON object of the pack.
class PackReader {
 public:
  // `verify_patterns`: compile each pattern as it is read and report the ones that fail;
  // false (the built-in pack) leaves patterns to compile when first used.
  explicit PackReader(std::vector<Problem>& problems, bool verify_patterns = true)
      : problems_(problems), verify_patterns_(verify_patterns) {}
  bool verify_patterns() const { return verify_patterns_; }

  void problem(std::string path, std::string message) {
    problems_.push_back({std::move(path), std::move(message)});
  }

  // Reports keys of `object` that are not in `known` (they are most likely typos).
  void unknown_keys(const Json& object, const std::string& path,
                    std::initializer_list<const char*> known) {
    unknown_keys(object, path, known.begin(), known.end());
  }
  template <class Iterator>
  void unknown_keys(const Json& object, const std::string& path, Iterator known_begin, Iterator known_end) {
    for (const auto& item : object.items()) {
      const bool is_known = std::any_of(known_begin, known_end,
                                        [&](const char* k) { return item.key() == k; });
      if (!is_known) problem(path + "." + item.key(), "unknown key");
    }
  }

  bool text(const Json& object, const std::string& path, const char* key, std::string& out,
            bool required, std::size_t max_bytes = 2000) {
    const auto it = object.find(key);
    if (it == object.end()) {
      if (required) problem(path + "." + key, "is required");
      return false;
    }
    if (!it->is_string()) {
      problem(path + "." + key, "must be a string");
      return false;
    }
    const auto& value = it->get_ref<const std::string&>();
    if (required && value.empty()) {
      problem(path + "." + key, "must not be empty");
      return false;
    }
    if (value.size() > max_bytes) {
      problem(path + "." + key, "is longer than " + std::to_string(max_bytes) + " bytes");
      return false;
    }
    out = value;
    return true;
  }

  // The rule's "category", one of the four.
  bool category(const Json& object, const std::string& path, Category& out) {
    std::string name;
    if (!text(object, path, "category", name, true)) return false;
    if (parse_category(name, out)) return true;
    problem(path + ".category", "must be one of counterfeit, exaggeration, pricing, seller");
    return false;
  }

  // A number in [min, max]; absent is a problem only when required.
  bool number(const Json& object, const std::string& path, const char* key, double& out,
              double min, double max, bool required = true) {
    const auto it = object.find(key);
    if (it == object.end()) {
      if (required) problem(path + "." + key, "is required");
      return false;
    }
    if (!it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() < min ||
        it->get<double>() > max) {
      problem(path + "." + key, "must be a number from " + format(min) + " to " + format(max));
      return false;
    }
    out = it->get<double>();
    return true;
  }

  bool weight(const Json& object, const std::string& path, double& out) {
    const auto it = object.find("weight");
    if (it == object.end()) {
      problem(path + ".weight", "is required");
      return false;
    }
    if (!it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() <= 0 ||
        it->get<double>() > 1) {
      problem(path + ".weight", "must be a number greater than 0 and at most 1");
      return false;
    }
    out = it->get<double>();
    return true;
  }

  bool string_list(const Json& object, const std::string& path, const char* key,
                   std::vector<std::string>& out) {
    const auto it = object.find(key);
    if (it == object.end()) {
      problem(path + "." + key, "is required: give at least one example");
      return false;
    }
    if (!it->is_array() || it->empty()) {
      problem(path + "." + key, "must be a non-empty array of strings");
      return false;
    }
    bool ok = true;
    for (std::size_t i = 0; i < it->size(); ++i) {
      const Json& item = (*it)[i];
      if (!item.is_string()) {
        problem(path + "." + key + "[" + std::to_string(i) + "]", "must be a string");
        ok = false;
      } else {
        out.push_back(item.get<std::string>());
      }
    }
    return ok;
  }

  // Checks that a message only uses the placeholders its rule kind fills in.
  void message_placeholders(const std::string& message, const std::string& path,
                            std::initializer_list<const char*> allowed) {
    std::size_t open = message.find('{');
    while (open != std::string::npos) {
      const std::size_t close = message.find('}', open);
      if (close == std::string::npos) {
        problem(path, "has an unclosed '{'");
        return;
      }
      const std::string name = message.substr(open + 1, close - open - 1);
      const bool ok = std::any_of(allowed.begin(), allowed.end(),
                                  [&](const char* a) { return name == a; });
      if (!ok) problem(path, "uses {" + name + "}, which this kind of rule does not fill in");
      open = message.find('{', close);
    }
  }

  std::size_t problem_count() const { return problems_.size(); }

 private:
  static std::string format(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", value);
    return buffer;
  }

  std::vector<Problem>& problems_;
  bool verify_patterns_;
};

inline bool is_rule_id(const std::string& id) {
  // dotted lower-case words: "replica.zh.gaofang", "pricing.discount"
  if (id.empty() || id.size() > kMaxRuleIdBytes || id.front() == '.' || id.back() == '.') return false;
  bool has_dot = false;
  char previous = 0;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    if (!ok || (c == '.' && previous == '.')) return false;
    has_dot = has_dot || c == '.';
    previous = c;
  }
  return has_dot;
}


}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_PACK_READER_H_
