// Internal: reads a pack image's fields (what follows its header and source digest) with no
// checksum or source check, for the fuzzer: damaged fields must be refused, never crash.
#ifndef FAKELENS_SRC_PACK_IMAGE_FIELDS_H_
#define FAKELENS_SRC_PACK_IMAGE_FIELDS_H_

#include <cstdint>
#include <string_view>

#include "fakelens/rule_pack.h"

namespace fakelens::internal {

RulePackLoad read_pack_image_fields(std::string_view fields);

// The checksum an image's header holds, over everything after the header.
std::uint64_t pack_image_checksum(std::string_view bytes);

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_PACK_IMAGE_FIELDS_H_
