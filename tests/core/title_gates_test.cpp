#include "matching/title_gates.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

using fakelens::internal::TitleGates;

namespace {
std::shared_ptr<const fakelens::LazyRegex> pattern(const std::string& text) {
  re2::RE2::Options options;
  options.set_log_errors(false);
  return std::make_shared<const fakelens::LazyRegex>(text, options);
}
}  // namespace

TEST_CASE("one scan says which gates match, as PartialMatch of each would") {
  TitleGates gates;
  const std::vector<std::string> patterns = {"\\biphone ?1[5-7] ?pro\\b", "\\bflash ?drive\\b", "(?:^|[^a-z])ps5\\b", "手表"};
  for (const auto& text : patterns) gates.add(pattern(text));
  CHECK(gates.size() == 4);
  const std::vector<std::string> titles = {"iphone 15 pro max 1tb", "2tb usb flash drive", "ps5 console", "劳力士手表",
                                           "nothing here", "", "iphone 14 pro"};
  for (const auto& title : titles) {
    const std::vector<bool> hits = gates.match(title);
    REQUIRE(hits.size() == patterns.size());
    for (std::size_t gate = 0; gate < patterns.size(); ++gate) {
      CHECK_MESSAGE(hits[gate] == re2::RE2::PartialMatch(title, pattern(patterns[gate])->get()), title << " / " << patterns[gate]);
    }
  }
  CHECK(gates.match("iphone 16pro and a flash drive") == std::vector<bool>{true, true, false, false});
}

TEST_CASE("no gates, no answers") {
  TitleGates gates;
  CHECK(gates.match("anything").empty());
}
