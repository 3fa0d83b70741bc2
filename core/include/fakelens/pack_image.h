// A rule pack's load image: the pack as the core holds it once read, written flat so that
// loading it needs no JSON parsing and none of the checks a pack's JSON gets. The build
// writes the image of the built-in pack (`fakelens rules image`); the WebAssembly loader
// loads it instead of default.rules.json, because in a browser that has not compiled the
// module before, parsing and checking 260 KB of JSON in baseline code was most of a cold
// start. The JSON stays the pack's source: an image is accepted only when it names the very
// JSON this build carries (its SHA-256), is in this build's image format and passes its
// checksum; anything else is refused, and the loader falls back to the JSON. An image is
// the build's own file, like the module beside it, so its fields are not checked against
// the JSON again; they are checked for everything the scorer relies on (every read
// bounded, required patterns present, numbers finite), so no bytes can make it crash.
//
// Layout (integers little-endian, doubles as their IEEE-754 bits):
//   "FLPKIMG\n", u32 format, u64 checksum of everything after it,
//   64 bytes: the SHA-256 (hex) of the pack's JSON, then the pack's fields: its header
//   (core/src/pack/pack_image.cpp), the keys of the signal kinds in the order they are
//   listed (core/src/signals/signal_kinds.cpp), each kind's part in that order, then the
//   number of example listings. Each kind lists its rules' fields once, shared by writer
//   and reader.
#ifndef FAKELENS_PACK_IMAGE_H_
#define FAKELENS_PACK_IMAGE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "fakelens/error.h"
#include "fakelens/rule_pack.h"

namespace fakelens {

// Bump whenever the fields written change (a kind's rules' fields; adding, removing or
// reordering kinds needs no bump, as an image names its kinds), or how the JSON loader
// derives a value an image stores ({brand} expanded in patterns, set patterns, folded
// spellings): an image of another format is refused, so a stale copy cannot carry old
// derivations.
inline constexpr std::uint32_t kPackImageFormat = 4;  // 3: brandDisguise.misspelledWeight; priceFloors second-hand and resale fields; 4: priceFloors child sizes

// The image of `pack`, read from JSON whose SHA-256 is `source_sha256` (64 hex digits).
// An error when the pack holds something an image cannot carry.
Result<std::string> write_pack_image(const RulePack& pack, std::string_view source_sha256);

}  // namespace fakelens

#endif  // FAKELENS_PACK_IMAGE_H_
