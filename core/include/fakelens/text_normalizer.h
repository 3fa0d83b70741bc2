// Folds listing text into the one form that rule patterns are written against, and
// remembers where each folded byte came from so that matches map back to the original.
//
// Folding, in order, per code point:
//   - invisible characters (zero-width spaces and joiners, soft hyphen, BOM) and
//     combining diacritical marks are dropped: "re\u0301pl\u200Bica" -> "replica";
//   - full-width ASCII forms and mathematical alphanumeric letters become ASCII:
//     "ＲＥＰＬＩＣＡ" and "𝐑𝐞𝐩𝐥𝐢𝐜𝐚" -> "replica";
//   - case is folded for Latin, Greek and Cyrillic; Latin letters lose their accents
//     ("Réplica" -> "replica", "ß" -> "ss", "Æ" -> "ae"), Vietnamese included ("Hàng giả
//     cao cấp" -> "hang gia cao cap", "ơ", "ư", "đ" -> "o", "u", "d"); Greek vowels lose
//     tonos, dialytika and polytonic marks and final sigma becomes sigma ("Ρεπλίκες" ->
//     "ρεπλικεσ"), by table (no ICU), so native and WebAssembly fold alike;
//   - every kind of Unicode space or line break becomes ' ', and runs of them collapse
//     into one.
// Everything else (CJK, Arabic, digits, punctuation) passes through unchanged.
//
// So rule patterns are written in lower case, without accents, with single spaces.
// The folding is linear in the input and deterministic.
#ifndef FAKELENS_TEXT_NORMALIZER_H_
#define FAKELENS_TEXT_NORMALIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fakelens {

struct FoldedText {
  // The folded UTF-8 text that patterns run over.
  std::string text;
  // For each byte of `text`, the byte offset in the source of the code point it came
  // from; one extra entry at the end holds the source length.
  std::vector<std::uint32_t> source_offset;

  // Maps the folded byte range [begin, end) back to a source byte range that covers
  // whole source code points, and the combining marks (up to 8) that follow the last one.
  void source_range(std::size_t begin, std::size_t end, std::string_view source,
                    std::uint32_t* source_begin, std::uint32_t* source_end) const;
};

// `source` must be valid UTF-8 (the listing parser guarantees it).
FoldedText fold_text(std::string_view source);

// Folds a short string for comparisons (e.g. a brand name); no offsets kept.
std::string fold_for_compare(std::string_view source);

}  // namespace fakelens

#endif  // FAKELENS_TEXT_NORMALIZER_H_
