// The one binding between the C++ core and JavaScript. JSON crosses the boundary as
// strings (UTF-8 on the C++ side): one call per listing or per batch, no C++ objects
// handed to JS, so nothing on the JS side ever needs freeing. Every function returns a
// value, never throws: the core is built without exceptions and reports errors as JSON.
// wasm/fakelens.mjs wraps these for every host; do not call them directly.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <cstdint>
#include <malloc.h>
#include <memory>
#include <string>

#include "fakelens/seller_record.h"
#include "fakelens/error.h"
#include "fakelens/matching_bench.h"
#include "fakelens/rule_pack.h"
#include "fakelens/scorer.h"
#include "fakelens/verdict.h"
#include "fakelens/decimal.h"

// Every strtod in the module (nlohmann's number parsing, the core's own) comes here first:
// the link wraps it (-Wl,--wrap=strtod, wasm/CMakeLists.txt). musl's strtod works in
// software long double; the simple decimals of listings take the exact fast path instead.
extern "C" double __real_strtod(const char* text, char** end);
extern "C" double __wrap_strtod(const char* text, char** end) {
  double value = 0;
  const char* stop = nullptr;
  if (fakelens::parse_simple_decimal(text, &value, &stop)) {
    if (end) *end = const_cast<char*>(stop);
    return value;
  }
  return __real_strtod(text, end);
}

namespace {

using fakelens::OrderedJson;

// One engine per module instance: the active pack and its scorer.
std::unique_ptr<fakelens::Scorer>& active_scorer() {
  static std::unique_ptr<fakelens::Scorer> scorer;
  return scorer;
}

OrderedJson rules_problem_json(const std::vector<fakelens::Problem>& problems) {
  OrderedJson list = OrderedJson::array();
  for (const auto& problem : problems) list.push_back({{"path", problem.path}, {"message", problem.message}});
  OrderedJson error = {{"code", fakelens::error_code::kInvalidRules},
                       {"message", "the rule pack is invalid (" + std::to_string(problems.size()) +
                                       " problem" + (problems.size() == 1 ? "" : "s") + ")"},
                       {"problems", std::move(list)}};
  return {{"error", std::move(error)}};
}

// Makes `loaded` the active pack when it loaded; otherwise keeps the old one.
// Returns {"rules": summary} (or "" when `describe` is false: building and writing the
// summary cost 3 ms of a cold start, for a loader that only asks whether it loaded), or
// {"error": {code, message, problems}}.
std::string install_rules(fakelens::RulePackLoad loaded, bool describe = true) {
  if (!loaded.ok()) return fakelens::dump_compact(rules_problem_json(loaded.problems));
  active_scorer() = std::make_unique<fakelens::Scorer>(loaded.pack);
  return describe ? fakelens::dump_compact(OrderedJson{{"rules", loaded.pack->summary()}}) : std::string();
}

// A pack from outside (options page, web demo) is verified in full: patterns and examples.
std::string load_rules(const std::string& pack_json) { return install_rules(fakelens::RulePack::load(pack_json)); }

// The built-in pack, from the default.rules.json shipped beside this module (the loader
// fetches it). The very file this module was built with loads lazily (its tests verified
// it); any other text is verified in full. `sha256_hex`: the loader's WebCrypto digest of
// the bytes, or empty to hash them here.
std::string use_shipped_rules(const std::string& pack_json, const std::string& sha256_hex) {
  return install_rules(fakelens::RulePack::load_shipped(pack_json, sha256_hex));
}

bool ensure_scorer() { return active_scorer() != nullptr; }

std::string no_rules_error() {
  return fakelens::dump_compact(fakelens::error_to_json(
      fakelens::make_error(fakelens::error_code::kNoRules, "no valid rule pack is loaded"),
      std::nullopt, std::nullopt));
}

// Scoring, the calls made per page and per batch, skips embind's string conversions (a
// JavaScript loop over every byte each way): the loader copies the UTF-8 input into memory
// it allocated with _malloc, decodes the result where it lies, through a view of
// last_output(), and then releases it.
std::string_view input_at(std::uintptr_t address, std::size_t size) {
  return {reinterpret_cast<const char*>(address), size};
}

std::string& last_output() {
  static std::string output;
  return output;
}

emscripten::val output_view(std::string text) {
  last_output() = std::move(text);
  return emscripten::val(emscripten::typed_memory_view(
      last_output().size(), reinterpret_cast<const unsigned char*>(last_output().data())));
}

// Called once the loader has decoded the view: nothing stays allocated between calls.
void release_output() { std::string().swap(last_output()); }

// The built-in pack from its load image (default.rules.image beside this module, written
// by the build from the same JSON): nothing to parse, so a cold start is shorter. The
// loader copies the image into memory it allocated (embind would copy 200 KB a byte at a
// time). Refused, keeping the active pack, unless it names the very pack this module was
// built with, in this module's image format, whole; the loader then falls back to the JSON.
std::string use_shipped_image_at(std::uintptr_t address, std::size_t size) {
  return install_rules(fakelens::RulePack::load_image(input_at(address, size)), /*describe=*/false);
}

emscripten::val score_at(std::uintptr_t address, std::size_t size) {
  if (!ensure_scorer()) return output_view(no_rules_error());
  return output_view(active_scorer()->score_json(input_at(address, size)));
}

emscripten::val score_lines_at(std::uintptr_t address, std::size_t size) {
  if (!ensure_scorer()) return output_view(no_rules_error());
  return output_view(active_scorer()->score_json_lines(input_at(address, size)));
}

std::string rules_info() {
  if (!ensure_scorer()) return no_rules_error();
  return fakelens::dump_compact(OrderedJson{{"rules", active_scorer()->pack().summary()}});
}

// {"record": {reports, seen, seenHigh, official, firstSeen?, lastSeen?, credit}} or {"error"}.
std::string seller_record(const std::string& history_json) {
  auto history = fakelens::parse_seller_history(history_json);
  if (!history.ok()) {
    return fakelens::dump_compact(fakelens::error_to_json(history.error(), std::nullopt, std::nullopt));
  }
  return fakelens::dump_compact(
      OrderedJson{{"record", fakelens::seller_record_to_json(fakelens::compute_seller_record(history.value()))}});
}

std::string version() { return FAKELENS_VERSION; }

// For the benchmark: matching alone over the titles of `jsonl` (see matching_bench.h).
std::string measure_matching(const std::string& jsonl, int rounds) {
  if (!ensure_scorer()) return no_rules_error();
  const fakelens::MatchingRun run = fakelens::measure_matching(active_scorer()->pack(), jsonl, std::max(1, std::min(rounds, 100)));
  return fakelens::dump_compact(OrderedJson{{"titles", run.titles}, {"bytes", run.bytes}, {"hits", run.hits}, {"seconds", run.seconds},
                                           {"scanHits", run.scan_hits}, {"scanSeconds", run.scan_seconds},
                                           {"setScanSeconds", run.set_scan_seconds}, {"brandScanSeconds", run.brand_scan_seconds}});
}

// Bytes the allocator holds for live objects: what a leak would grow (for tests and benches).
double heap_in_use() { return static_cast<double>(mallinfo().uordblks); }

}  // namespace

EMSCRIPTEN_BINDINGS(fakelens) {
  emscripten::function("scoreAt", &score_at);
  emscripten::function("scoreLinesAt", &score_lines_at);
  emscripten::function("releaseOutput", &release_output);
  emscripten::function("loadRules", &load_rules);
  emscripten::function("useShippedRules", &use_shipped_rules);
  emscripten::function("useShippedImageAt", &use_shipped_image_at);
  emscripten::function("rulesInfo", &rules_info);
  emscripten::function("sellerRecord", &seller_record);
  emscripten::function("version", &version);
  emscripten::function("measureMatching", &measure_matching);
  emscripten::function("heapInUse", &heap_in_use);
}
