// UTF-8 helpers the core needs and nothing more: validation, decoding one code point,
// and converting byte offsets to the UTF-16 offsets that JavaScript strings use (the
// contract's spans are UTF-16 so a page can call field.slice(start, end) directly).
#ifndef FAKELENS_UTF8_H_
#define FAKELENS_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fakelens::utf8 {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
// When false and `bad_offset` is given, it receives the byte offset of the first bad byte.
bool is_valid(std::string_view text, std::size_t* bad_offset = nullptr);

// Decodes the code point starting at text[pos] of VALID UTF-8. Sets `length` to its size
// in bytes (1..4).
char32_t decode(std::string_view text, std::size_t pos, std::size_t* length);

// Appends the UTF-8 encoding of `cp` to `out`.
void append(std::string& out, char32_t cp);

// For VALID UTF-8 and byte offsets that lie on code point boundaries, sorted ascending,
// returns the matching UTF-16 offsets in one pass over the text.
std::vector<std::uint32_t> utf16_offsets(std::string_view text,
                                         const std::vector<std::uint32_t>& sorted_byte_offsets);

// Byte length of the code point whose first byte is `lead` (1 for a stray byte).
inline std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

}  // namespace fakelens::utf8

#endif  // FAKELENS_UTF8_H_
