// The one binding between the C++ core and JavaScript: plain C functions, no embind.
// JSON crosses the boundary as UTF-8 bytes: one call per listing or per batch, no C++
// objects handed to JS, so nothing on the JS side ever needs freeing. The loader copies
// its input into memory it took with malloc and passes (address, size); each call leaves
// its answer in one output buffer and returns the answer's size, and the loader decodes it
// where it lies (fakelens_output_data) and then releases it. Every function returns a
// value, never throws: the core is built without exceptions and reports errors as JSON.
// wasm/fakelens.mjs wraps these for every host; do not call them directly.
//
// Why not embind: registering its types ran on every start, a sixth of a cold start in
// the browser, and its JavaScript half was most of the loader's size. Every call here
// already took bytes in memory and gave a view back, which plain exports do as well.
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <malloc.h>
#include <memory>
#include <string>
#include <string_view>

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

bool ensure_scorer() { return active_scorer() != nullptr; }

std::string no_rules_error() {
  return fakelens::dump_compact(fakelens::error_to_json(
      fakelens::make_error(fakelens::error_code::kNoRules, "no valid rule pack is loaded"),
      std::nullopt, std::nullopt));
}

std::string_view input_at(const char* address, std::size_t size) {
  return {address ? address : "", address ? size : 0};
}

// The answer of the last call, until the next call or fakelens_release_output.
std::string& last_output() {
  static std::string output;
  return output;
}

std::size_t answer(std::string text) {
  last_output() = std::move(text);
  return last_output().size();
}

std::string seller_record_json(std::string_view history_json) {
  auto history = fakelens::parse_seller_history(history_json);
  if (!history.ok()) {
    return fakelens::dump_compact(fakelens::error_to_json(history.error(), std::nullopt, std::nullopt));
  }
  return fakelens::dump_compact(
      OrderedJson{{"record", fakelens::seller_record_to_json(fakelens::compute_seller_record(history.value()))}});
}

}  // namespace

// Each function below answers through the output buffer: it returns the answer's size in
// bytes, and fakelens_output_data() is where those bytes lie.
extern "C" {

EMSCRIPTEN_KEEPALIVE const char* fakelens_output_data() { return last_output().data(); }

// Called once the loader has decoded the answer: nothing stays allocated between calls.
EMSCRIPTEN_KEEPALIVE void fakelens_release_output() { std::string().swap(last_output()); }

// One listing's JSON in, its verdict's JSON out (or {"error"}).
EMSCRIPTEN_KEEPALIVE std::size_t fakelens_score(const char* text, std::size_t size) {
  if (!ensure_scorer()) return answer(no_rules_error());
  return answer(active_scorer()->score_json(input_at(text, size)));
}

// JSON Lines in, one verdict line out per line in.
EMSCRIPTEN_KEEPALIVE std::size_t fakelens_score_lines(const char* text, std::size_t size) {
  if (!ensure_scorer()) return answer(no_rules_error());
  return answer(active_scorer()->score_json_lines(input_at(text, size)));
}

// A pack from outside (options page, web demo), verified in full: patterns and examples.
EMSCRIPTEN_KEEPALIVE std::size_t fakelens_load_rules(const char* json, std::size_t size) {
  return answer(install_rules(fakelens::RulePack::load(input_at(json, size))));
}

// The built-in pack, from the default.rules.json shipped beside this module (the loader
// fetches it). The very file this module was built with loads lazily (its tests verified
// it); any other text is verified in full. `sha256_hex`: the loader's WebCrypto digest of
// the bytes, or empty to hash them here.
EMSCRIPTEN_KEEPALIVE std::size_t fakelens_use_shipped_rules(const char* json, std::size_t size,
                                                            const char* sha256_hex, std::size_t hex_size) {
  return answer(install_rules(fakelens::RulePack::load_shipped(input_at(json, size), input_at(sha256_hex, hex_size))));
}

// The built-in pack from its load image (default.rules.image beside this module, written
// by the build from the same JSON): nothing to parse, so a cold start is shorter. Refused,
// keeping the active pack, unless it names the very pack this module was built with, in
// this module's image format, whole; the loader then falls back to the JSON. Answers
// nothing when the image was taken.
EMSCRIPTEN_KEEPALIVE std::size_t fakelens_use_shipped_image(const char* image, std::size_t size) {
  return answer(install_rules(fakelens::RulePack::load_image(input_at(image, size)), /*describe=*/false));
}

EMSCRIPTEN_KEEPALIVE std::size_t fakelens_rules_info() {
  if (!ensure_scorer()) return answer(no_rules_error());
  return answer(fakelens::dump_compact(OrderedJson{{"rules", active_scorer()->pack().summary()}}));
}

// {"record": {reports, seen, seenHigh, official, firstSeen?, lastSeen?, credit}} or {"error"}.
EMSCRIPTEN_KEEPALIVE std::size_t fakelens_seller_record(const char* history_json, std::size_t size) {
  return answer(seller_record_json(input_at(history_json, size)));
}

EMSCRIPTEN_KEEPALIVE std::size_t fakelens_version() { return answer(FAKELENS_VERSION); }

// For the benchmark: matching alone over the titles of `jsonl` (see matching_bench.h).
EMSCRIPTEN_KEEPALIVE std::size_t fakelens_measure_matching(const char* jsonl, std::size_t size, int rounds) {
  if (!ensure_scorer()) return answer(no_rules_error());
  const fakelens::MatchingRun run =
      fakelens::measure_matching(active_scorer()->pack(), input_at(jsonl, size), std::max(1, std::min(rounds, 100)));
  return answer(fakelens::dump_compact(
      OrderedJson{{"titles", run.titles}, {"bytes", run.bytes}, {"hits", run.hits}, {"seconds", run.seconds},
                  {"scanHits", run.scan_hits}, {"scanSeconds", run.scan_seconds},
                  {"setScanSeconds", run.set_scan_seconds}, {"brandScanSeconds", run.brand_scan_seconds}}));
}

// Bytes the allocator holds for live objects: what a leak would grow (for tests and benches).
EMSCRIPTEN_KEEPALIVE double fakelens_heap_in_use() { return static_cast<double>(mallinfo().uordblks); }

}  // extern "C"
