#include "fakelens/scorer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "fakelens/limits.h"
#include "fakelens/text_normalizer.h"
#include "fakelens/utf8.h"
#include "signals/listing_context.h"
#include "signals/signal_kind.h"

namespace fakelens {
namespace {

using internal::FieldText;
using internal::ListingContext;
using internal::PackTables;
using internal::kBasisPoints;
using internal::to_basis_points;

// Noisy-OR of weights in basis points, as a 0..100 score, in integer arithmetic.
int noisy_or_score(const std::vector<int>& weights_bp) {
  std::int64_t remaining = kBasisPoints;  // chance that none of the findings is real
  for (const int w : weights_bp) remaining = remaining * (kBasisPoints - w) / kBasisPoints;
  return static_cast<int>((kBasisPoints - remaining + 50) / 100);
}

const std::string* text_of(const Listing& listing, Field field) {
  switch (field) {
    case Field::kTitle: return &listing.title;
    case Field::kDescription: return listing.description ? &*listing.description : nullptr;
    case Field::kBrand: return listing.brand ? &*listing.brand : nullptr;
    default: return nullptr;
  }
}

// What every kind reads of the listing, computed once: folded text, brand mentions, the
// price in dollars, which product patterns the title matches.
void prepare_context(const PackTables& tables, ListingContext& context) {
  for (int f = 0; f < kTextFieldCount; ++f) {
    FieldText& field = context.text[f];
    field.field = static_cast<Field>(f);
    field.source = text_of(context.listing, field.field);
    if (!field.source) continue;
    field.folded = fold_text(*field.source);
    if (tables.brands) {
      field.brands = tables.brands->find(
          field.folded.text, *field.source,
          [&](std::size_t b, std::size_t e, std::uint32_t* sb, std::uint32_t* se) {
            field.folded.source_range(b, e, *field.source, sb, se);
          });
    }
  }
  if (context.listing.price && tables.rates) context.price_usd = tables.rates->to_usd(*context.listing.price);
  // Only priced listings are judged against product floors and specs.
  if (context.price_usd) context.title_gates = tables.title_gates.match(context.title().folded.text);
}

// Converts every evidence byte range to UTF-16, one pass over each field.
void resolve_spans(const ListingContext& context, std::vector<Evidence>& evidence) {
  for (const FieldText& field : context.text) {
    if (!field.source) continue;
    std::vector<std::uint32_t> offsets;
    for (const Evidence& item : evidence) {
      if (item.field != field.field || !item.source_bytes) continue;
      offsets.push_back(item.source_bytes->first);
      offsets.push_back(item.source_bytes->second);
    }
    if (offsets.empty()) continue;
    std::sort(offsets.begin(), offsets.end());
    offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
    const std::vector<std::uint32_t> units = utf8::utf16_offsets(*field.source, offsets);
    auto utf16_of = [&](std::uint32_t byte) {
      return units[static_cast<std::size_t>(std::lower_bound(offsets.begin(), offsets.end(), byte) - offsets.begin())];
    };
    for (Evidence& item : evidence) {
      if (item.field != field.field || !item.source_bytes) continue;
      item.span = Span{utf16_of(item.source_bytes->first), utf16_of(item.source_bytes->second)};
    }
  }
}

// Scores a verdict from the evidence: every rule once at its strongest, noisy-OR per
// category and overall, after combinations and dampening.
void weigh(const internal::PackSections& sections, const Thresholds& thresholds, Verdict& verdict) {
  std::vector<Evidence>& evidence = verdict.evidence;
  internal::FiredRules fired;
  for (const Evidence& item : evidence) fired.add(item);
  for (const auto& kind : sections.kinds) kind->combine(fired, evidence);
  int dampen_bp[kCategoryCount] = {kBasisPoints, kBasisPoints, kBasisPoints, kBasisPoints};
  for (const auto& kind : sections.kinds) kind->dampen(fired, dampen_bp);

  std::vector<int> all_weights;
  std::vector<int> category_weights[kCategoryCount];
  for (const auto& [rule, category_and_bp] : fired.strongest()) {
    const int c = static_cast<int>(category_and_bp.first);
    const int bp = category_and_bp.second * dampen_bp[c] / kBasisPoints;
    all_weights.push_back(bp);
    category_weights[c].push_back(bp);
  }
  for (int c = 0; c < kCategoryCount; ++c) verdict.categories[c] = noisy_or_score(category_weights[c]);
  verdict.score = noisy_or_score(all_weights);
  verdict.level = verdict.score >= thresholds.high     ? Level::kHigh
                  : verdict.score >= thresholds.medium ? Level::kMedium
                                                       : Level::kLow;
}

}  // namespace

Scorer::Scorer(std::shared_ptr<const RulePack> pack) : pack_(std::move(pack)) {}

namespace {

// Scores a prepared listing: every kind's evidence, then the weighing.
Verdict score_context(const RulePack& pack, const ListingContext& context) {
  const Listing& listing = context.listing;
  Verdict verdict;
  verdict.id = listing.id;
  verdict.rules_id = pack.id();
  verdict.rules_version = pack.version();
  const internal::PackSections& sections = pack.sections();

  std::vector<Evidence>& evidence = verdict.evidence;
  for (const auto& kind : sections.kinds) kind->evaluate(sections.tables, context, evidence);
  weigh(sections, pack.thresholds(), verdict);

  resolve_spans(context, evidence);
  // Stable order for people and for byte-identical output: field, position, rule.
  std::stable_sort(evidence.begin(), evidence.end(), [](const Evidence& a, const Evidence& b) {
    if (a.field != b.field) return a.field < b.field;
    const std::uint32_t a_start = a.span ? a.span->start : 0;
    const std::uint32_t b_start = b.span ? b.span->start : 0;
    if (a_start != b_start) return a_start < b_start;
    return a.rule < b.rule;
  });
  if (evidence.size() > limits::kMaxEvidence) evidence.resize(limits::kMaxEvidence);
  return verdict;
}

}  // namespace

Verdict Scorer::score(const Listing& listing) const {
  ListingContext context(listing);
  prepare_context(pack_->sections().tables, context);
  return score_context(*pack_, context);
}

std::vector<Verdict> Scorer::score_batch(const std::vector<Listing>& listings) const {
  const internal::PackSections& sections = pack_->sections();
  std::vector<ListingContext> contexts;
  contexts.reserve(listings.size());
  std::vector<const ListingContext*> batch;
  batch.reserve(listings.size());
  for (const Listing& listing : listings) {
    contexts.emplace_back(listing);
    prepare_context(sections.tables, contexts.back());
  }
  internal::BatchContext batch_context;
  for (std::size_t i = 0; i < contexts.size(); ++i) {
    contexts[i].batch = &batch_context;
    contexts[i].batch_index = i;
    batch.push_back(&contexts[i]);
  }
  // The batch pass: each kind sees the whole batch once, before any listing is evaluated.
  for (const auto& kind : sections.kinds) {
    if (auto found = kind->scan_batch(sections.tables, batch)) batch_context.findings[kind->key()] = std::move(found);
  }
  std::vector<Verdict> verdicts;
  verdicts.reserve(contexts.size());
  for (const ListingContext& context : contexts) verdicts.push_back(score_context(*pack_, context));
  return verdicts;
}

std::string Scorer::score_json(std::string_view listing_json, std::optional<std::int64_t> line,
                               bool* is_error) const {
  bool error_seen = true;
  if (!is_error) is_error = &error_seen;
  Result<Json> parsed =
      read_json(listing_json, limits::kMaxListingBytes, limits::kMaxListingDepth, "listing");
  *is_error = true;
  if (!parsed.ok()) return dump_compact(error_to_json(parsed.error(), std::nullopt, line));
  Result<Listing> listing = listing_from_json(parsed.value());
  if (!listing.ok()) {
    return dump_compact(error_to_json(listing.error(), find_listing_id(parsed.value()), line));
  }
  *is_error = false;
  return verdict_json_text(score(listing.value()));
}

std::vector<std::string> Scorer::score_json_batch(const std::vector<std::string_view>& lines,
                                                  std::int64_t first_line, std::vector<bool>* is_error) const {
  std::vector<std::string> out(lines.size());
  if (is_error) is_error->assign(lines.size(), true);
  std::vector<Listing> listings;
  std::vector<std::size_t> listing_line;  // the line of each listing that parsed
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::int64_t line_number = first_line + static_cast<std::int64_t>(i);
    Result<Json> parsed = read_json(lines[i], limits::kMaxListingBytes, limits::kMaxListingDepth, "listing");
    if (!parsed.ok()) {
      out[i] = dump_compact(error_to_json(parsed.error(), std::nullopt, line_number));
      continue;
    }
    Result<Listing> listing = listing_from_json(parsed.value());
    if (!listing.ok()) {
      out[i] = dump_compact(error_to_json(listing.error(), find_listing_id(parsed.value()), line_number));
      continue;
    }
    listings.push_back(std::move(listing.value()));
    listing_line.push_back(i);
  }
  const std::vector<Verdict> verdicts = score_batch(listings);
  for (std::size_t k = 0; k < verdicts.size(); ++k) {
    out[listing_line[k]] = verdict_json_text(verdicts[k]);
    if (is_error) (*is_error)[listing_line[k]] = false;
  }
  return out;
}

std::string Scorer::score_json_lines(std::string_view jsonl, std::int64_t first_line,
                                     std::size_t* error_lines) const {
  std::string out;
  std::size_t errors = 0;
  std::int64_t line_number = first_line;
  std::vector<std::string_view> batch;
  std::vector<bool> is_error;
  auto flush = [&]() {
    const std::vector<std::string> verdicts = score_json_batch(batch, line_number, &is_error);
    for (std::size_t i = 0; i < verdicts.size(); ++i) {
      if (is_error[i]) ++errors;
      if (!out.empty() || line_number != first_line) out.push_back('\n');
      out += verdicts[i];
      ++line_number;
    }
    batch.clear();
  };
  std::size_t start = 0;
  while (start < jsonl.size()) {
    std::size_t end = jsonl.find('\n', start);
    if (end == std::string_view::npos) end = jsonl.size();
    std::string_view line = jsonl.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    batch.push_back(line);
    if (batch.size() == limits::kMaxBatchListings) flush();
    start = end + 1;
  }
  if (!batch.empty()) flush();
  if (error_lines) *error_lines = errors;
  return out;
}

}  // namespace fakelens
