#include "fakelens/utf8.h"

#include <doctest/doctest.h>

using fakelens::utf8::is_valid;
using fakelens::utf8::utf16_offsets;

TEST_CASE("valid UTF-8 of every length is accepted") {
  CHECK(is_valid(""));
  CHECK(is_valid("plain ascii"));
  CHECK(is_valid("réplica"));            // 2 bytes
  CHECK(is_valid("高仿"));               // 3 bytes
  CHECK(is_valid("\xF0\x9D\x90\x91"));   // U+1D411, 4 bytes
  CHECK(is_valid("\xF4\x8F\xBF\xBF"));   // U+10FFFF
}

TEST_CASE("malformed UTF-8 is rejected with the offset of the first bad byte") {
  std::size_t offset = 99;
  CHECK_FALSE(is_valid("ab\xFF", &offset));
  CHECK(offset == 2);
  CHECK_FALSE(is_valid("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(is_valid("\xE0\x80\xAF"));      // overlong, 3 bytes
  CHECK_FALSE(is_valid("\xED\xA0\x80"));      // UTF-16 surrogate D800 encoded
  CHECK_FALSE(is_valid("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(is_valid("x\xE4\xBD", &offset));  // truncated sequence
  CHECK(offset == 1);
  CHECK_FALSE(is_valid("\x80"));              // stray continuation byte
}

TEST_CASE("byte offsets map to UTF-16 offsets, astral code points counting two") {
  const std::string text = "a\xC3\xA9\xE9\xAB\x98\xF0\x9D\x90\x91z";  // a é 高 𝐑 z
  const auto units = utf16_offsets(text, {0, 1, 3, 6, 10, 11});
  REQUIRE(units.size() == 6);
  CHECK(units[0] == 0);
  CHECK(units[1] == 1);
  CHECK(units[2] == 2);
  CHECK(units[3] == 3);
  CHECK(units[4] == 5);  // after the surrogate pair
  CHECK(units[5] == 6);
}
