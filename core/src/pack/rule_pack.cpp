// RulePack::load: the pack's header, then one loop over the signal kinds
// (signals/signal_kind.h), then the checks that span kinds, then the examples.
#include "fakelens/rule_pack.h"

#include <algorithm>
#include <set>

#include "fakelens/limits.h"
#include "fakelens/scorer.h"
#include "pack/pack_reader.h"
#include "pack/sha256.h"
#include "signals/signal_kind.h"

namespace fakelens {

RulePack::RulePack() = default;
RulePack::~RulePack() = default;

using internal::PackReader;
using internal::PackSections;

// The steps of RulePack::load, in order; each reports its problems to `reader`.
struct RulePack::Loader {
  Loader(const Json& pack_json, PackReader& pack_reader, RulePack& loading)
      : root(pack_json), reader(pack_reader), pack(loading), load{root, reader, pack.sections_->tables} {}

  const Json& root;
  PackReader& reader;
  RulePack& pack;
  internal::PackLoad load;

  // Every top-level key is a header key or a kind's.
  FAKELENS_PACK_LOADING
  void check_top_level_keys() {
    std::vector<const char*> known = {"$schema", "schemaVersion", "id", "version", "description", "thresholds"};
    for (const auto& kind : pack.sections_->kinds) known.push_back(kind->key());
    reader.unknown_keys(root, "$", known.begin(), known.end());
  }

  FAKELENS_PACK_LOADING
  void read_header() {
    const auto schema = root.find("schemaVersion");
    if (schema == root.end() || !schema->is_number_integer() ||
        schema->get<long long>() != kRulePackSchemaVersion) {
      reader.problem("$.schemaVersion", "must be " + std::to_string(kRulePackSchemaVersion) +
                                            ": this build of FakeLens reads schema version " +
                                            std::to_string(kRulePackSchemaVersion) + " packs");
    }
    if (reader.text(root, "$", "id", pack.id_, true, 64) && !internal::is_rule_id(pack.id_ + ".x")) {
      reader.problem("$.id", "must be lower-case letters, digits, '-' and '.'");
    }
    reader.text(root, "$", "version", pack.version_, true, 32);
    reader.text(root, "$", "description", pack.description_, true);
  }

  FAKELENS_PACK_LOADING
  bool read_threshold(const Json& thresholds, const char* key, int& out) {
    const auto it = thresholds.find(key);
    if (it == thresholds.end() || !it->is_number_integer() || it->get<long long>() < 1 ||
        it->get<long long>() > 100) {
      reader.problem(std::string("$.thresholds.") + key, "must be a whole number from 1 to 100");
      return false;
    }
    out = static_cast<int>(it->get<long long>());
    return true;
  }

  FAKELENS_PACK_LOADING
  void read_thresholds() {
    const auto thresholds = root.find("thresholds");
    if (thresholds == root.end() || !thresholds->is_object()) {
      reader.problem("$.thresholds", "must be an object {medium, high}");
      return;
    }
    reader.unknown_keys(*thresholds, "$.thresholds", {"medium", "high"});
    Thresholds& t = pack.thresholds_;
    if (read_threshold(*thresholds, "medium", t.medium) && read_threshold(*thresholds, "high", t.high) &&
        t.medium >= t.high) {
      reader.problem("$.thresholds", "medium must be lower than high");
    }
  }

  // Each kind in list order, so each may use what the kinds before it loaded.
  FAKELENS_PACK_LOADING
  void load_kinds() {
    PackSections& sections = *pack.sections_;
    for (const auto& kind : sections.kinds) {
      const auto it = root.find(kind->key());
      if (it != root.end()) kind->load(*it, std::string("$.") + kind->key(), load);
    }
    for (const auto& listed : sections.tables.examples) {
      sections.tables.example_listings += listed.match.size() + listed.no_match.size();
    }
    if (load.rules_given == 0) reader.problem("$", "the pack holds no rules");
    if (load.rules_given > limits::kMaxRules) {
      reader.problem("$", "the pack holds " + std::to_string(load.rules_given) + " rules; the limit is " +
                              std::to_string(limits::kMaxRules));
    }
  }

  // Rule ids are unique across every kind; references to rules (combinations) name rules
  // that exist (or that had problems of their own).
  FAKELENS_PACK_LOADING
  void check_rule_ids() {
    std::set<std::string> seen_ids;
    for (const auto& kind : pack.sections_->kinds) {
      kind->visit_rules([&](const std::string& id, std::size_t index, Category) {
        if (!id.empty() && !seen_ids.insert(id).second) {
          reader.problem(internal::rule_id_path(kind->key(), index), "duplicate rule id \"" + id + "\"");
        }
      });
    }
    seen_ids.insert(load.unloaded_rule_ids.begin(), load.unloaded_rule_ids.end());
    for (const auto& kind : pack.sections_->kinds) kind->check_references(seen_ids, reader);
  }

  FAKELENS_PACK_LOADING
  void build_indexes(bool verify) {
    PackSections& sections = *pack.sections_;
    for (const auto& kind : sections.kinds) kind->build_indexes(sections.tables, verify, reader);
  }
};

namespace {

// Runs every kind's example listings through the finished pack, exactly as real listings go.
FAKELENS_PACK_LOADING
void check_listing_examples(const std::shared_ptr<const RulePack>& pack, PackReader& reader) {
  const Scorer scorer(pack);
  for (const internal::RuleExamples& examples : pack->sections().tables.examples) {
    auto check = [&](const std::vector<Json>& listings, bool should_fire, const char* key) {
      for (std::size_t i = 0; i < listings.size(); ++i) {
        const std::string at = examples.path + "." + key + "[" + std::to_string(i) + "]";
        Result<Listing> listing = listing_from_json(listings[i]);
        if (!listing.ok()) {
          reader.problem(at, "is not a valid listing: " + listing.error().message);
          continue;
        }
        // An example with "peers" (the other listings of its page) is scored in a batch
        // with them, as a page's listings are; the others are scored alone.
        Verdict verdict;
        const auto peers = listings[i].find("peers");
        if (peers != listings[i].end() && peers->is_array()) {
          std::vector<Listing> batch;
          for (std::size_t p = 0; p < peers->size(); ++p) {
            Result<Listing> peer = listing_from_json((*peers)[p]);
            if (!peer.ok()) {
              reader.problem(at + ".peers[" + std::to_string(p) + "]", "is not a valid listing: " + peer.error().message);
              continue;
            }
            batch.push_back(std::move(peer.value()));
          }
          batch.push_back(listing.value());
          verdict = scorer.score_batch(batch).back();
        } else {
          verdict = scorer.score(listing.value());
        }
        const bool fired = std::any_of(verdict.evidence.begin(), verdict.evidence.end(),
                                       [&](const Evidence& e) { return e.rule == examples.rule_id; });
        if (fired != should_fire) {
          reader.problem(at, std::string("\"") + listing.value().title + "\" " +
                                 (should_fire ? "does not fire " : "fires ") + examples.rule_id);
        }
      }
    };
    check(examples.match, true, "match");
    check(examples.no_match, false, "noMatch");
  }
}

}  // namespace

RulePackLoad RulePack::load_default() {
  if (default_rule_pack_json().empty()) {
    RulePackLoad missing;
    missing.problems.push_back({"$", "this build does not carry the built-in pack; load its file with load_shipped"});
    return missing;
  }
  RulePackLoadOptions options;
  options.verify = false;
  return load(default_rule_pack_json(), options);
}

RulePackLoad RulePack::load_shipped(std::string_view json_text, std::string_view sha256_hex) {
  RulePackLoadOptions options;
  const std::string digest = sha256_hex.empty() ? internal::sha256_hex(json_text) : std::string(sha256_hex);
  options.verify = digest != default_rule_pack_sha256();
  return load(json_text, options);
}

FAKELENS_PACK_LOADING
RulePackLoad RulePack::load(std::string_view json_text, const RulePackLoadOptions& options) {
  RulePackLoad result;
  Result<Json> parsed =
      read_json(json_text, limits::kMaxRulePackBytes, limits::kMaxRulePackDepth, "rule pack");
  if (!parsed.ok()) {
    result.problems.push_back({"$", parsed.error().message + " [" + parsed.error().code + "]"});
    return result;
  }
  const Json& root = parsed.value();
  if (!root.is_object()) {
    result.problems.push_back({"$", "a rule pack must be a JSON object"});
    return result;
  }
  std::vector<Problem>& problems = result.problems;
  PackReader reader(problems, options.verify);
  std::unique_ptr<RulePack> pack(new RulePack());
  pack->sections_ = std::make_unique<PackSections>();
  pack->sections_->kinds = internal::make_signal_kinds();

  Loader loader(root, reader, *pack);
  loader.check_top_level_keys();
  loader.read_header();
  loader.read_thresholds();
  loader.load_kinds();
  loader.check_rule_ids();
  if (!problems.empty()) return result;

  loader.build_indexes(options.verify);
  if (!problems.empty()) return result;

  std::shared_ptr<const RulePack> built(pack.release());
  if (options.verify) check_listing_examples(built, reader);
  if (!problems.empty()) return result;
  result.pack = std::move(built);
  return result;
}

}  // namespace fakelens
