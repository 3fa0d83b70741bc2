#include "fakelens/text_normalizer.h"

#include "fakelens/utf8.h"

namespace fakelens {
namespace {

// Base letters for U+00C0..U+00FF and U+0100..U+017F. '*' marks a two-letter folding
// (handled in fold_latin), '#' a character that has no base letter and stays.
constexpr char kLatin1Base[] =
    "aaaaaa*ceeeeiiii"   // C0..CF
    "dnooooo#ouuuuy#*"   // D0..DF
    "aaaaaa*ceeeeiiii"   // E0..EF
    "dnooooo#ouuuuy#y";  // F0..FF
constexpr char kLatinExtendedABase[] =
    "aaaaaaccccccccdd"   // 0100..010F
    "ddeeeeeeeeeegggg"   // 0110..011F
    "gggghhhhiiiiiiii"   // 0120..012F
    "ii**jjkkklllllll"   // 0130..013F
    "lllnnnnnnnnnoooo"   // 0140..014F
    "oo**rrrrrrssssss"   // 0150..015F
    "ssttttttuuuuuuuu"   // 0160..016F
    "uuuuwwyyyzzzzzzs";  // 0170..017F

bool is_space(char32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

bool is_invisible(char32_t cp) {
  return cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF ||
         cp == 0x180E || (cp >= 0x0300 && cp <= 0x036F);  // combining diacritical marks
}

// Writes the folded form of `cp` into `out` (as UTF-8) and returns true, or returns
// false when the code point is to be kept as it is.
bool fold_code_point(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') {
      out.push_back(static_cast<char>(cp + 32));
      return true;
    }
    return false;
  }
  if (cp >= 0xC0 && cp <= 0x17F) {
    const char base = cp <= 0xFF ? kLatin1Base[cp - 0xC0] : kLatinExtendedABase[cp - 0x100];
    if (base == '#') {
      if (cp == 0xDE) {  // Þ -> þ
        utf8::append(out, 0xFE);
        return true;
      }
      return false;
    }
    if (base == '*') {
      if (cp == 0xC6 || cp == 0xE6) out += "ae";
      else if (cp == 0xDF) out += "ss";
      else if (cp == 0x132 || cp == 0x133) out += "ij";
      else out += "oe";  // U+0152, U+0153
      return true;
    }
    out.push_back(base);
    return true;
  }
  // Greek capitals.
  if ((cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)) {
    utf8::append(out, cp + 32);
    return true;
  }
  if (cp == 0x3C2) {  // final sigma folds to sigma
    utf8::append(out, 0x3C3);
    return true;
  }
  if (cp == 0x386) return utf8::append(out, 0x3AC), true;
  if (cp >= 0x388 && cp <= 0x38A) return utf8::append(out, cp + 37), true;
  if (cp == 0x38C) return utf8::append(out, 0x3CC), true;
  if (cp == 0x38E || cp == 0x38F) return utf8::append(out, cp + 63), true;
  // Cyrillic capitals.
  if (cp >= 0x410 && cp <= 0x42F) return utf8::append(out, cp + 32), true;
  if (cp >= 0x400 && cp <= 0x40F) return utf8::append(out, cp + 80), true;
  if (((cp >= 0x460 && cp <= 0x481) || (cp >= 0x48A && cp <= 0x4BF)) && cp % 2 == 0) {
    return utf8::append(out, cp + 1), true;
  }
  // Full-width ASCII variants.
  if (cp >= 0xFF01 && cp <= 0xFF5E) {
    char32_t ascii = cp - 0xFF01 + 0x21;
    if (ascii >= 'A' && ascii <= 'Z') ascii += 32;
    out.push_back(static_cast<char>(ascii));
    return true;
  }
  // Mathematical alphanumeric letters (bold, italic, script, ...): 13 alphabets of
  // A..Z a..z, then digits in 5 styles.
  if (cp >= 0x1D400 && cp <= 0x1D6A3) {
    const unsigned letter = (cp - 0x1D400) % 52;
    out.push_back(static_cast<char>(letter < 26 ? 'a' + letter : 'a' + (letter - 26)));
    return true;
  }
  if (cp >= 0x1D7CE && cp <= 0x1D7FF) {
    out.push_back(static_cast<char>('0' + (cp - 0x1D7CE) % 10));
    return true;
  }
  return false;
}

template <bool kKeepOffsets>
void fold_into(std::string_view source, std::string& text, std::vector<std::uint32_t>* offsets) {
  text.reserve(source.size() + 1);
  if (kKeepOffsets) offsets->reserve(source.size() + 1);
  bool last_was_space = false;
  std::size_t pos = 0;
  while (pos < source.size()) {
    // ASCII, most of any listing, without decoding: the same result as the general path
    // below (ASCII has no invisible characters, only A-Z fold) at a byte per step.
    const auto byte = static_cast<unsigned char>(source[pos]);
    if (byte < 0x80) {
      const bool space = is_space(byte);
      if (!space || !last_was_space) {
        text.push_back(space ? ' ' : static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte + 32 : byte));
        if (kKeepOffsets) offsets->push_back(static_cast<std::uint32_t>(pos));
      }
      last_was_space = space;
      ++pos;
      continue;
    }
    std::size_t length = 1;
    const char32_t cp = utf8::decode(source, pos, &length);
    if (is_space(cp)) {
      if (!last_was_space) text.push_back(' ');
      last_was_space = true;
    } else if (is_invisible(cp)) {
      // dropped; does not break a run of spaces either
    } else {
      if (!fold_code_point(cp, text)) text.append(source.substr(pos, length));
      last_was_space = false;
    }
    if (kKeepOffsets) offsets->resize(text.size(), static_cast<std::uint32_t>(pos));
    pos += length;
  }
  if (kKeepOffsets) offsets->push_back(static_cast<std::uint32_t>(source.size()));
}

}  // namespace

void FoldedText::source_range(std::size_t begin, std::size_t end, std::string_view source,
                              std::uint32_t* source_begin, std::uint32_t* source_end) const {
  if (begin >= end || begin >= text.size()) {
    const std::uint32_t at = source_offset[begin < source_offset.size() ? begin : source_offset.size() - 1];
    *source_begin = *source_end = at;
    return;
  }
  *source_begin = source_offset[begin];
  const std::uint32_t last = source_offset[end - 1];
  *source_end = last + static_cast<std::uint32_t>(
                           utf8::sequence_length(static_cast<unsigned char>(source[last])));
}

FoldedText fold_text(std::string_view source) {
  FoldedText folded;
  fold_into<true>(source, folded.text, &folded.source_offset);
  return folded;
}

std::string fold_for_compare(std::string_view source) {
  std::string text;
  fold_into<false>(source, text, nullptr);
  return text;
}

}  // namespace fakelens
