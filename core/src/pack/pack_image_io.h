// Internal: the pack image's two directions, one class each. Every kind lists the fields
// of its rules once, as `template <class IO> void fields(IO& io, Rule& rule)` calling
// io(member) for each member in image order; the same list then serves ImageWriter (which
// only reads the members) and ImageReader (which fills them). fakelens/pack_image.h
// describes the layout.
#ifndef FAKELENS_SRC_PACK_PACK_IMAGE_IO_H_
#define FAKELENS_SRC_PACK_PACK_IMAGE_IO_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "fakelens/limits.h"
#include "fakelens/utf8.h"
#include "matching/lazy_regex.h"
#include "pack/pack_loading.h"
#include "signals/rule_reader.h"  // pack_pattern_options()

namespace fakelens::internal {

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
inline bool same_options(const RE2::Options& a, const RE2::Options& b) {
  return a.max_mem() == b.max_mem() && a.encoding() == b.encoding() && a.posix_syntax() == b.posix_syntax() &&
         a.longest_match() == b.longest_match() && a.log_errors() == b.log_errors() && a.literal() == b.literal() &&
         a.never_nl() == b.never_nl() && a.dot_nl() == b.dot_nl() && a.never_capture() == b.never_capture() &&
         a.case_sensitive() == b.case_sensitive() && a.perl_classes() == b.perl_classes() &&
         a.word_boundary() == b.word_boundary() && a.one_line() == b.one_line();
}


class ImageWriter {
 public:
  std::string bytes;
  std::string problem;  // the first thing an image cannot carry
  const std::string* alternation = nullptr;  // the brands' plain alternation, once written
  const std::string* last_text = nullptr;  // the text just written, for a pattern that repeats it

  // Forgets the text just written: call it when that text is about to go out of scope.
  void forget_text() { last_text = nullptr; }

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

  // Forgets the text just read, as the writer does: call it when that text goes out of scope.
  void forget_text() { last_text_ = nullptr; }

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


}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_PACK_PACK_IMAGE_IO_H_
