#include "fakelens/matching_bench.h"

#include <chrono>
#include <string>
#include <vector>

#include "matching/brand_catalog.h"
#include "fakelens/json_reader.h"
#include "fakelens/limits.h"
#include "fakelens/listing.h"
#include "fakelens/text_normalizer.h"
#include "signals/signal_kind.h"
#include "signals/text_rules.h"

namespace fakelens {

MatchingRun measure_matching(const RulePack& pack, std::string_view jsonl, int rounds) {
  MatchingRun run;
  std::vector<std::string> titles;
  for (std::size_t start = 0; start < jsonl.size();) {
    std::size_t end = jsonl.find('\n', start);
    if (end == std::string_view::npos) end = jsonl.size();
    Result<Json> parsed = read_json(jsonl.substr(start, end - start), limits::kMaxListingBytes,
                                    limits::kMaxListingDepth, "listing");
    start = end + 1;
    if (!parsed.ok()) continue;
    Result<Listing> listing = listing_from_json(parsed.value());
    if (listing.ok()) titles.push_back(fold_text(listing.value().title).text);
  }
  run.titles = titles.size();
  const internal::BrandCatalog* brands = pack.sections().tables.brands.get();
  const internal::TextRulesKind* text_rules = internal::find_kind<internal::TextRulesKind>(pack.sections());
  const auto identity = [](std::size_t b, std::size_t e, std::uint32_t* sb, std::uint32_t* se) {
    *sb = static_cast<std::uint32_t>(b);
    *se = static_cast<std::uint32_t>(e);
  };
  const auto started = std::chrono::steady_clock::now();
  for (int round = 0; round < rounds; ++round) {
    for (const std::string& title : titles) {
      run.bytes += title.size();
      if (text_rules) run.hits += text_rules->find_text_hits(Field::kTitle, title).size();
      if (brands) run.hits += brands->find(title, title, identity).size();
    }
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // Each pass fills one reused buffer, as the scorer's own passes do.
  const auto set_started = std::chrono::steady_clock::now();
  std::vector<std::size_t> rules;
  for (int round = 0; round < rounds; ++round) {
    for (const std::string& title : titles) {
      if (text_rules) text_rules->rules_in_field(Field::kTitle, title, rules);
      run.scan_hits += rules.size();
    }
  }
  const auto brands_started = std::chrono::steady_clock::now();
  std::vector<std::uint32_t> candidates;
  for (int round = 0; brands && round < rounds; ++round) {
    for (const std::string& title : titles) {
      brands->candidates(title, candidates);
      run.scan_hits += candidates.size();
    }
  }
  const auto scans_ended = std::chrono::steady_clock::now();
  run.set_scan_seconds = std::chrono::duration<double>(brands_started - set_started).count();
  run.brand_scan_seconds = std::chrono::duration<double>(scans_ended - brands_started).count();
  run.scan_seconds = run.set_scan_seconds + run.brand_scan_seconds;
  return run;
}

}  // namespace fakelens
