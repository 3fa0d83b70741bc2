#include "fakelens/text_normalizer.h"

#include <doctest/doctest.h>

#include <string>

#include "fakelens/scorer.h"
#include "fakelens/utf8.h"
#include "test_support.h"

using fakelens::fold_for_compare;
using fakelens::fold_text;

TEST_CASE("case, accents and ligatures fold to plain lower case") {
  CHECK(fold_for_compare("RÉPLICA Imitación") == "replica imitacion");
  CHECK(fold_for_compare("Straße ÆON Œuvre") == "strasse aeon oeuvre");
  CHECK(fold_for_compare("ŁÓDŹ İstanbul") == "lodz istanbul");
}

TEST_CASE("Greek and Cyrillic capitals fold to lower case") {
  CHECK(fold_for_compare("КОПИЯ Реплика") == "копия реплика");
  CHECK(fold_for_compare("ΑΝΤΙΓΡΑΦΟΣ") == "αντιγραφοσ");  // final sigma folds too
}

TEST_CASE("full-width and mathematical letters become ASCII") {
  CHECK(fold_for_compare("ＲＥＰＬＩＣＡ １：１") == "replica 1:1");
  CHECK(fold_for_compare("𝐑𝐞𝐩𝐥𝐢𝐜𝐚 𝟕𝐀") == "replica 7a");
}

TEST_CASE("invisible characters and combining marks are dropped, spaces collapse") {
  CHECK(fold_for_compare("rep\u200Blica") == "replica");
  CHECK(fold_for_compare("re\u0301plica") == "replica");
  CHECK(fold_for_compare("super\u00A0\u3000 \t copy") == "super copy");
  CHECK(fold_for_compare("soft\u00ADhyphen") == "softhyphen");
}

TEST_CASE("CJK, Arabic and punctuation pass through unchanged") {
  CHECK(fold_for_compare("高仿 A货!") == "高仿 a货!");
  CHECK(fold_for_compare("تقليد") == "تقليد");
}

TEST_CASE("every folded byte maps back to the code point it came from") {
  const std::string source = "ＲÉ\u200Bp 𝐋";
  const auto folded = fold_text(source);
  CHECK(folded.text == "rep l");
  REQUIRE(folded.source_offset.size() == folded.text.size() + 1);
  CHECK(folded.source_offset[0] == 0);   // Ｒ (3 bytes)
  CHECK(folded.source_offset[1] == 3);   // É (2 bytes)
  CHECK(folded.source_offset[2] == 8);   // p after the zero-width space
  CHECK(folded.source_offset[3] == 9);   // space
  CHECK(folded.source_offset[4] == 10);  // 𝐋 (4 bytes)
  CHECK(folded.source_offset[5] == source.size());

  std::uint32_t begin = 0, end = 0;
  folded.source_range(0, 2, source, &begin, &end);  // "re"
  CHECK(begin == 0);
  CHECK(end == 5);
  folded.source_range(4, 5, source, &begin, &end);  // "l"
  CHECK(begin == 10);
  CHECK(end == 14);
}

TEST_CASE("folding ß into two letters keeps both mapped to the same source") {
  const auto folded = fold_text("aß");
  CHECK(folded.text == "ass");
  CHECK(folded.source_offset[1] == 1);
  CHECK(folded.source_offset[2] == 1);
}

TEST_CASE("ASCII and Unicode spaces share one run, whichever comes first") {
  // ASCII takes a faster path than other code points: runs that mix the two must still
  // collapse into one space, mapped to the first character of the run.
  const std::string source = "A\u2003 \tb \u200B\u00A0C\r\n";
  const auto folded = fold_text(source);
  CHECK(folded.text == "a b c ");
  REQUIRE(folded.source_offset.size() == folded.text.size() + 1);
  CHECK(folded.source_offset[1] == 1);   // the run starts at U+2003
  CHECK(folded.source_offset[3] == 7);   // the space after b; U+200B, U+00A0 join its run
  CHECK(folded.source_offset[4] == 13);  // C
  CHECK(folded.source_offset[5] == 14);  // "\r\n"
  for (int byte = 0; byte < 0x80; ++byte) {
    const std::string one(1, static_cast<char>(byte));
    const bool space = byte == ' ' || (byte >= 0x09 && byte <= 0x0D);
    const char expected = space ? ' ' : (byte >= 'A' && byte <= 'Z') ? static_cast<char>(byte + 32) : static_cast<char>(byte);
    CHECK(fold_for_compare("\u00E9" + one + "\u00E9") == "e" + std::string(1, expected) + "e");
  }
}

TEST_CASE("Vietnamese with and without diacritics folds to the same text") {
  // Precomposed (as most keyboards type it) and decomposed (base letter + combining marks).
  CHECK(fold_for_compare("Hàng nhái cao cấp") == "hang nhai cao cap");
  CHECK(fold_for_compare("Hàng nhái cao cấp") == fold_for_compare("hang nhai cao cap"));
  CHECK(fold_for_compare("HA\u0300NG NHA\u0301I CAO C\u00C2\u0301P") == "hang nhai cao cap");
  CHECK(fold_for_compare("Đồng hồ siêu cấp, hàng giả loại 1") == "dong ho sieu cap, hang gia loai 1");
  CHECK(fold_for_compare("thương hiệu ỞỰỲỸ ơƠưƯđĐ") == "thuong hieu ouyy oouudd");
  // Every letter of the Vietnamese alphabet with every tone, both cases.
  const std::string vowels =
      "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ";
  const std::string vowels_upper =
      "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴ";
  const std::string plain = "aaaaaaaaaaaaaaaaaaeeeeeeeeeeeeiiiiiioooooooooooooooooouuuuuuuuuuuuyyyyyy";
  CHECK(fold_for_compare(vowels) == plain);
  CHECK(fold_for_compare(vowels_upper) == plain);
}

TEST_CASE("other Latin letters with marks lose them too") {
  CHECK(fold_for_compare("ȘOSEA țară şi ţară") == "sosea tara si tara");  // Romanian, comma and cedilla
  CHECK(fold_for_compare("nǚ lǜ Ǎ") == "nu lu a");                         // pinyin tones
  CHECK(fold_for_compare("Ḍḥṣṭẓ ẞ") == "dhstz ss");
  CHECK(fold_for_compare("ƀ ǥ ǆ") == "ƀ ǥ ǆ");  // strokes and digraphs have no base letter: kept
}

TEST_CASE("Greek with tonos, dialytika or polytonic marks folds to plain lower case") {
  CHECK(fold_for_compare("ρεπλίκα") == "ρεπλικα");
  CHECK(fold_for_compare("ΡΕΠΛΙΚΑ") == "ρεπλικα");
  CHECK(fold_for_compare("Ρεπλίκα") == fold_for_compare("ρεπλικα"));
  CHECK(fold_for_compare("ρεπλι\u0301κα") == "ρεπλικα");  // decomposed tonos
  CHECK(fold_for_compare("ρεπλ\u1F77κα") == "ρεπλικα");   // iota with oxia (canonically ί)
  CHECK(fold_for_compare("άέήίόύώ ΆΈΉΊΌΎΏ") == "αεηιουω αεηιουω");
  CHECK(fold_for_compare("μαϊμού ΜΑΪΜΟΎ ΐ ΰ Ϋ") == "μαιμου μαιμου ι υ υ");
  CHECK(fold_for_compare("ἀντίγραφον ᾠδή Ῥόδος") == "αντιγραφον ωδη ροδοσ");
  // Final sigma: a capital Σ cannot say which it was, so both fold to σ.
  CHECK(fold_for_compare("ακριβές ΑΚΡΙΒΕΣ") == "ακριβεσ ακριβεσ");
}

TEST_CASE("a match in folded Vietnamese or Greek maps back to exactly its original characters") {
  // The spans the extension highlights are UTF-16 offsets into the original field: slice
  // the original as UTF-16 and compare.
  const auto slice_of = [](const std::string& source, const std::string& folded_needle) {
    const auto folded = fold_text(source);
    const std::size_t at = folded.text.find(folded_needle);
    REQUIRE(at != std::string::npos);
    std::uint32_t begin = 0, end = 0;
    folded.source_range(at, at + folded_needle.size(), source, &begin, &end);
    const auto units = fakelens::utf8::utf16_offsets(source, {begin, end});
    std::u16string utf16;
    for (std::size_t pos = 0; pos < source.size();) {
      std::size_t length = 1;
      const char32_t cp = fakelens::utf8::decode(source, pos, &length);
      if (cp >= 0x10000) {
        utf16.push_back(static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10)));
        utf16.push_back(static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
      } else {
        utf16.push_back(static_cast<char16_t>(cp));
      }
      pos += length;
    }
    return utf16.substr(units[0], units[1] - units[0]);
  };
  CHECK(slice_of("Túi xách 𝐋𝐕 Hàng Nhái Cao Cấp, giá rẻ", "hang nhai cao cap") == u"Hàng Nhái Cao Cấp");
  CHECK(slice_of("Đồng hồ Rolex siêu cấp", "dong ho") == u"Đồng hồ");
  CHECK(slice_of("Τσάντα ΡΕΠΛΊΚΑ Gucci", "ρεπλικα") == u"ΡΕΠΛΊΚΑ");
  CHECK(slice_of("Παπούτσια μαϊμού", "μαιμου") == u"μαϊμού");
  // Decomposed text: the marks after the last letter belong to it and are highlighted too.
  CHECK(slice_of("ha\u0300ng gia\u0309 re\u0309", "hang gia") == u"ha\u0300ng gia\u0309");
  CHECK(slice_of("ρεπλι\u0301κα", "ρεπλι") == u"ρεπλι\u0301");
}

TEST_CASE("the default pack's Vietnamese and Greek rules match with and without accents, spans exact") {
  REQUIRE(fakelens::testing::default_pack() != nullptr);  // the pack loads: its examples hold
  const fakelens::Scorer scorer(fakelens::testing::default_pack());
  const auto evidence_for = [&](const std::string& title, const std::string& rule) -> std::u16string {
    auto listing = fakelens::parse_listing(R"({"title":")" + title + "\"}");
    REQUIRE(listing.ok());
    const auto verdict = scorer.score(listing.value());
    for (const auto& item : verdict.evidence) {
      if (item.rule != rule) continue;
      REQUIRE(item.span.has_value());
      std::u16string utf16;
      for (std::size_t pos = 0; pos < title.size();) {
        std::size_t length = 1;
        utf16.push_back(static_cast<char16_t>(fakelens::utf8::decode(title, pos, &length)));  // BMP titles only
        pos += length;
      }
      return utf16.substr(item.span->start, item.span->end - item.span->start);
    }
    return u"(no evidence)";
  };
  CHECK(evidence_for("Túi xách Hàng giả thương hiệu", "replica.vi.hang-nhai") == u"Hàng giả");
  CHECK(evidence_for("Tui xach hang gia thuong hieu", "replica.vi.hang-nhai") == u"hang gia");
  CHECK(evidence_for("Nhái thương hiệu Gucci", "replica.vi.hang-nhai") == u"Nhái thương hiệu");
  CHECK(evidence_for("Mua hàng giá rẻ tại shop", "replica.vi.hang-nhai") == u"(no evidence)");
  CHECK(evidence_for("Đồng hồ fake loại 1", "replica.vi.super-fake") == u"fake loại 1");
  CHECK(evidence_for("Τσάντα ΡΕΠΛΊΚΑ", "replica.el.replika") == u"ΡΕΠΛΊΚΑ");
  CHECK(evidence_for("Τσάντα ρεπλικα", "replica.el.replika") == u"ρεπλικα");
  CHECK(evidence_for("Ρολόι ακριβές αντίγραφο", "replica.el.replika") == u"ακριβές αντίγραφο");
  CHECK(evidence_for("Γνήσιο, όχι ρεπλίκα", "replica.el.replika") == u"(no evidence)");
  // A letter with Vietnamese marks in a brand reads as an accent, as Latin-1 ones always
  // did ("Rolèx"); a Cyrillic look-alike is still a disguise.
  CHECK(evidence_for("Đồng hồ Rolẹx", "brand.disguise") == u"(no evidence)");
  CHECK(evidence_for("Đồng hồ Rol\u0435x", "brand.disguise") == u"Rol\u0435x");
}
