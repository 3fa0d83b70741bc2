#include "fakelens/utf8.h"

#include <cstdint>
#include <cstring>

namespace fakelens::utf8 {

bool is_valid(std::string_view text, std::size_t* bad_offset) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    // Eight ASCII bytes at a time: most text is ASCII.
    std::uint64_t word = 0;
    if (size - i >= 8 && (std::memcpy(&word, bytes + i, 8), (word & 0x8080808080808080ull) == 0)) {
      i += 8;
      continue;
    }
    const unsigned char lead = bytes[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    char32_t min_value = 0;
    char32_t cp = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2, min_value = 0x80, cp = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3, min_value = 0x800, cp = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4, min_value = 0x10000, cp = lead & 0x07;
    } else {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    if (size - i < length) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    for (std::size_t k = 1; k < length; ++k) {
      const unsigned char next = bytes[i + k];
      if ((next & 0xC0) != 0x80) {
        if (bad_offset) *bad_offset = i;
        return false;
      }
      cp = (cp << 6) | (next & 0x3F);
    }
    if (cp < min_value || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += length;
  }
  return true;
}

char32_t decode(std::string_view text, std::size_t pos, std::size_t* length) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  const std::size_t n = sequence_length(lead);
  *length = n;
  if (n == 1) return lead;
  char32_t cp = lead & (0xFF >> (n + 1));
  for (std::size_t k = 1; k < n && pos + k < text.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[pos + k]) & 0x3F);
  }
  return cp;
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::vector<std::uint32_t> utf16_offsets(std::string_view text,
                                         const std::vector<std::uint32_t>& sorted_byte_offsets) {
  std::vector<std::uint32_t> result;
  result.reserve(sorted_byte_offsets.size());
  std::size_t byte = 0;
  std::uint32_t units = 0;
  for (const std::uint32_t target : sorted_byte_offsets) {
    while (byte < target && byte < text.size()) {
      const std::size_t n = sequence_length(static_cast<unsigned char>(text[byte]));
      units += (n == 4) ? 2 : 1;  // astral code points are a surrogate pair in UTF-16
      byte += n;
    }
    result.push_back(units);
  }
  return result;
}

}  // namespace fakelens::utf8
