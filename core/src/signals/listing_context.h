// Internal: what the scorer knows about one listing while it runs the signals, computed
// once per listing: the folded text fields, the brands they mention, the price in USD.
#ifndef FAKELENS_SRC_SIGNALS_LISTING_CONTEXT_H_
#define FAKELENS_SRC_SIGNALS_LISTING_CONTEXT_H_

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "matching/brand_catalog.h"
#include "fakelens/listing.h"
#include "fakelens/rule_pack.h"
#include "fakelens/text_normalizer.h"

namespace fakelens::internal {

struct FieldText {
  Field field = Field::kTitle;
  const std::string* source = nullptr;  // null when the listing lacks the field
  FoldedText folded;
  std::vector<BrandMention> brands;
};

// What one kind's batch pass (SignalKind::scan_batch) found in a whole batch, for its
// evaluate to read back; each kind derives its own.
struct BatchFindings {
  virtual ~BatchFindings() = default;
};

// The findings of every kind's batch pass over one batch (the listings of a page), by
// kind key. A listing scored alone has none.
struct BatchContext {
  std::map<std::string, std::unique_ptr<BatchFindings>, std::less<>> findings;

  const BatchFindings* find(std::string_view kind_key) const {
    const auto it = findings.find(kind_key);
    return it == findings.end() ? nullptr : it->second.get();
  }
};

struct ListingContext {
  explicit ListingContext(const Listing& l) : listing(l) {}

  const Listing& listing;
  FieldText text[kTextFieldCount];       // title, description, brand
  std::optional<double> price_usd;       // the price in US dollars, when the rate is known
  std::vector<bool> title_gates;         // PackTables::title_gates over the title (priced listings)
  // The batch it is scored in and its place there (0-based, among the listings that
  // parsed); null when it is scored alone (Scorer::score).
  const BatchContext* batch = nullptr;
  std::size_t batch_index = 0;

  // True when `regex` matches any present text field (folded), or the listing's category:
  // listing-wide conditions (unlessListing, requiresListing, accessory patterns) read the
  // category as context, so a novel listed under "Books" is a book whatever its title.
  bool any_text_matches(const RE2& regex) const {
    for (const FieldText& field : text) {
      if (field.source && RE2::PartialMatch(field.folded.text, regex)) return true;
    }
    const std::string* category = folded_category();
    return category && RE2::PartialMatch(*category, regex);
  }
  // The listing's category, folded on first use; null when the listing has none.
  const std::string* folded_category() const {
    if (!listing.category || listing.category->empty()) return nullptr;
    if (!category_) category_ = fold_text(*listing.category).text;
    return &*category_;
  }
  const FieldText& title() const { return text[0]; }

 private:
  mutable std::optional<std::string> category_;
};

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_SIGNALS_LISTING_CONTEXT_H_
