// Any bytes as a pack image's fields (what follows its header, checksum and source digest,
// which would refuse nearly all of them first): reading returns a pack or a problem, never
// crashes or hangs; a pack that reads scores a few listings and keeps the verdict invariants.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pack_checks.h"
#include "pack/pack_image_fields.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  check_loaded_pack(fakelens::internal::read_pack_image_fields(input));
  return 0;
}
