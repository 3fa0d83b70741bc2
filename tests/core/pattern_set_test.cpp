#include "matching/pattern_set.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "test_support.h"
#include <re2/re2.h>
#include <re2/set.h>

#include "fakelens/rule_pack.h"
#include "fakelens/text_normalizer.h"

using fakelens::internal::PatternSet;

namespace {
RE2::Options options_with(long long max_mem) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(max_mem);
  return options;
}

// RE2::Set's answer, sorted, with whether its DFA gave up.
std::vector<int> set_answer(const RE2::Set& set, const std::string& text, bool* failed) {
  std::vector<int> matched;
  RE2::Set::ErrorInfo error{};
  set.Match(text, &matched, &error);
  *failed = error.kind != RE2::Set::kNoError;
  std::sort(matched.begin(), matched.end());
  return matched;
}
}  // namespace

TEST_CASE("the built-in pack's title patterns: the same answers as RE2::Set") {
  const auto loaded = fakelens::RulePack::load_default();
  REQUIRE(loaded.pack);
  const RE2::Options options = options_with(64 << 20);
  PatternSet ours(options);
  RE2::Set theirs(options, RE2::UNANCHORED);
  for (const auto& rule : fakelens::testing::text_rules_of(*loaded.pack).rules()) {
    const int entry = ours.add(rule.set_pattern);
    REQUIRE(entry >= 0);
    REQUIRE(theirs.Add(rule.set_pattern, nullptr) == entry);
  }
  REQUIRE(ours.compile());
  REQUIRE(theirs.Compile());
  CHECK(ours.size() == static_cast<int>(fakelens::testing::text_rules_of(*loaded.pack).rules().size()));
  // Titles that name rules, and titles that name none.
  const std::vector<std::string> words = {"100%", "original", "replica", "aaa", "1:1", "miracle", "cure", "genuine",
                                          "authentic", "高仿", "复刻", "n1ke", "rolex", "free", "shipping", "1tb",
                                          "phone", "watch", "реплика", "copy", "grade", "mirror", "-", " ", "!!!"};
  std::uint32_t state = 99;
  auto next = [&](std::size_t bound) {
    state = state * 1103515245u + 12345u;
    return static_cast<std::size_t>((state >> 8) % bound);
  };
  std::vector<int> entries;
  std::size_t matched = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string title;
    for (std::size_t w = next(10); w > 0; --w) title += words[next(words.size())] + " ";
    title = fakelens::fold_text(title).text;
    bool failed = false;
    const std::vector<int> expected = set_answer(theirs, title, &failed);
    REQUIRE_FALSE(failed);
    const PatternSet::Outcome outcome = ours.match(title, entries);
    CHECK(outcome == (expected.empty() ? PatternSet::Outcome::kNoMatch : PatternSet::Outcome::kMatch));
    REQUIRE_MESSAGE(entries == expected, title);
    matched += !expected.empty();
  }
  CHECK(matched > 1000);
  CHECK(matched < 4000);
}

TEST_CASE("a superset set names every entry the exact set names, from a smaller program") {
  const auto loaded = fakelens::RulePack::load_default();
  REQUIRE(loaded.pack);
  const RE2::Options options = options_with(64 << 20);
  PatternSet exact(options);
  PatternSet wide(options, PatternSet::Answers::kSuperset);
  std::vector<std::string> texts;
  for (const auto& rule : fakelens::testing::text_rules_of(*loaded.pack).rules()) {
    REQUIRE(exact.add(rule.set_pattern) >= 0);
    REQUIRE(wide.add(rule.set_pattern) >= 0);
    for (const auto* examples : {&rule.examples_match, &rule.examples_no_match}) {
      for (const std::string& example : *examples) texts.push_back(fakelens::fold_text(example).text);
    }
  }
  REQUIRE(exact.compile());
  REQUIRE(wide.compile());
  // The packs' hand-written word edges for other scripts are most of the program.
  CHECK(wide.program_size() < exact.program_size() * 3 / 4);
  // Every rule's examples, alone and run together (edges then fall mid-text).
  const std::size_t alone = texts.size();
  for (std::size_t i = 0; i + 1 < alone; ++i) texts.push_back(texts[i] + texts[i + 1]);
  std::vector<int> exact_entries, wide_entries;
  std::size_t named = 0, extra = 0;
  for (const std::string& text : texts) {
    REQUIRE(exact.match(text, exact_entries) != PatternSet::Outcome::kFailed);
    REQUIRE(wide.match(text, wide_entries) != PatternSet::Outcome::kFailed);
    for (const int entry : exact_entries) {
      REQUIRE_MESSAGE(std::binary_search(wide_entries.begin(), wide_entries.end(), entry), text);
    }
    named += exact_entries.size();
    extra += wide_entries.size() - exact_entries.size();
  }
  CHECK(named > alone / 2);
  CHECK(extra < named / 4);  // a little wider, not a different set
}

TEST_CASE("widening: edge contexts go, bounded repeats lose their bound, the rest stays") {
  PatternSet wide(options_with(8 << 20), PatternSet::Answers::kSuperset);
  REQUIRE(wide.add("(?:^|[^a-z])(kopya)(?:$|[^a-z])") == 0);
  REQUIRE(wide.add("cure.{0,3}cancer") == 1);
  REQUIRE(wide.add("\\bfake\\b") == 2);
  REQUIRE(wide.add("\\d{4} ?tb") == 3);
  // Edges inside: "x" must still be followed by one character that is not "a".
  REQUIRE(wide.add("x(?:(?:^|[^a])yz|(?:^|[^a])w){2}") == 4);
  REQUIRE(wide.compile());
  std::vector<int> entries;
  CHECK(wide.match("xkopyax", entries) == PatternSet::Outcome::kMatch);  // the edges went
  CHECK(entries == std::vector<int>{0});
  CHECK(wide.match("cure for all types of cancer", entries) == PatternSet::Outcome::kMatch);
  CHECK(entries == std::vector<int>{1});
  CHECK(wide.match("fakes", entries) == PatternSet::Outcome::kNoMatch);  // \b is kept
  CHECK(wide.match("123 tb", entries) == PatternSet::Outcome::kNoMatch);  // an exact count is kept
  CHECK(wide.match("1234 tb", entries) == PatternSet::Outcome::kMatch);
  CHECK(entries == std::vector<int>{3});
  CHECK(wide.match("x-yz-w", entries) == PatternSet::Outcome::kMatch);
  CHECK(entries == std::vector<int>{4});
}

TEST_CASE("widening never loses a match: random patterns with edges anywhere, random texts") {
  std::uint32_t state = 7;
  auto next = [&](std::size_t bound) {
    state = state * 1103515245u + 12345u;
    return static_cast<std::size_t>((state >> 8) % bound);
  };
  const std::vector<std::string> atoms = {"a", "b", "x", "(?:^|[^a])", "(?:$|[^b])", "\\b", "[ab]", "."};
  const std::vector<std::string> suffixes = {"", "", "?", "*", "+", "{2}", "{0,2}", "{1,3}"};
  std::function<std::string(int)> pattern = [&](int depth) {
    std::string out;
    for (std::size_t n = 1 + next(3); n > 0; --n) {
      if (depth > 0 && next(3) == 0) {
        out += "(?:" + pattern(depth - 1) + (next(2) ? "|" + pattern(depth - 1) : "") + ")";
      } else {
        out += atoms[next(atoms.size())];
      }
      out += suffixes[next(suffixes.size())];
    }
    return out;
  };
  for (int round = 0; round < 40; ++round) {
    PatternSet exact(options_with(8 << 20));
    PatternSet wide(options_with(8 << 20), PatternSet::Answers::kSuperset);
    std::vector<std::string> patterns;
    for (int i = 0; i < 20; ++i) {
      patterns.push_back(pattern(2));
      REQUIRE(exact.add(patterns.back()) == i);
      REQUIRE(wide.add(patterns.back()) == i);
    }
    REQUIRE(exact.compile());
    REQUIRE(wide.compile());
    std::vector<int> exact_entries, wide_entries;
    for (int t = 0; t < 200; ++t) {
      std::string text;
      for (std::size_t n = next(12); n > 0; --n) text += "abx -"[next(5)];
      exact.match(text, exact_entries);
      wide.match(text, wide_entries);
      for (const int entry : exact_entries) {
        REQUIRE_MESSAGE(std::binary_search(wide_entries.begin(), wide_entries.end(), entry),
                        "pattern " << patterns[static_cast<std::size_t>(entry)] << " on \"" << text << "\"");
      }
    }
  }
}

TEST_CASE("a pattern that does not parse is refused with RE2's reason") {
  PatternSet set(options_with(8 << 20));
  std::string error;
  CHECK(set.add("ok", &error) == 0);
  CHECK(set.add("(unclosed", &error) == -1);
  CHECK(error.find("missing )") != std::string::npos);
  CHECK(set.add("also ok") == 1);
  REQUIRE(set.compile());
  std::vector<int> entries{7};
  CHECK(set.match("also ok, ok", entries) == PatternSet::Outcome::kMatch);
  CHECK(entries == std::vector<int>{0, 1});
  CHECK(set.match("nothing", entries) == PatternSet::Outcome::kNoMatch);
  CHECK(entries.empty());
  CHECK(set.add("too late") == -1);  // after compile()
}

TEST_CASE("an empty set or one too large to compile matches nothing") {
  PatternSet empty(options_with(8 << 20));
  CHECK_FALSE(empty.compile());
  std::vector<int> entries;
  CHECK(empty.match("anything", entries) == PatternSet::Outcome::kNoMatch);
  PatternSet huge(options_with(1 << 10));
  REQUIRE(huge.add("(?:[a-z]{50}[0-9]{50}){10}") == 0);
  CHECK_FALSE(huge.compile());
  CHECK(huge.match("anything", entries) == PatternSet::Outcome::kNoMatch);
}

TEST_CASE("at every memory budget, the answer (or the refusal) RE2::Set gives") {
  // Every byte its own class (Latin-1, one pattern per byte) makes each DFA state large:
  // from budgets too small to compile up to plenty, the two agree on compiling, on matching,
  // and on giving up.
  std::vector<std::string> patterns;
  for (int byte = 1; byte < 256; ++byte) {
    char pattern[16];
    std::snprintf(pattern, sizeof pattern, "\\x%02xz", byte);
    patterns.emplace_back(pattern);
  }
  const std::string text = "plain text, then \xe9z";
  int failures = 0, answers = 0;
  for (long long budget = 16 << 10; budget <= 4 << 20; budget += budget / 8) {
    RE2::Options options = options_with(budget);
    options.set_encoding(RE2::Options::EncodingLatin1);
    PatternSet ours(options);
    RE2::Set theirs(options, RE2::UNANCHORED);
    for (const std::string& pattern : patterns) {
      REQUIRE(ours.add(pattern) >= 0);
      REQUIRE(theirs.Add(pattern, nullptr) >= 0);
    }
    const bool compiled = ours.compile();
    REQUIRE(compiled == theirs.Compile());
    if (!compiled) continue;
    bool failed = false;
    const std::vector<int> expected = set_answer(theirs, text, &failed);
    std::vector<int> entries;
    const PatternSet::Outcome outcome = ours.match(text, entries);
    CHECK(failed == (outcome == PatternSet::Outcome::kFailed));
    if (failed) {
      CHECK(entries.empty());
      ++failures;
    } else {
      CHECK(entries == expected);
      CHECK(entries == std::vector<int>{0xe9 - 1});
      ++answers;
    }
  }
  CHECK(answers > 0);
  CHECK(failures + answers > 10);
}
