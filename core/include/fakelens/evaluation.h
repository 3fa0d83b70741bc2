// Measures a rule pack against labelled listings (the contract's evaluation format: a
// Listing plus "label": "suspicious" | "benign" and optional "tags").
//
// For each level L in {medium, high} a listing counts as flagged when its verdict is at
// least L. Per level: precision, recall, F1 and false-positive rate over the whole set.
// Per tag: recall among the suspicious listings carrying the tag, with precision taken
// against every benign listing flagged (a tag does not choose which benign listings a
// rule would confuse); for tags carried by benign listings (e.g. hard-negative) the
// false-positive rate among them.
#ifndef FAKELENS_EVALUATION_H_
#define FAKELENS_EVALUATION_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fakelens/error.h"
#include "fakelens/json_reader.h"
#include "fakelens/scorer.h"

namespace fakelens {

struct LabelledListing {
  Listing listing;
  bool suspicious = false;
  std::vector<std::string> tags;
};

// The tags the contract allows.
bool is_known_tag(std::string_view tag);

Result<LabelledListing> parse_labelled_listing(std::string_view json_text);

class EvaluationTally {
 public:
  void add(const LabelledListing& labelled, Level level);
  void add_error() { ++errors_; }

  std::int64_t total() const { return suspicious_ + benign_; }
  std::int64_t errors() const { return errors_; }

  // {"listings", "suspicious", "benign", "errors", "levels": {...}, "tags": {...}}
  OrderedJson to_json() const;
  // The same as a plain-text table for terminals.
  std::string to_table() const;

 private:
  struct Counts {
    std::int64_t flagged_medium = 0;
    std::int64_t flagged_high = 0;
    std::int64_t count = 0;
  };
  Counts suspicious_counts_;
  Counts benign_counts_;
  std::int64_t suspicious_ = 0;
  std::int64_t benign_ = 0;
  std::int64_t errors_ = 0;
  // tag -> counts among suspicious / benign listings carrying it
  std::map<std::string, std::pair<Counts, Counts>> tags_;
};

}  // namespace fakelens

#endif  // FAKELENS_EVALUATION_H_
