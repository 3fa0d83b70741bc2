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

#include "brand_disguise.h"
#include "fakelens/limits.h"
#include "fakelens/utf8.h"
#include "pack_image_fields.h"
#include "signals.h"

namespace fakelens {
namespace internal {
namespace {

constexpr char kMagic[8] = {'F', 'L', 'P', 'K', 'I', 'M', 'G', '\n'};
constexpr std::size_t kDigestHexBytes = 64;
constexpr std::size_t kHeaderBytes = sizeof kMagic + 4 + 8;  // magic, format, checksum
// Bounds on what a reader builds, whatever the bytes say: the built-in pack's image is
// 200 KB, its longest list 548 brands, its longest text (before {brand}) under 4 KB, and
// {brand} expands to 180 KB in all.
constexpr std::size_t kMaxImageBytes = 2u << 20;
constexpr std::size_t kMaxListItems = limits::kMaxRules;
constexpr std::size_t kMaxTextBytes = limits::kMaxPatternBytes + 64;  // a floor's pattern, wrapped
constexpr std::size_t kMaxExpandedBytes = 4u << 20;

// Every pattern of a pack is compiled with pack_pattern_options(), so an image carries only
// pattern texts. The writer refuses a pattern with other options.
bool same_options(const RE2::Options& a, const RE2::Options& b) {
  return a.max_mem() == b.max_mem() && a.encoding() == b.encoding() && a.posix_syntax() == b.posix_syntax() &&
         a.longest_match() == b.longest_match() && a.log_errors() == b.log_errors() && a.literal() == b.literal() &&
         a.never_nl() == b.never_nl() && a.dot_nl() == b.dot_nl() && a.never_capture() == b.never_capture() &&
         a.case_sensitive() == b.case_sensitive() && a.perl_classes() == b.perl_classes() &&
         a.word_boundary() == b.word_boundary() && a.one_line() == b.one_line();
}

// The fields of each struct, in image order. One list serves both directions: `io` is an
// ImageWriter or an ImageReader. Derived parts (title gates, field matchers, the brand
// index) are not written: both loaders rebuild them with the same code.
template <class IO> void fields(IO& io, Thresholds& t) { io(t.medium); io(t.high); }
template <class IO> void fields(IO& io, DiscountTier& t) { io(t.min_percent); io(t.weight); }
template <class IO> void fields(IO& io, RatioTier& t) { io(t.max_ratio); io(t.weight); }
template <class IO> void fields(IO& io, RuleText& t) { io(t.id); io(t.message); io(t.message_id); io(t.description); }

template <class IO> void fields(IO& io, TextRule& r) {
  // Each pattern's regex right after its text: the regex then says "the same text".
  io(r.id); io.enumeration(r.category, kCategoryCount); io(r.weight); io.enumerations(r.fields, kTextFieldCount);
  io(r.pattern); io(r.regex); io(r.unless); io(r.unless_regex); io(r.unless_listing); io(r.unless_listing_regex);
  io(r.requires_listing); io(r.requires_listing_regex); io(r.set_pattern);
  io(r.message); io(r.message_id); io(r.description); io(r.examples_match); io(r.examples_no_match);
}
template <class IO> void fields(IO& io, DiscountRule& r) {
  io(r.id); io(r.tiers); io(r.message); io(r.message_id); io(r.description);
}
template <class IO> void fields(IO& io, Brand& b) {
  io(b.name); io(b.spellings); io(b.misspellings); io(b.aliases); io(b.category); io(b.luxury);
  io(b.floor_usd); io(b.floor_products);
}
template <class IO> void fields(IO& io, BrandDisguiseRule& r) {
  io(r.id); io(r.weight); io(r.message); io(r.message_id); io(r.description);
}
template <class IO> void fields(IO& io, ExchangeRates& r) { io(r.as_of); io(r.per_usd); }
template <class IO> void fields(IO& io, ProductFloor& f) { io(f.label); io(f.pattern); io(f.min_usd); }
template <class IO> void fields(IO& io, PriceFloorRule& r) {
  io(r.text); io(r.tiers); io(r.used_factor); io(r.accessory); io(r.floors);
}
template <class IO> void fields(IO& io, SpecRule& r) {
  io(r.text); io(r.label); io(r.product); io(r.unless_listing);
  io.enumeration(r.quantity, static_cast<int>(Quantity::kInches) + 1);
  io(r.min_quantity); io(r.usd_per_unit); io(r.min_usd); io(r.tiers);
}
template <class IO> void fields(IO& io, StyleRule& r) {
  io(r.text); io(r.weight); io(r.min_letters); io(r.caps_ratio); io(r.min_exclamations);
  io(r.min_superlatives); io(r.min_signs); io(r.superlatives);
}
template <class IO> void fields(IO& io, TextDiscountRule& r) {
  io(r.text); io.enumerations(r.fields, kTextFieldCount); io(r.pattern); io(r.tiers);
}
template <class IO> void fields(IO& io, FieldTest& t) {
  io(t.field); io.enumeration(t.op, static_cast<int>(FieldTest::Op::kEquals) + 1); io(t.value);
}
template <class IO> void fields(IO& io, ListingRule& r) {
  io(r.text); io.enumeration(r.category, kCategoryCount);
  io.enumeration(r.field, static_cast<int>(Field::kReviews) + 1); io(r.weight); io(r.conditions);
  io.enumerations(r.dampens, kCategoryCount); io(r.dampen_factor);
}
template <class IO> void fields(IO& io, ComboRule& r) {
  io(r.text); io.enumeration(r.category, kCategoryCount); io(r.weight); io(r.requires_rules);
}
template <class IO> void fields(IO& io, SellerRecordRule& r) { io(r.text); io(r.max_weight); io(r.max_credit); }

class ImageWriter {
 public:
  std::string bytes;
  std::string problem;  // the first thing an image cannot carry
  const std::string* alternation = nullptr;  // the brands' plain alternation, once written
  const std::string* last_text = nullptr;

  void u8(unsigned value) { bytes.push_back(static_cast<char>(value)); }
  void u32(std::uint32_t value) {
    for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<char>(value >> (8 * i)));
  }
  void u64(std::uint64_t value) {
    for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>(value >> (8 * i)));
  }
  // The reader's bounds, enforced here too: a pack past them fails to write, loudly,
  // rather than writing an image every reader refuses.
  void count(std::size_t n, std::size_t most = kMaxListItems) {
    if (n > most) problem = "a list or text is longer than an image may hold";
    u32(static_cast<std::uint32_t>(n));
  }

  // A text is runs of bytes, each followed by 1 when the brand alternation comes next and 0
  // at the end: rules that use {brand} hold the brands' 20 KB alternation (9 times in all).
  void operator()(std::string& text) {
    std::size_t done = 0;
    for (;;) {
      const std::size_t at = alternation && !alternation->empty() ? text.find(*alternation, done) : std::string::npos;
      const std::size_t end = at == std::string::npos ? text.size() : at;
      count(end - done, kMaxTextBytes);
      bytes.append(text, done, end - done);
      u8(at == std::string::npos ? 0 : 1);
      if (at == std::string::npos) break;
      done = at + alternation->size();
    }
    last_text = &text;
  }
  void operator()(double& value) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    u64(bits);
  }
  void operator()(int& value) { u32(static_cast<std::uint32_t>(value)); }
  void operator()(bool& value) { u8(value ? 1 : 0); }
  void operator()(std::size_t& value) { u64(value); }
  // 0: none; 1: its text follows; 2: its text is the text written just before.
  void operator()(std::shared_ptr<const LazyRegex>& regex) {
    if (regex && !same_options(regex->options(), pack_pattern_options())) problem = "a pattern has options an image cannot carry";
    if (!regex) {
      u8(0);
    } else if (last_text && *last_text == regex->pattern()) {
      u8(2);
    } else {
      u8(1);
      std::string pattern = regex->pattern();
      (*this)(pattern);
    }
    last_text = nullptr;
  }
  void operator()(std::map<std::string, double>& map) {
    count(map.size());
    for (auto& [key, value] : map) {
      std::string name = key;
      (*this)(name);
      (*this)(value);
    }
    last_text = nullptr;
  }
  template <class T> void operator()(std::vector<T>& list) {
    count(list.size());
    for (T& item : list) (*this)(item);
  }
  template <class T> void operator()(std::optional<T>& maybe) {
    u8(maybe ? 1 : 0);
    if (maybe) (*this)(*maybe);
    last_text = nullptr;
  }
  // "The text before" never reaches into another struct (the reader's may have moved).
  template <class T> void operator()(T& value) {
    last_text = nullptr;
    fields(*this, value);
    last_text = nullptr;
  }
  template <class E> void enumeration(E& value, int) { u8(static_cast<unsigned>(value)); }
  template <class E> void enumerations(std::vector<E>& list, int limit) {
    count(list.size());
    for (E& item : list) enumeration(item, limit);
  }
};

// Reads what ImageWriter wrote. Never trusts a length: every read is checked against what
// is left, and the first short or impossible read stops the whole image.
class ImageReader {
 public:
  explicit ImageReader(std::string_view bytes)
      : at_(reinterpret_cast<const unsigned char*>(bytes.data())), end_(at_ + bytes.size()) {}

  const std::string* alternation = nullptr;  // the brands' plain alternation, once indexed

  bool failed() const { return !problem_.empty(); }
  const std::string& problem() const { return problem_; }
  std::size_t left() const { return static_cast<std::size_t>(end_ - at_); }
  void fail(std::string why) {
    if (problem_.empty()) problem_ = std::move(why);
    at_ = end_;
  }

  unsigned u8() {
    if (!take(1)) return 0;
    return at_[-1];
  }
  std::uint32_t u32() {
    if (!take(4)) return 0;
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) value |= static_cast<std::uint32_t>(at_[i - 4]) << (8 * i);
    return value;
  }
  std::uint64_t u64() {
    if (!take(8)) return 0;
    std::uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value |= static_cast<std::uint64_t>(at_[i - 8]) << (8 * i);
    return value;
  }
  // A list's length: each item takes at least one byte, so a longer list cannot be there.
  std::size_t count(std::size_t most = kMaxListItems) {
    const std::uint32_t n = u32();
    if (n > left() || n > most) {
      fail(n > left() ? "a list is longer than the image" : "a list or text is longer than any pack holds");
      return 0;
    }
    return n;
  }
  bool flag() {
    const unsigned value = u8();
    if (value > 1) fail("a flag is neither 0 nor 1");
    return value == 1;
  }

  FAKELENS_PACK_LOADING void operator()(std::string& text) {
    text.clear();
    for (;;) {
      const std::size_t n = count(kMaxTextBytes);
      if (failed()) return;
      const std::string_view part(reinterpret_cast<const char*>(at_), n);
      at_ += n;
      // Parts end where the alternation (valid UTF-8, built here) starts: each is whole.
      if (!utf8::is_valid(part)) {
        fail("a text is not UTF-8");
        return;
      }
      text.append(part);
      if (!flag()) break;
      if (!alternation || expanded_bytes_left_ < alternation->size()) {
        fail(alternation ? "the brand alternation is used too often" : "a text uses brands the pack does not have");
        return;
      }
      expanded_bytes_left_ -= alternation->size();
      text += *alternation;
    }
    last_text_ = &text;
  }
  void operator()(double& value) {
    const std::uint64_t bits = u64();
    std::memcpy(&value, &bits, sizeof value);
    if (!std::isfinite(value)) fail("a number is not finite");  // nor are a pack's JSON numbers
  }
  void operator()(int& value) { value = static_cast<int>(u32()); }
  void operator()(bool& value) { value = flag(); }
  void operator()(std::size_t& value) {
    const std::uint64_t wide = u64();
    value = static_cast<std::size_t>(wide);
    if (value != wide) fail("a count is too large for this build");
  }
  FAKELENS_PACK_LOADING void operator()(std::shared_ptr<const LazyRegex>& regex) {
    regex.reset();
    const unsigned kind = u8();
    const std::string* same = last_text_;
    last_text_ = nullptr;
    if (kind == 0 || failed()) return;
    std::string pattern;
    if (kind == 2 && same) {
      pattern = *same;
    } else if (kind == 1) {
      (*this)(pattern);
    } else {
      fail("a pattern is neither written nor the text before it");
    }
    if (!failed()) regex = std::make_shared<const LazyRegex>(std::move(pattern), pack_pattern_options());
    last_text_ = nullptr;
  }
  void operator()(std::map<std::string, double>& map) {
    map.clear();
    for (std::size_t n = count(), i = 0; i < n && !failed(); ++i) {
      std::string key;
      double value = 0;
      (*this)(key);
      (*this)(value);
      map[std::move(key)] = value;
    }
    last_text_ = nullptr;
  }
  template <class T> FAKELENS_PACK_LOADING void operator()(std::vector<T>& list) {
    list.clear();
    const std::size_t n = count();
    list.reserve(std::min<std::size_t>(n, 64));  // grows with what is really read
    for (std::size_t i = 0; i < n && !failed(); ++i) {
      list.emplace_back();
      (*this)(list.back());
    }
  }
  template <class T> FAKELENS_PACK_LOADING void operator()(std::optional<T>& maybe) {
    maybe.reset();
    if (!flag()) return;
    T value{};
    (*this)(value);
    if (!failed()) maybe = std::move(value);
    last_text_ = nullptr;  // it may have pointed into `value`
  }
  // One function per struct, each small: in WebAssembly, one reader inlined into another
  // made a 22 KB function that V8 recompiled with its optimising compiler on every cold
  // start (45 ms of compiler work beside the load on two cores). See FAKELENS_PACK_LOADING.
  template <class T> FAKELENS_PACK_LOADING void operator()(T& value) {
    last_text_ = nullptr;  // as the writer: a struct's "text before" is its own
    fields(*this, value);
    last_text_ = nullptr;
  }
  template <class E> void enumeration(E& value, int limit) {
    const unsigned raw = u8();
    if (raw >= static_cast<unsigned>(limit)) fail("a name of a category, field or kind is out of range");
    value = static_cast<E>(failed() ? 0 : raw);
  }
  template <class E> void enumerations(std::vector<E>& list, int limit) {
    list.clear();
    for (std::size_t n = count(), i = 0; i < n && !failed(); ++i) {
      list.emplace_back();
      enumeration(list.back(), limit);
    }
  }

 private:
  bool take(std::size_t n) {
    if (left() < n) {
      fail("the image ends early");
      return false;
    }
    at_ += n;
    return true;
  }

  const unsigned char* at_;
  const unsigned char* end_;
  std::string problem_;
  const std::string* last_text_ = nullptr;
  // Each use copies the alternation (20 KB): a damaged image may not make gigabytes of it.
  std::size_t expanded_bytes_left_ = kMaxExpandedBytes;
};

}  // namespace

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

// What the scorer relies on and the JSON loader checks, checked again: an image is the
// build's own file, but the reader must not hand the scorer a pack that crashes it,
// whatever the bytes (a missing pattern, a combination of nothing, a floor with no
// products). "" when the pack holds; otherwise what does not.
std::string unsafe_for_scoring(const RulePack& pack) {
  const Thresholds& t = pack.thresholds();
  if (t.medium < 1 || t.high > 100 || t.medium >= t.high) return "its thresholds are out of range";
  const auto weight_ok = [](double w) { return w > 0 && w <= 1; };
  for (const TextRule& rule : pack.text_rules()) {
    if (!rule.regex || rule.fields.empty() || !weight_ok(rule.weight)) return "a text rule has no pattern, field or weight";
  }
  for (const DiscountRule& rule : pack.discount_rules()) {
    if (rule.tiers.empty()) return "a discount rule has no tiers";
  }
  const PackSections& sections = pack.sections();
  if (sections.brands) {
    for (const Brand& brand : sections.brands->brands()) {
      if (brand.spellings.empty() || brand.floor_usd.has_value() != (brand.floor_products != nullptr)) {
        return "a brand has no spelling, or a floor without its products";
      }
    }
  }
  if (sections.brand_disguise && !sections.brands) return "brand disguise needs the pack's brands";
  if ((sections.price_floors || !sections.spec_rules.empty()) && !sections.rates) return "prices need exchange rates";
  if (sections.rates) {
    for (const auto& [currency, per_usd] : sections.rates->per_usd) {
      if (!(per_usd > 0)) return "an exchange rate is not positive";
    }
  }
  if (sections.price_floors) {
    if (!sections.price_floors->accessory || sections.price_floors->tiers.empty()) return "price floors lack their accessory pattern or tiers";
    for (const ProductFloor& floor : sections.price_floors->floors) {
      if (!floor.pattern) return "a price floor has no product pattern";
    }
  }
  for (const SpecRule& rule : sections.spec_rules) {
    if (!rule.product || rule.tiers.empty()) return "a spec rule has no product pattern or tiers";
  }
  if (sections.style && !sections.style->superlatives) return "the style rule has no superlatives pattern";
  for (const TextDiscountRule& rule : sections.text_discounts) {
    if (!rule.pattern || rule.fields.empty() || rule.tiers.empty()) return "a text discount rule has no pattern, field or tiers";
  }
  std::set<std::string> ids;
  for_each_rule_id(pack, [&](const std::string& id, const std::string&) { ids.insert(id); });
  for (const ComboRule& combo : sections.combos) {
    if (combo.requires_rules.empty()) return "a combination rule requires nothing";
    for (const std::string& required : combo.requires_rules) {
      if (!ids.count(required)) return "a combination rule requires a rule the pack does not have";
    }
  }
  return "";
}

// The pack's own fields and its sections, in image order.
struct PackImageAccess {
  template <class IO> static void pack_fields(IO& io, RulePack& pack) {
    io(pack.id_); io(pack.version_); io(pack.description_); io(pack.thresholds_);
    PackSections& sections = *pack.sections_;
    brand_catalog(io, sections.brands);  // first: text rules hold its alternation
    if (sections.brands) io.alternation = &sections.brands->plain_alternation();
    io(pack.text_rules_); io(pack.discount_rules_);
    io(sections.brand_disguise); io(sections.rates); io(sections.price_floors); io(sections.spec_rules);
    io(sections.style); io(sections.text_discounts); io(sections.listing_rules); io(sections.combos);
    io(sections.seller_record); io(sections.example_listings);
  }

  // A catalog is its brands; the rest (skeleton index, alternation) is built by index(), as
  // the JSON loader builds it. (Written out, the index made the image 700 KB and saved no
  // measurable time once the readers stopped being one function.)
  static void brand_catalog(ImageWriter& io, std::unique_ptr<BrandCatalog>& catalog) {
    io.u8(catalog ? 1 : 0);
    if (!catalog) return;
    io(catalog->brands_);
    for (const Brand& brand : catalog->brands_) {
      if (!spellings_in_bounds(brand)) io.problem = "a brand's spelling is not 4 to 60 bytes";
    }
  }
  static void brand_catalog(ImageReader& io, std::unique_ptr<BrandCatalog>& catalog) {
    catalog.reset();
    if (!io.flag()) return;
    catalog.reset(new BrandCatalog());
    io(catalog->brands_);
    for (const Brand& brand : catalog->brands_) {  // before index() builds from them
      if (!spellings_in_bounds(brand)) io.fail("a brand's spelling is not 4 to 60 bytes");
    }
    if (!io.failed() && !catalog->index()) io.fail("the brands' spellings are too many to index together");
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
    // Rebuilt exactly as RulePack::load builds them: floors' gates first, then spec rules'.
    PackSections& sections = *pack->sections_;
    if (sections.price_floors) {
      for (auto& floor : sections.price_floors->floors) floor.gate = sections.title_gates.add(floor.pattern);
    }
    for (auto& rule : sections.spec_rules) rule.gate = sections.title_gates.add(rule.product);
    std::vector<Problem> unused;
    PackReader unverified(unused, false);
    pack->index_text_rules(false, unverified);
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
