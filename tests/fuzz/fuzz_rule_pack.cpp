// Any bytes as a rule pack: loading returns a pack or a list of problems, never crashes or
// hangs; a pack that loads scores a few listings and keeps the verdict invariants.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fakelens/rule_pack.h"
#include "pack_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  check_loaded_pack(fakelens::RulePack::load(input));
  return 0;
}
