#include "fakelens/decimal.h"

#include <cstdint>

namespace fakelens {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Powers of ten that doubles hold exactly.
constexpr double kExactPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
constexpr int kMaxExactPower = 22;
// Up to 2^53 every integer is exact; 15 digits stay below it.
constexpr int kMaxSignificantDigits = 15;

}  // namespace

bool parse_simple_decimal(const char* text, double* value, const char** end) {
  const char* p = text;
  const bool negative = *p == '-';
  if (negative) ++p;
  if (!is_digit(*p)) return false;
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) return false;  // hexadecimal, for strtod
  std::uint64_t mantissa = 0;
  int digits = 0;     // significant digits taken into the mantissa
  int exponent = 0;   // of ten, applied to the mantissa
  auto take = [&](char c) {
    if (mantissa == 0 && c == '0') return true;  // leading zeros carry nothing
    if (++digits > kMaxSignificantDigits) return false;
    mantissa = mantissa * 10 + static_cast<std::uint64_t>(c - '0');
    return true;
  };
  for (; is_digit(*p); ++p) {
    if (!take(*p)) return false;
  }
  if (*p == '.') {
    if (!is_digit(p[1])) return false;  // "1." and "1.e5": strtod's business
    for (++p; is_digit(*p); ++p) {
      if (!take(*p)) return false;
      --exponent;
    }
  }
  if (*p == 'e' || *p == 'E') {
    const char* q = p + 1;
    const bool negative_exponent = *q == '-';
    if (*q == '-' || *q == '+') ++q;
    if (!is_digit(*q)) return false;
    int written = 0;
    for (; is_digit(*q); ++q) {
      written = written * 10 + (*q - '0');
      if (written > 1000) return false;
    }
    exponent += negative_exponent ? -written : written;
    p = q;
  }
  double result = static_cast<double>(mantissa);  // exact: at most 15 digits
  if (mantissa != 0) {
    if (exponent < -kMaxExactPower || exponent > kMaxExactPower) return false;
    // One correctly rounded operation on two exact values: strtod's answer.
    result = exponent < 0 ? result / kExactPowersOfTen[-exponent] : result * kExactPowersOfTen[exponent];
  }
  *value = negative ? -result : result;
  *end = p;
  return true;
}

}  // namespace fakelens
