#include "fakelens/evaluation.h"

#include <cmath>
#include <cstdio>

#include "fakelens/limits.h"

namespace fakelens {
namespace {

constexpr const char* kKnownTags[] = {"counterfeit", "knockoff", "fake-spec", "fake-discount",
                                      "price-anomaly", "exaggerated-claim", "hard-negative"};

std::optional<double> ratio(std::int64_t numerator, std::int64_t denominator) {
  if (denominator == 0) return std::nullopt;
  return static_cast<double>(numerator) / static_cast<double>(denominator);
}

std::optional<double> f1(std::optional<double> precision, std::optional<double> recall) {
  if (!precision || !recall || *precision + *recall == 0) return std::nullopt;
  return 2 * *precision * *recall / (*precision + *recall);
}

OrderedJson number_or_null(std::optional<double> value) {
  if (!value) return nullptr;
  // Three decimals are what a person reads; fixed rounding keeps output stable.
  return std::round(*value * 1000.0) / 1000.0;
}

std::string cell(std::optional<double> value) {
  if (!value) return "-";
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.3f", *value);
  return buffer;
}

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

struct Rates {
  std::int64_t tp, fp, fn, tn;
  std::optional<double> precision, recall, f1, fpr;
};

Rates rates(std::int64_t tp, std::int64_t positives, std::int64_t fp, std::int64_t negatives) {
  Rates r{tp, fp, positives - tp, negatives - fp, ratio(tp, tp + fp), ratio(tp, positives),
          std::nullopt, ratio(fp, negatives)};
  r.f1 = f1(r.precision, r.recall);
  return r;
}

OrderedJson rates_json(const Rates& r) {
  return {{"precision", number_or_null(r.precision)}, {"recall", number_or_null(r.recall)},
          {"f1", number_or_null(r.f1)},               {"fpr", number_or_null(r.fpr)},
          {"tp", r.tp}, {"fp", r.fp}, {"fn", r.fn}, {"tn", r.tn}};
}

}  // namespace

bool is_known_tag(std::string_view tag) {
  for (const char* known : kKnownTags) {
    if (tag == known) return true;
  }
  return false;
}

Result<LabelledListing> parse_labelled_listing(std::string_view json_text) {
  Result<Json> parsed = read_json(json_text, limits::kMaxListingBytes, limits::kMaxListingDepth,
                                  "labelled listing");
  if (!parsed.ok()) return parsed.error();
  Result<Listing> listing = listing_from_json(parsed.value());
  if (!listing.ok()) return listing.error();
  const Json& json = parsed.value();
  LabelledListing labelled;
  labelled.listing = std::move(listing.value());
  const auto label = json.find("label");
  if (label == json.end() || !label->is_string() ||
      (*label != "suspicious" && *label != "benign")) {
    return make_error(error_code::kBadValue, "label must be \"suspicious\" or \"benign\"");
  }
  labelled.suspicious = *label == "suspicious";
  const auto tags = json.find("tags");
  if (tags != json.end() && !tags->is_null()) {
    if (!tags->is_array()) return make_error(error_code::kWrongType, "tags must be an array of strings");
    for (const Json& tag : *tags) {
      if (!tag.is_string() || !is_known_tag(tag.get_ref<const std::string&>())) {
        return make_error(error_code::kBadValue,
                          "tags may hold only counterfeit, knockoff, fake-spec, fake-discount, "
                          "price-anomaly, exaggerated-claim, hard-negative");
      }
      labelled.tags.push_back(tag.get<std::string>());
    }
  }
  return labelled;
}

void EvaluationTally::add(const LabelledListing& labelled, Level level) {
  const bool medium = level != Level::kLow;
  const bool high = level == Level::kHigh;
  auto bump = [&](Counts& counts) {
    ++counts.count;
    counts.flagged_medium += medium;
    counts.flagged_high += high;
  };
  if (labelled.suspicious) {
    ++suspicious_;
    bump(suspicious_counts_);
  } else {
    ++benign_;
    bump(benign_counts_);
  }
  for (const std::string& tag : labelled.tags) {
    auto& pair = tags_[tag];
    bump(labelled.suspicious ? pair.first : pair.second);
  }
}

OrderedJson EvaluationTally::to_json() const {
  OrderedJson out = OrderedJson::object();
  out["listings"] = total();
  out["suspicious"] = suspicious_;
  out["benign"] = benign_;
  out["errors"] = errors_;
  out["levels"] = {
      {"medium", rates_json(rates(suspicious_counts_.flagged_medium, suspicious_,
                                  benign_counts_.flagged_medium, benign_))},
      {"high", rates_json(rates(suspicious_counts_.flagged_high, suspicious_,
                                benign_counts_.flagged_high, benign_))}};
  OrderedJson tags = OrderedJson::object();
  for (const auto& [tag, counts] : tags_) {
    const Counts& positive = counts.first;
    const Counts& negative = counts.second;
    OrderedJson entry = OrderedJson::object();
    entry["suspicious"] = positive.count;
    entry["benign"] = negative.count;
    if (positive.count > 0) {
      entry["medium"] = rates_json(rates(positive.flagged_medium, positive.count,
                                         benign_counts_.flagged_medium, benign_));
      entry["high"] = rates_json(rates(positive.flagged_high, positive.count,
                                       benign_counts_.flagged_high, benign_));
    }
    if (negative.count > 0) {
      entry["benignFprMedium"] = number_or_null(ratio(negative.flagged_medium, negative.count));
      entry["benignFprHigh"] = number_or_null(ratio(negative.flagged_high, negative.count));
    }
    tags[tag] = std::move(entry);
  }
  out["tags"] = std::move(tags);
  return out;
}

std::string EvaluationTally::to_table() const {
  std::string out;
  out += std::to_string(total()) + " listings (" + std::to_string(suspicious_) + " suspicious, " +
         std::to_string(benign_) + " benign), " + std::to_string(errors_) + " lines with errors\n\n";
  out += "level       precision  recall  F1      FPR     TP     FP     FN     TN\n";
  auto level_row = [&](const char* name, const Rates& r) {
    out += pad(name, 12) + pad(cell(r.precision), 11) + pad(cell(r.recall), 8) + pad(cell(r.f1), 8) +
           pad(cell(r.fpr), 8) + pad(std::to_string(r.tp), 7) + pad(std::to_string(r.fp), 7) +
           pad(std::to_string(r.fn), 7) + std::to_string(r.tn) + "\n";
  };
  level_row(">=medium", rates(suspicious_counts_.flagged_medium, suspicious_,
                              benign_counts_.flagged_medium, benign_));
  level_row("high", rates(suspicious_counts_.flagged_high, suspicious_, benign_counts_.flagged_high,
                          benign_));
  if (!tags_.empty()) {
    out += "\ntag                 suspicious  recall@medium  recall@high  precision@high  benign  FPR@medium  FPR@high\n";
    for (const auto& [tag, counts] : tags_) {
      const Counts& p = counts.first;
      const Counts& n = counts.second;
      const Rates high = rates(p.flagged_high, p.count, benign_counts_.flagged_high, benign_);
      out += pad(tag, 20) + pad(std::to_string(p.count), 12) +
             pad(cell(ratio(p.flagged_medium, p.count)), 15) + pad(cell(high.recall), 13) +
             pad(p.count ? cell(high.precision) : "-", 16) + pad(std::to_string(n.count), 8) +
             pad(cell(ratio(n.flagged_medium, n.count)), 12) + cell(ratio(n.flagged_high, n.count)) + "\n";
    }
  }
  return out;
}

}  // namespace fakelens
