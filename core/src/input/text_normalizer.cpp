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
// Latin Extended-B, U+01A0..U+023F: Vietnamese o and u with horn (ơ, ư), pinyin tones
// (ǎ, ǐ, ǒ, ǔ, ǖ...), Romanian s and t with comma below (ș, ț), and the other letters
// that decompose to a base letter and marks. Letters with a stroke or hook that do not
// decompose (ƀ, ǥ, ȼ...), and the compatibility digraphs (ǆ, ǉ, ǌ, ǳ), stay.
constexpr char kLatinExtendedBBase[] =
    "oo#############u"   // 01A0..01AF
    "u###############"   // 01B0..01BF
    "#############aai"   // 01C0..01CF
    "ioouuuuuuuuuu#aa"   // 01D0..01DF
    "aa####ggkkoooo##"   // 01E0..01EF
    "j###gg##nnaa####"   // 01F0..01FF
    "aaaaeeeeiiiioooo"   // 0200..020F
    "rrrruuuusstt##hh"   // 0210..021F
    "######aaeeoooooo"   // 0220..022F
    "ooyy############";  // 0230..023F
// Latin Extended Additional, U+1E00..U+1EFF: Vietnamese (ả, ấ, ệ, ở, ự, ỳ...) and the
// letters with dots and lines below or above used for other languages and for
// transliteration (ḍ, ṣ, ṭ, ẓ). Every letter here decomposes canonically to an ASCII base
// letter and marks, except: ẛ (long s with dot, -> s), ẞ (capital sharp s, -> ss, marked
// '*'), and ẚ, ẜ, ẝ, ẟ and the Middle Welsh letters U+1EFA..U+1EFF, which stay.
constexpr char kLatinExtendedAdditionalBase[] =
    "aabbbbbbccdddddd"   // 1E00..1E0F
    "ddddeeeeeeeeeeff"   // 1E10..1E1F
    "gghhhhhhhhhhiiii"   // 1E20..1E2F
    "kkkkkkllllllllmm"   // 1E30..1E3F
    "mmmmnnnnnnnnoooo"   // 1E40..1E4F
    "oooopppprrrrrrrr"   // 1E50..1E5F
    "sssssssssstttttt"   // 1E60..1E6F
    "ttuuuuuuuuuuvvvv"   // 1E70..1E7F
    "wwwwwwwwwwxxxxyy"   // 1E80..1E8F
    "zzzzzzhtwy#s##*#"   // 1E90..1E9F
    "aaaaaaaaaaaaaaaa"   // 1EA0..1EAF
    "aaaaaaaaeeeeeeee"   // 1EB0..1EBF
    "eeeeeeeeiiiioooo"   // 1EC0..1ECF
    "oooooooooooooooo"   // 1ED0..1EDF
    "oooouuuuuuuuuuuu"   // 1EE0..1EEF
    "uuyyyyyyyy######";  // 1EF0..1EFF
// Greek Extended, U+1F00..U+1FFF (polytonic Greek, and the oxia forms U+1F71.. that
// some keyboards and converters write for the modern tonos vowels): the plain lower-case
// vowel or consonant each letter decomposes to; '#' (spacing accents, unassigned code
// points) stays.
constexpr char16_t kGreekExtendedBase[] =
    u"αααααααααααααααα"   // 1F00..1F0F
    u"εεεεεε##εεεεεε##"   // 1F10..1F1F
    u"ηηηηηηηηηηηηηηηη"   // 1F20..1F2F
    u"ιιιιιιιιιιιιιιιι"   // 1F30..1F3F
    u"οοοοοο##οοοοοο##"   // 1F40..1F4F
    u"υυυυυυυυ#υ#υ#υ#υ"   // 1F50..1F5F
    u"ωωωωωωωωωωωωωωωω"   // 1F60..1F6F
    u"ααεεηηιιοουυωω##"   // 1F70..1F7F
    u"αααααααααααααααα"   // 1F80..1F8F
    u"ηηηηηηηηηηηηηηηη"   // 1F90..1F9F
    u"ωωωωωωωωωωωωωωωω"   // 1FA0..1FAF
    u"ααααα#ααααααα#ι#"   // 1FB0..1FBF
    u"##ηηη#ηηεεηηη###"   // 1FC0..1FCF
    u"ιιιι##ιιιιιι####"   // 1FD0..1FDF
    u"υυυυρρυυυυυυρ###"   // 1FE0..1FEF
    u"##ωωω#ωωοοωωω###";  // 1FF0..1FFF

static_assert(sizeof(kLatin1Base) == 64 + 1 && sizeof(kLatinExtendedABase) == 128 + 1 &&
                  sizeof(kLatinExtendedBBase) == 160 + 1 &&
                  sizeof(kLatinExtendedAdditionalBase) == 256 + 1 &&
                  sizeof(kGreekExtendedBase) / sizeof(char16_t) == 256 + 1,
              "one base letter per code point");

// Greek U+0386..U+03CE with tonos or dialytika -> the plain lower-case vowel. Capitals
// without accents fold by +32 below, final sigma to sigma.
char32_t plain_greek_vowel(char32_t cp) {
  switch (cp) {
    case 0x386: case 0x3AC: return 0x3B1;                          // Ά ά -> α
    case 0x388: case 0x3AD: return 0x3B5;                          // Έ έ -> ε
    case 0x389: case 0x3AE: return 0x3B7;                          // Ή ή -> η
    case 0x38A: case 0x3AF: case 0x390: case 0x3AA: case 0x3CA:    // Ί ί ΐ Ϊ ϊ -> ι
      return 0x3B9;
    case 0x38C: case 0x3CC: return 0x3BF;                          // Ό ό -> ο
    case 0x38E: case 0x3CD: case 0x3B0: case 0x3AB: case 0x3CB:    // Ύ ύ ΰ Ϋ ϋ -> υ
      return 0x3C5;
    case 0x38F: case 0x3CE: return 0x3C9;                          // Ώ ώ -> ω
    default: return 0;
  }
}

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
  // Latin Extended-B letters with a base letter (ơ, ư, ǎ, ș...).
  if (cp >= 0x1A0 && cp <= 0x23F) {
    const char base = kLatinExtendedBBase[cp - 0x1A0];
    if (base == '#') return false;
    out.push_back(base);
    return true;
  }
  // Greek capitals.
  if ((cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)) {
    utf8::append(out, cp + 32);
    return true;
  }
  // Final sigma folds to sigma: a capital Σ cannot tell the two apart, so "ΡΕΠΛΙΚΑΣ" and
  // "ρεπλικας" must fold to the same text, and a pattern needs only one spelling for the
  // word wherever it ends.
  if (cp == 0x3C2) {
    utf8::append(out, 0x3C3);
    return true;
  }
  if (cp >= 0x386 && cp <= 0x3CE) {
    if (const char32_t vowel = plain_greek_vowel(cp)) {
      utf8::append(out, vowel);
      return true;
    }
  }
  // Cyrillic capitals.
  if (cp >= 0x410 && cp <= 0x42F) return utf8::append(out, cp + 32), true;
  if (cp >= 0x400 && cp <= 0x40F) return utf8::append(out, cp + 80), true;
  if (((cp >= 0x460 && cp <= 0x481) || (cp >= 0x48A && cp <= 0x4BF)) && cp % 2 == 0) {
    return utf8::append(out, cp + 1), true;
  }
  // Latin Extended Additional: Vietnamese and letters with dots or lines.
  if (cp >= 0x1E00 && cp <= 0x1EFF) {
    const char base = kLatinExtendedAdditionalBase[cp - 0x1E00];
    if (base == '#') return false;
    if (base == '*') {  // U+1E9E ẞ
      out += "ss";
      return true;
    }
    out.push_back(base);
    return true;
  }
  // Greek Extended (polytonic and oxia forms).
  if (cp >= 0x1F00 && cp <= 0x1FFF) {
    const char16_t base = kGreekExtendedBase[cp - 0x1F00];
    if (base == u'#') return false;
    utf8::append(out, base);
    return true;
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
  std::size_t stop = last + utf8::sequence_length(static_cast<unsigned char>(source[last]));
  // Combining marks right after the last letter belong to it ("a\u0309" is "ả" typed in
  // two code points): folding dropped them, the range takes them, so a highlight never
  // splits a letter from its marks. Bounded: a stack of more marks than any language
  // puts on a letter is not followed further.
  constexpr int kMaxTrailingMarks = 8;
  for (int marks = 0; marks < kMaxTrailingMarks && stop + 1 < source.size(); ++marks) {
    const auto lead = static_cast<unsigned char>(source[stop]);
    const auto next = static_cast<unsigned char>(source[stop + 1]);
    const bool combining = (lead == 0xCC && next >= 0x80 && next <= 0xBF) ||  // U+0300..U+033F
                           (lead == 0xCD && next >= 0x80 && next <= 0xAF);    // U+0340..U+036F
    if (!combining) break;
    stop += 2;
  }
  *source_end = static_cast<std::uint32_t>(stop);
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
