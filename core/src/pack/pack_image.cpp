#include "fakelens/pack_image.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fakelens/limits.h"
#include "pack/pack_image_fields.h"
#include "pack/pack_image_io.h"
#include "pack/pack_reader.h"
#include "signals/signal_kind.h"

namespace fakelens {
namespace internal {

// Against damage, not tampering: four lanes of 8-byte words, each step a bijection of its
// lane for a given word (so a changed word changes its lane), then the lanes folded in. At
// memory speed where a byte-at-a-time hash spent a third of the load.
std::uint64_t pack_image_checksum(std::string_view bytes) {
  std::uint64_t lanes[4] = {0x9E3779B97F4A7C15ull, 0xC2B2AE3D27D4EB4Full, 0x165667B19E3779F9ull, 0x27D4EB2F165667C5ull};
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t words = bytes.size() / 8;
  for (std::size_t i = 0; i < words; ++i) {
    std::uint64_t word = 0;  // little-endian, whatever the machine
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    std::memcpy(&word, data + 8 * i, 8);  // one load (WebAssembly does not merge the bytes')
#else
    for (int b = 0; b < 8; ++b) word |= static_cast<std::uint64_t>(data[8 * i + b]) << (8 * b);
#endif
    lanes[i & 3] = (lanes[i & 3] ^ word) * 0x100000001b3ull;
  }
  std::uint64_t sum = bytes.size();
  for (std::size_t i = words * 8; i < bytes.size(); ++i) sum = (sum ^ data[i]) * 0x100000001b3ull;
  for (const std::uint64_t lane : lanes) sum = (sum ^ lane) * 0xff51afd7ed558ccdull + (sum >> 29);
  return sum;
}

template <class IO> void fields(IO& io, Thresholds& t) { io(t.medium); io(t.high); }

// What the scorer relies on and the JSON loader checks, checked again: an image is the
// build's own file, but the reader must not hand the scorer a pack that crashes it,
// whatever the bytes (a missing pattern, a combination of nothing, a floor with no
// products). "" when the pack holds; otherwise what does not.
std::string unsafe_for_scoring(const RulePack& pack) {
  const Thresholds& t = pack.thresholds();
  if (t.medium < 1 || t.high > 100 || t.medium >= t.high) return "its thresholds are out of range";
  const PackSections& sections = pack.sections();
  std::set<std::string> ids;
  for (const auto& kind : sections.kinds) {
    kind->visit_rules([&](const std::string& id, std::size_t, Category) { ids.insert(id); });
  }
  for (const auto& kind : sections.kinds) {
    if (const char* unsafe = kind->unsafe_for_scoring(sections.tables, ids)) return unsafe;
  }
  return "";
}

// The pack's own fields, the kinds' keys, then each kind's part in list order, then the
// example count.
struct PackImageAccess {
  template <class IO> static void pack_fields(IO& io, RulePack& pack) {
    io(pack.id_); io(pack.version_); io(pack.description_); io(pack.thresholds_);
    PackSections& sections = *pack.sections_;
    kind_keys(io, sections);
    for (const auto& kind : sections.kinds) kind->image(io, sections.tables);
    io(sections.tables.example_listings);
  }

  // The keys of the kinds whose parts follow, in order. A reader whose list of kinds
  // differs refuses the image, so adding, removing or reordering a kind needs no format
  // bump: only changing the fields of a kind's rules does.
  static void kind_keys(ImageWriter& io, const PackSections& sections) {
    io.count(sections.kinds.size());
    for (const auto& kind : sections.kinds) {
      std::string key = kind->key();
      io(key);
    }
    io.forget_text();  // `key` is gone; no kind's first pattern may be taken for it
  }
  FAKELENS_PACK_LOADING
  static void kind_keys(ImageReader& io, const PackSections& sections) {
    const std::size_t count = io.count();
    bool same = count == sections.kinds.size();
    for (std::size_t i = 0; i < count && !io.failed(); ++i) {
      std::string key;
      io(key);
      same = same && key == sections.kinds[i]->key();
    }
    io.forget_text();  // as the writer
    if (!io.failed() && !same) io.fail("its signal kinds are not this build's");
  }

  static Result<std::string> write(const RulePack& pack, std::string_view source_sha256) {
    if (source_sha256.size() != kDigestHexBytes) {
      return make_error(error_code::kBadValue, "a pack image needs the SHA-256 of the pack's JSON (64 hex digits)");
    }
    ImageWriter writer;
    writer.bytes.append(source_sha256.data(), source_sha256.size());
    // The writer only reads: the field lists take non-const references to serve the reader too.
    pack_fields(writer, const_cast<RulePack&>(pack));
    if (writer.problem.empty() && writer.bytes.size() + kHeaderBytes > kMaxImageBytes) writer.problem = "the pack is too large";
    if (writer.problem.empty()) writer.problem = unsafe_for_scoring(pack);
    if (!writer.problem.empty()) return make_error(error_code::kBadValue, "cannot write a pack image: " + writer.problem);
    std::string image(kMagic, sizeof kMagic);
    for (int i = 0; i < 4; ++i) image.push_back(static_cast<char>(kPackImageFormat >> (8 * i)));
    const std::uint64_t checksum = pack_image_checksum(writer.bytes);
    for (int i = 0; i < 8; ++i) image.push_back(static_cast<char>(checksum >> (8 * i)));
    return image + writer.bytes;
  }

  static RulePackLoad read_fields(std::string_view fields) {
    RulePackLoad result;
    std::unique_ptr<RulePack> pack(new RulePack());
    pack->sections_ = std::make_unique<PackSections>();
    pack->sections_->kinds = make_signal_kinds();
    ImageReader reader(fields);
    pack_fields(reader, *pack);
    if (!reader.failed() && reader.left() != 0) reader.fail("bytes follow the pack's last field");
    if (!reader.failed()) {
      const std::string unsafe = unsafe_for_scoring(*pack);
      if (!unsafe.empty()) reader.fail(unsafe);
    }
    if (reader.failed()) {
      result.problems.push_back({"$", "the pack image is damaged: " + reader.problem()});
      return result;
    }
    // Rebuilt exactly as RulePack::load builds them, by the same code.
    PackSections& sections = *pack->sections_;
    std::vector<Problem> unused;
    PackReader unverified(unused, false);
    for (const auto& kind : sections.kinds) kind->build_indexes(sections.tables, false, unverified);
    result.pack.reset(pack.release());
    return result;
  }
};

FAKELENS_PACK_LOADING
RulePackLoad read_pack_image_fields(std::string_view fields) { return PackImageAccess::read_fields(fields); }

}  // namespace internal

Result<std::string> write_pack_image(const RulePack& pack, std::string_view source_sha256) {
  return internal::PackImageAccess::write(pack, source_sha256);
}

FAKELENS_PACK_LOADING
RulePackLoad RulePack::load_image(std::string_view image) {
  using internal::kDigestHexBytes;
  using internal::kHeaderBytes;
  RulePackLoad refused;
  const auto refuse = [&](std::string why) {
    refused.problems.push_back({"$", std::move(why)});
    return refused;
  };
  if (image.size() > internal::kMaxImageBytes) return refuse("the pack image is larger than any pack");
  if (image.size() < kHeaderBytes + kDigestHexBytes ||
      std::memcmp(image.data(), internal::kMagic, sizeof internal::kMagic) != 0) {
    return refuse("not a FakeLens pack image");
  }
  const auto byte = [&](std::size_t at) { return static_cast<std::uint64_t>(static_cast<unsigned char>(image[at])); };
  std::uint32_t format = 0;
  for (int i = 0; i < 4; ++i) format |= static_cast<std::uint32_t>(byte(sizeof internal::kMagic + i) << (8 * i));
  if (format != kPackImageFormat) {
    return refuse("the pack image has format " + std::to_string(format) + "; this build reads format " +
                  std::to_string(kPackImageFormat));
  }
  std::uint64_t checksum = 0;
  for (int i = 0; i < 8; ++i) checksum |= byte(sizeof internal::kMagic + 4 + i) << (8 * i);
  const std::string_view body = image.substr(kHeaderBytes);
  if (internal::pack_image_checksum(body) != checksum) return refuse("the pack image is damaged (its checksum does not match)");
  const std::string_view source = body.substr(0, kDigestHexBytes);
  // Only the built-in pack: its JSON was checked in full when it was built and tested.
  if (default_rule_pack_sha256().empty() || source != default_rule_pack_sha256()) {
    return refuse("the pack image is not of this build's built-in pack");
  }
  return internal::read_pack_image_fields(body.substr(kDigestHexBytes));
}

}  // namespace fakelens
