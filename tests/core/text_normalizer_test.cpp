#include "fakelens/text_normalizer.h"

#include <doctest/doctest.h>

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
