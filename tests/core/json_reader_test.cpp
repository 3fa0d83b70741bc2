#include "fakelens/json_reader.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "fakelens/utf8.h"

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

TEST_CASE("a repeated key is the error named, whatever follows it") {
  CHECK(code_of(R"({"a":1,"a":tru})") == code::kDuplicateKey);
  CHECK(code_of(R"({"a":1,"a"})") == code::kDuplicateKey);
  CHECK(code_of(R"({"a":1,"a":)") == code::kDuplicateKey);
  CHECK(code_of(R"({"a":1,"a":"x)") == code::kDuplicateKey);
  CHECK(code_of(R"({"a":1,"a":1e999})") == code::kDuplicateKey);
  CHECK(code_of(R"({"x":{"y":{"a":1,"a":{}}}})", 1000, 3) == code::kDuplicateKey);  // not too deep
  CHECK(code_of(R"({"x":{"y":{"a":1,"b":{}}}})", 1000, 3) == code::kTooDeep);
}

TEST_CASE("duplicate keys are found whatever their value, nested ones too") {
  CHECK(code_of(R"({"a":{"x":1},"a":[2]})") == code::kDuplicateKey);
  CHECK(code_of(R"({"a":1,"a":{"x":1}})") == code::kDuplicateKey);
  CHECK(code_of(R"({"o":{"x":1,"y":2,"x":3}})") == code::kDuplicateKey);
  auto result = read_json(R"({"b":1,"a":2,"c":{"a":3}})", 1000, 8, "input");
  REQUIRE(result.ok());
  CHECK(result.value()["a"] == 2);
  CHECK(result.value()["c"]["a"] == 3);
}

// read_json checks UTF-8 only when the parse fails, relying on the parser to refuse every
// invalid byte. These cases are where a lenient parser would let one through.
TEST_CASE("invalid UTF-8 is named as such wherever it is, and never accepted") {
  const std::vector<std::string> bad_sequences = {
      "\x80", "\xBF", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xED\xA0\x80",  // stray, overlong, surrogate
      "\xF0\x80\x80\xAF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFE", "\xFF",       // overlong, > U+10FFFF
      "\xC3", "\xE2\x82", "\xF0\x9F\x98",                                             // truncated
  };
  for (const std::string& bad : bad_sequences) {
    CAPTURE(bad);
    CHECK(code_of("{\"a\":\"x" + bad + "y\"}") == code::kInvalidUtf8);   // in a value
    CHECK(code_of("{\"k" + bad + "\":1}") == code::kInvalidUtf8);          // in a key
    CHECK(code_of("{\"a\":1}" + bad) == code::kInvalidUtf8);               // after the value
    CHECK(code_of("[1," + bad + "2]") == code::kInvalidUtf8);               // between tokens
    CHECK(code_of("{\"a\":\"" + bad + "\",\"a\":1}") == code::kInvalidUtf8);  // before another error
  }
  CHECK(code_of("{\"a\":\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"}") == "ok");  // é € 😀
}

TEST_CASE("whatever bytes are flipped, an accepted text is valid UTF-8") {
  const std::string valid = "{\"t\":\"Nïke 高仿 \xF0\x9F\x91\x9F\",\"p\":[1.5,-2,true,null],\"k\":{\"é\":\"€\"}}";
  std::uint32_t state = 12345;
  auto next = [&state] { state = state * 1664525u + 1013904223u; return state >> 8; };
  int accepted = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text = valid;
    const int flips = 1 + static_cast<int>(next() % 3);
    for (int i = 0; i < flips; ++i) text[next() % text.size()] = static_cast<char>(0x80 + next() % 0x80);
    auto result = read_json(text, 1000, 8, "input");
    if (result.ok()) {
      ++accepted;
      CHECK(fakelens::utf8::is_valid(text));
    } else if (!fakelens::utf8::is_valid(text)) {
      CHECK(result.error().code == std::string(code::kInvalidUtf8));
    }
  }
  CHECK(accepted > 0);  // some flips land inside strings as valid characters
}
