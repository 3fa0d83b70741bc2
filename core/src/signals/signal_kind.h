// Internal: the registry of signal kinds.
//
// A pack is a few header keys (id, version, thresholds) and one key per signal kind
// ("textRules", "specRules", "styleRule", ...). Each kind lives in its own file pair under
// core/src/signals/ and does everything about its rules behind one interface, SignalKind:
// load them from the pack's JSON, write and read them in the pack image, name them for the
// id walk and the summary, check they are safe to score with, and turn a listing into
// evidence. signal_kinds.cpp lists the kinds once; loading, the id walk, the examples, the
// summary, scoring and the pack image are each one loop over that list. (The idea is uBlock
// Origin's: each filter class registers itself once, and the engine loops over the classes.)
//
// A loaded pack holds one object per kind (its rules) and the PackTables every kind may use.
// Brands and exchange rates are kinds too, without rules of their own: they fill the tables.
#ifndef FAKELENS_SRC_SIGNALS_SIGNAL_KIND_H_
#define FAKELENS_SRC_SIGNALS_SIGNAL_KIND_H_

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "fakelens/json_reader.h"
#include "fakelens/rule_pack.h"
#include "fakelens/verdict.h"
#include "matching/brand_catalog.h"
#include "matching/title_gates.h"
#include "pack/pack_reader.h"
#include "signals/exchange_rates.h"
#include "signals/listing_context.h"
#include "signals/rule_reader.h"

namespace fakelens::internal {

class ImageWriter;  // pack/pack_image_io.h
class ImageReader;

// What kinds share besides their own rules. A kind fills its part when it loads; kinds
// listed after it may use it.
struct PackTables {
  std::unique_ptr<BrandCatalog> brands;  // "brands"; null when the pack has none
  std::optional<ExchangeRates> rates;    // "exchangeRates"
  // Product patterns over the title (price floors', spec rules'), scanned in one pass.
  TitleGates title_gates;
  // Example listings of every kind's rules but text rules', run to verify a pack, and how
  // many there are (for the summary; a pack image carries the count, not the listings).
  std::vector<RuleExamples> examples;
  std::size_t example_listings = 0;

  const std::vector<Brand>& brand_list() const;  // empty when the pack has no brands
  // Every plain brand spelling as one alternation, for {brand} in text rules; null when none.
  const std::string* brand_alternation() const;
};

// The state of one JSON load, handed to each kind in turn.
struct PackLoad {
  const Json& root;          // the whole pack: a kind may require another kind's key
  PackReader& reader;
  PackTables& tables;
  std::size_t rules_given = 0;  // rules in the JSON so far, loaded or not (the pack's limit)
  // Ids of rules that had problems and were not kept: the pack fails anyway, and a
  // combination naming one should not get a second, misleading problem.
  std::set<std::string> unloaded_rule_ids;

  // Notes the id of a rule at `json` that was not kept.
  void not_kept(const Json& json);
};

// The id walk: each rule of a kind, with its place in the kind's array (kNotInArray for a
// kind of one rule) and the category its evidence goes to.
inline constexpr std::size_t kNotInArray = static_cast<std::size_t>(-1);
using RuleVisitor = std::function<void(const std::string& id, std::size_t index, Category category)>;
// Where a rule's id is in the pack: "$.specRules[2].id", "$.styleRule.id".
std::string rule_id_path(const char* key, std::size_t index);

// The summary's counts, filled by every kind in turn.
struct PackCounts {
  OrderedJson counts = OrderedJson::object();
  std::size_t examples_checked = 0;
};

// Weights as the scorer adds them up: integer basis points, the same on every platform.
inline constexpr int kBasisPoints = 10000;
int to_basis_points(double weight);

// The rules that fired for one listing, each once, at its strongest weight.
class FiredRules {
 public:
  void add(const Evidence& item);
  bool contains(const std::string& rule) const { return strongest_.count(rule) > 0; }
  // rule id -> (category, weight in basis points)
  const std::map<std::string, std::pair<Category, int>>& strongest() const { return strongest_; }

 private:
  std::map<std::string, std::pair<Category, int>> strongest_;
};

class SignalKind {
 public:
  virtual ~SignalKind() = default;

  // Its key in a pack ("specRules").
  virtual const char* key() const = 0;

  // Reads json, the value at `path` ("$.specRules"); every problem goes to load.reader.
  virtual void load(const Json& json, const std::string& path, PackLoad& load) = 0;

  // Writes or reads its part of a pack image, in the same order both ways (pack_image_io.h).
  virtual void image(ImageWriter& io, PackTables& tables) = 0;
  virtual void image(ImageReader& io, PackTables& tables) = 0;

  // Builds what derives from its rules (title gates, pattern sets): after a JSON load
  // without problems, and after reading an image. `verify` (a pack from outside) also
  // reports to `reader` what cannot be built.
  virtual void build_indexes(PackTables& /*tables*/, bool /*verify*/, PackReader& /*reader*/) {}

  // Visits every rule it holds, in order.
  virtual void visit_rules(const RuleVisitor& /*visit*/) const {}

  // Once every rule id of the pack is known: problems in its references to other rules.
  virtual void check_references(const std::set<std::string>& /*rule_ids*/, PackReader& /*reader*/) const {}

  // Its own numbers for the summary's counts.
  virtual void count(const PackTables& /*tables*/, PackCounts& /*counts*/) const {}

  // What the scorer relies on and the JSON loader checks, checked again for a pack image:
  // nullptr when its rules hold, otherwise what does not.
  virtual const char* unsafe_for_scoring(const PackTables& /*tables*/,
                                         const std::set<std::string>& /*rule_ids*/) const {
    return nullptr;
  }

  // The batch pass: before any listing of a batch (the listings of one page) is evaluated,
  // a kind that judges a listing among the others sees them all once, each prepared as
  // evaluate sees it, and returns what its evaluate reads back through context.batch
  // (null: nothing). Never called for a listing scored alone. Must not depend on the
  // order of `batch` (a listing's verdict may not), and must stay near linear in its size.
  virtual std::unique_ptr<BatchFindings> scan_batch(const PackTables& /*tables*/,
                                                    const std::vector<const ListingContext*>& /*batch*/) const {
    return nullptr;
  }

  // Adds the evidence its rules find in one listing.
  virtual void evaluate(const PackTables& /*tables*/, const ListingContext& /*context*/,
                        std::vector<Evidence>& /*evidence*/) const {}
  // After every kind's evaluate: evidence of rules that fire on other rules (combinations).
  virtual void combine(FiredRules& /*fired*/, std::vector<Evidence>& /*evidence*/) const {}
  // After combine: lowers what categories count for (basis points each), e.g. an official store.
  virtual void dampen(const FiredRules& /*fired*/, int (& /*category_bp*/)[kCategoryCount]) const {}
};

// Every kind, in load order (signal_kinds.cpp).
std::vector<std::unique_ptr<SignalKind>> make_signal_kinds();

// A loaded pack's kinds and the tables they share.
struct PackSections {
  PackTables tables;
  std::vector<std::unique_ptr<SignalKind>> kinds;  // as make_signal_kinds() lists them
};

// The kind of class `Kind` in `sections` (a class with a static kKey), for the code that
// asks one kind something of its own (the matching benchmark, tests); null when absent.
template <class Kind>
const Kind* find_kind(const PackSections& sections) {
  for (const auto& kind : sections.kinds) {
    if (std::string_view(kind->key()) == Kind::kKey) return static_cast<const Kind*>(kind.get());
  }
  return nullptr;
}

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_SIGNALS_SIGNAL_KIND_H_
