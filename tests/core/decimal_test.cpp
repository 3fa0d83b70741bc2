#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "fakelens/decimal.h"

namespace {

// When the fast path answers, it must answer exactly as strtod: the same bits (the sign of
// zero included) and the same end.
bool agrees_with_strtod(const std::string& text) {
  double fast = 0;
  const char* fast_end = nullptr;
  if (!fakelens::parse_simple_decimal(text.c_str(), &fast, &fast_end)) return true;
  char* slow_end = nullptr;
  const double slow = std::strtod(text.c_str(), &slow_end);
  return std::memcmp(&fast, &slow, sizeof fast) == 0 && fast_end == slow_end;
}

bool takes_fast_path(const char* text) {
  double value = 0;
  const char* end = nullptr;
  return fakelens::parse_simple_decimal(text, &value, &end);
}

}  // namespace

TEST_CASE("prices and other simple decimals take the fast path, as strtod reads them") {
  for (const char* text : {"19.99", "1299", "0.5", "-3.25e2", "0", "-0", "4.99E-1", "100000000000000",
                           "0.000000000000000000001", "123456789012345", "7e22", "1.5x", "12,5"}) {
    const std::string shown = text;
    CAPTURE(shown);
    CHECK(takes_fast_path(text));
    CHECK(agrees_with_strtod(text));
  }
}

TEST_CASE("anything else is left to strtod") {
  for (const char* text : {"", "-", ".5", "1.", "1.e5", "1e", "1e+", " 1", "+1", "0x10", "-0X1p3", "inf", "nan",
                           "1234567890123456", "1e23", "1e-23", "9007199254740993", "1e99999"}) {
    const std::string shown = text;
    CAPTURE(shown);
    CHECK_FALSE(takes_fast_path(text));
  }
}

TEST_CASE("random decimals: the fast path always agrees with strtod") {
  std::mt19937_64 random(20261129);
  std::size_t fast = 0;
  for (int i = 0; i < 200000; ++i) {
    std::string text;
    if (random() % 4 == 0) text += '-';
    const int whole = static_cast<int>(random() % 12) + 1;
    for (int d = 0; d < whole; ++d) text += static_cast<char>('0' + random() % 10);
    if (random() % 2) {
      text += '.';
      const int fraction = static_cast<int>(random() % 10) + 1;
      for (int d = 0; d < fraction; ++d) text += static_cast<char>('0' + random() % 10);
    }
    if (random() % 3 == 0) {
      text += random() % 2 ? 'e' : 'E';
      if (random() % 2) text += random() % 2 ? '-' : '+';
      text += std::to_string(random() % 30);
    }
    CAPTURE(text);
    REQUIRE(agrees_with_strtod(text));
    if (takes_fast_path(text.c_str())) ++fast;
  }
  CHECK(fast > 100000);  // most of them
}
