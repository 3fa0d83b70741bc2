// Decimal text to double, exactly as strtod would, for the numbers listings carry.
//
// Emscripten's strtod (musl) computes in 128-bit long double emulated in software: about
// half a microsecond per price, 6% of the time to score a search page in WebAssembly. A
// decimal with at most 15 significant digits and a power of ten within 1e22 converts
// exactly with one IEEE multiplication or division (Clinger's fast path), which is strtod's
// correctly rounded result. The WebAssembly build routes strtod through this first
// (wasm/bindings.cpp); natively glibc's strtod is fast and stays.
#ifndef FAKELENS_DECIMAL_H_
#define FAKELENS_DECIMAL_H_

namespace fakelens {

// Reads [-]digits[.digits][(e|E)[+|-]digits] at `text`. True, with the value and where
// the number ends, when it takes the fast path; false for anything else (leading space,
// '+', hexadecimal, inf, nan, too many digits, a large exponent), where the caller uses
// strtod itself.
bool parse_simple_decimal(const char* text, double* value, const char** end);

}  // namespace fakelens

#endif  // FAKELENS_DECIMAL_H_
