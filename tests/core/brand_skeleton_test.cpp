#include "matching/brand_skeleton.h"

#include <algorithm>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "fakelens/rule_pack.h"
#include "fakelens/text_normalizer.h"
#include "fakelens/utf8.h"

using fakelens::internal::brand_skeleton;
using fakelens::internal::BrandSkeletonIndex;

namespace {
bool has(const std::vector<std::uint32_t>& found, std::uint32_t brand) {
  return std::find(found.begin(), found.end(), brand) != found.end();
}

std::string skeleton_of(const std::string& text) { return brand_skeleton(fakelens::fold_text(text).text); }

// Every character of a look-alike list, as UTF-8 strings.
std::vector<std::string> characters(const char* list) {
  std::vector<std::string> out;
  const std::string_view chars(list ? list : "");
  for (std::size_t pos = 0; pos < chars.size();) {
    const std::size_t length = fakelens::utf8::sequence_length(static_cast<unsigned char>(chars[pos]));
    out.emplace_back(chars.substr(pos, length));
    pos += length;
  }
  return out;
}
}  // namespace

TEST_CASE("a disguise and the plain name share a skeleton") {
  CHECK(skeleton_of("nike") == skeleton_of("N1ke"));
  CHECK(skeleton_of("nike") == skeleton_of("Nіke"));    // Cyrillic і
  CHECK(skeleton_of("nike") == skeleton_of("N-I-K-E"));
  CHECK(skeleton_of("rolex") == skeleton_of("R.0.L.3.X"));
  CHECK(skeleton_of("gucci") == skeleton_of("ＧＵＣＣＩ"));
  CHECK(skeleton_of("louis vuitton") == skeleton_of("L0uis_Vu1tt0n"));
  CHECK(skeleton_of("tiffany & co") == skeleton_of("tiffany co"));
}

TEST_CASE("other characters are kept, so they break a match") {
  CHECK(skeleton_of("ni|ke") == "ni|ke");
  CHECK(skeleton_of("劳力士") == "劳力士");
  CHECK(skeleton_of("a,b") == "a,b");
  CHECK(brand_skeleton("") == "");
}

TEST_CASE("candidates: every brand whose skeleton occurs, once, sorted") {
  BrandSkeletonIndex index;
  index.add("nike", 0);
  index.add("rolex", 1);
  index.add("劳力士", 1);
  index.add("ray-ban", 2);
  index.add("rayban", 2);
  index.add("ab", 3);  // too short to index
  index.build();
  CHECK(index.candidates(fakelens::fold_text("N1ke and R0LEX and nike").text) == std::vector<std::uint32_t>{0, 1});
  CHECK(index.candidates(fakelens::fold_text("正品劳力士日志型").text) == std::vector<std::uint32_t>{1});
  CHECK(index.candidates(fakelens::fold_text("R-a-y B-a-n").text) == std::vector<std::uint32_t>{2});
  CHECK(index.candidates(fakelens::fold_text("ab ab ab").text).empty());
  CHECK(index.candidates("").empty());
  // A failed start ("ro" then "r") falls back and still finds "rolex"; words run together.
  CHECK(index.candidates("rorolex") == std::vector<std::uint32_t>{1});
  CHECK(index.candidates("snikerolex") == std::vector<std::uint32_t>{0, 1});
}

TEST_CASE("an empty index finds nothing") {
  BrandSkeletonIndex index;
  index.build();
  CHECK(index.candidates("nike").empty());
  BrandSkeletonIndex never_built;
  CHECK(never_built.candidates("nike").empty());
}

// The index must never miss what a brand's pattern accepts: every look-alike of every
// letter, and separators between letters, of every spelling in the default pack.
TEST_CASE("every disguise of every default brand spelling is a candidate") {
  const auto pack = nlohmann::json::parse(fakelens::default_rule_pack_json());
  BrandSkeletonIndex index;
  std::vector<std::pair<std::string, std::uint32_t>> spellings;
  for (std::size_t i = 0; i < pack["brands"].size(); ++i) {
    const auto& brand = pack["brands"][i];
    for (const char* key : {"match", "misspellings", "aliases"}) {
      if (!brand.contains(key)) continue;
      for (const auto& spelling : brand[key]) {
        const std::string folded = fakelens::fold_for_compare(spelling.get<std::string>());
        index.add(folded, static_cast<std::uint32_t>(i));
        spellings.emplace_back(folded, static_cast<std::uint32_t>(i));
      }
    }
  }
  index.build();
  std::size_t checked = 0;
  // Plain names, not a structured binding: doctest's macros capture in lambdas,
  // and clang (C++17) refuses to capture structured bindings.
  for (const auto& entry : spellings) {
    const std::string& spelling = entry.first;
    const std::uint32_t brand = entry.second;
    REQUIRE_MESSAGE(has(index.candidates(spelling), brand), spelling);
    // Each letter swapped for each of its look-alikes, one at a time.
    for (std::size_t at = 0; at < spelling.size(); ++at) {
      for (const std::string& alike : characters(fakelens::internal::look_alikes(spelling[at]))) {
        const std::string disguised = spelling.substr(0, at) + alike + spelling.substr(at + 1);
        CHECK_MESSAGE(has(index.candidates("x " + disguised + " y"), brand), disguised);
        ++checked;
      }
    }
    // Spaced out with each separator, and the words run together.
    for (const char* separator : {".", "-", "_", "*", "·", "•", "’", " "}) {
      std::string spaced;
      for (const char c : spelling) {
        if (!spaced.empty()) spaced += separator;
        spaced += c;
      }
      CHECK_MESSAGE(has(index.candidates(spaced), brand), spaced);
      ++checked;
    }
    std::string joined = spelling;
    joined.erase(std::remove(joined.begin(), joined.end(), ' '), joined.end());
    CHECK_MESSAGE(has(index.candidates(joined), brand), joined);
  }
  CHECK(checked > 5000);
}

TEST_CASE("a megabyte of near-misses stays one pass") {
  BrandSkeletonIndex index;
  index.add("nike", 0);
  index.add("nikon", 1);
  index.build();
  std::string text;
  while (text.size() < (1u << 20)) text += "nik-nikk ";
  CHECK(index.candidates(text).empty());
  text += "n1k0n";
  CHECK(index.candidates(text) == std::vector<std::uint32_t>{1});
}

TEST_CASE("an index past the first table size grows and still finds every brand") {
  // 3,000 random 12-letter spellings: about 20,000 trie nodes, past the 8,192 rows the
  // table starts with, under the 32,767 limit.
  std::uint32_t state = 777;
  auto next_letter = [&] {
    state = state * 1103515245u + 12345u;
    return static_cast<char>('a' + (state >> 16) % 26);
  };
  BrandSkeletonIndex index;
  std::vector<std::string> spellings;
  for (std::uint32_t brand = 0; brand < 3000; ++brand) {
    std::string spelling;
    for (int i = 0; i < 12; ++i) spelling += next_letter();
    index.add(spelling, brand);
    spellings.push_back(spelling);
  }
  REQUIRE(index.build());
  CHECK(index.node_count() > 8192);
  for (std::uint32_t brand = 0; brand < spellings.size(); ++brand) {
    const std::string& spelling = spellings[brand];
    CHECK_MESSAGE(has(index.candidates("buy " + spelling + " now"), brand), spelling);
  }
}

TEST_CASE("the scan finds exactly the indexed skeletons in the text's skeleton") {
  // The scan reads folded text in its own fast ways (ASCII runs, two-byte look-alikes,
  // three-byte characters kept whole, nodes where brands end told by their row's place);
  // the answer must be what brand_skeleton and a substring search say.
  const auto pack = nlohmann::json::parse(fakelens::default_rule_pack_json());
  BrandSkeletonIndex index;
  std::vector<std::pair<std::string, std::uint32_t>> prefixes;  // what the index holds
  std::vector<std::string> spellings;
  for (std::size_t i = 0; i < pack["brands"].size(); ++i) {
    for (const char* key : {"match", "misspellings", "aliases"}) {
      if (!pack["brands"][i].contains(key)) continue;
      for (const auto& spelling : pack["brands"][i][key]) {
        const std::string folded = fakelens::fold_for_compare(spelling.get<std::string>());
        index.add(folded, static_cast<std::uint32_t>(i));
        spellings.push_back(folded);
        const std::string skeleton = brand_skeleton(folded);
        if (skeleton.size() >= 3) {
          prefixes.emplace_back(skeleton.substr(0, BrandSkeletonIndex::kSkeletonPrefixBytes),
                                static_cast<std::uint32_t>(i));
        }
      }
    }
  }
  REQUIRE(index.build());
  // Texts of brand spellings, look-alikes, separators and other scripts, run together.
  const std::vector<std::string> pieces = {"a", "e", "o", "1", "0", "3", "$", "@", " ", "-", ".", "•", "’", "·",
                                           "€", "×", "і", "о", "а", "е", "с", "ω", "é", "ß", "手表", "正品", "の",
                                           "|", ",", "2", "x", "q", "ー", "🙂"};
  std::uint32_t state = 2024;
  auto next = [&](std::size_t bound) {
    state = state * 1103515245u + 12345u;
    return static_cast<std::size_t>((state >> 8) % bound);
  };
  std::size_t with_brands = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const std::size_t parts = 1 + next(12);
    for (std::size_t p = 0; p < parts; ++p) {
      text += next(3) == 0 ? spellings[next(spellings.size())] : pieces[next(pieces.size())];
    }
    const std::string skeleton = brand_skeleton(text);
    std::vector<std::uint32_t> expected;
    for (const auto& prefix : prefixes) {
      if (skeleton.find(prefix.first) != std::string::npos) expected.push_back(prefix.second);
    }
    std::sort(expected.begin(), expected.end());
    expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
    with_brands += !expected.empty();
    REQUIRE_MESSAGE(index.candidates(text) == expected, text);
  }
  CHECK(with_brands > 1000);
}
