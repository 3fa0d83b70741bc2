#include "fakelens/json_reader.h"

#include <doctest/doctest.h>

#include <string>

using fakelens::read_json;
namespace code = fakelens::error_code;

namespace {
std::string code_of(const std::string& text, std::size_t max_bytes = 1000, int depth = 8) {
  auto result = read_json(text, max_bytes, depth, "input");
  return result.ok() ? "ok" : result.error().code;
}
}  // namespace

TEST_CASE("well-formed JSON parses") {
  auto result = read_json(R"({"a":[1,2,{"b":null}],"c":"x"})", 1000, 8, "input");
  REQUIRE(result.ok());
  CHECK(result.value()["a"][2].contains("b"));
}

TEST_CASE("each kind of bad JSON gets its own stable code") {
  CHECK(code_of("") == code::kInvalidJson);
  CHECK(code_of("not json") == code::kInvalidJson);
  CHECK(code_of(R"({"a":1)") == code::kInvalidJson);
  CHECK(code_of(R"({"a":1} trailing)") == code::kInvalidJson);
  CHECK(code_of("{\"a\":\"\xFF\"}") == code::kInvalidUtf8);
  CHECK(code_of(R"({"a":"\ud800"})") == code::kInvalidJson);  // lone surrogate escape
  CHECK(code_of(R"({"a":1,"a":2})") == code::kDuplicateKey);
  CHECK(code_of(std::string(2000, ' ')) == code::kTooLarge);
  CHECK(code_of("[[[[[[[[[[]]]]]]]]]]") == code::kTooDeep);
  CHECK(code_of("NaN") == code::kInvalidJson);
}

TEST_CASE("duplicate keys are allowed in different objects") {
  CHECK(code_of(R"({"a":{"x":1},"b":{"x":2}})") == "ok");
}

TEST_CASE("10,000-deep nesting is refused without recursion") {
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  CHECK(code_of(deep, 1 << 20, 32) == code::kTooDeep);
}

TEST_CASE("the parse error message names the position, not nlohmann's internals") {
  auto result = read_json("{\"a\": tru}", 1000, 8, "input");
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message.find("json.exception") == std::string::npos);
  CHECK(result.error().message.find("column") != std::string::npos);
}
