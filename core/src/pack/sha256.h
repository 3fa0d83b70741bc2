// Internal: SHA-256, to recognise the built-in rule pack when it arrives as a file beside
// the WebAssembly module (RulePack::load_shipped) rather than inside it.
#ifndef FAKELENS_SRC_SHA256_H_
#define FAKELENS_SRC_SHA256_H_

#include <string>
#include <string_view>

namespace fakelens::internal {

// Lower-case hex digest of `data` (FIPS 180-4).
std::string sha256_hex(std::string_view data);

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_SHA256_H_
