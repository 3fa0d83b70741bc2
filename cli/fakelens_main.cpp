// fakelens: the native command line (see docs/contract/CONTRACT.md, "Command line").
//   fakelens score [--rules PACK] [FILE|-]     JSON Lines of listings -> verdicts
//   fakelens eval [--rules PACK] [--json] FILE labelled listings -> precision/recall
//   fakelens rules check [--json] [PACK]       validate a rule pack (default: built-in)
// Exit codes: 0 all good, 2 some input lines were errors, 1 nothing could run.
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fakelens/evaluation.h"
#include "fakelens/limits.h"
#include "fakelens/matching_bench.h"
#include "fakelens/pack_image.h"
#include "fakelens/rule_pack.h"
#include "fakelens/scorer.h"
#include "fakelens/verdict.h"
#include "line_reader.h"

namespace fakelens::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitSomeErrors = 2;

constexpr const char* kUsage =
    "usage: fakelens <command> [options]\n"
    "\n"
    "commands:\n"
    "  score [--rules PACK] [FILE|-]       score JSON Lines listings, one verdict per line\n"
    "  eval [--rules PACK] [--json] FILE   measure a pack on labelled listings\n"
    "  rules check [--json] [PACK]         validate a rule pack (default: the built-in pack)\n"
    "  rules image OUT                     write the built-in pack's load image (for the wasm loader)\n"
    "  bench [--rules PACK] FILE           time scoring of JSON Lines already in memory (JSON out)\n"
    "  version                             print the version and the built-in pack\n"
    "\n"
    "exit codes: 0 every line scored, 2 some lines were errors, 1 nothing could run\n";

struct Options {
  std::optional<std::string> rules_path;
  bool json = false;
  std::vector<std::string> positional;
};

bool parse_options(int argc, char** argv, int first, Options& options) {
  for (int i = first; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--rules") {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "fakelens: --rules needs a file\n");
        return false;
      }
      options.rules_path = argv[++i];
    } else if (arg.rfind("--rules=", 0) == 0) {
      options.rules_path = arg.substr(8);
    } else if (arg == "--json") {
      options.json = true;
    } else if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
      std::fprintf(stderr, "fakelens: unknown option %s\n\n%s", arg.c_str(), kUsage);
      return false;
    } else {
      options.positional.push_back(arg);
    }
  }
  return true;
}

// Reads a whole (bounded) file; nullopt with a message on stderr when it cannot.
std::optional<std::string> read_file(const std::string& path, std::size_t max_bytes) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) {
    std::fprintf(stderr, "fakelens: cannot open %s: %s\n", path.c_str(), std::strerror(errno));
    return std::nullopt;
  }
  std::string content;
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
    content.append(buffer, n);
    if (content.size() > max_bytes) {
      std::fclose(file);
      std::fprintf(stderr, "fakelens: %s is larger than %zu bytes\n", path.c_str(), max_bytes);
      return std::nullopt;
    }
  }
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) {
    std::fprintf(stderr, "fakelens: cannot read %s\n", path.c_str());
    return std::nullopt;
  }
  return content;
}

void print_problems(const std::string& name, const std::vector<Problem>& problems) {
  std::fprintf(stderr, "fakelens: %s is not a valid rule pack (%zu problem%s):\n", name.c_str(),
               problems.size(), problems.size() == 1 ? "" : "s");
  for (const Problem& problem : problems) {
    std::fprintf(stderr, "  %s: %s\n", problem.path.c_str(), problem.message.c_str());
  }
}

// The pack named by --rules, or the built-in one (verified again only when `check_builtin`:
// `rules check` re-runs its examples; scoring trusts the tests that ran them at build).
std::shared_ptr<const RulePack> load_pack(const std::optional<std::string>& path, bool check_builtin = false) {
  std::string text;
  std::string name = "the built-in rule pack";
  if (path) {
    std::optional<std::string> content = read_file(*path, limits::kMaxRulePackBytes);
    if (!content) return nullptr;
    text = std::move(*content);
    name = *path;
  } else {
    text = std::string(default_rule_pack_json());
  }
  RulePackLoad loaded = path || check_builtin ? RulePack::load(text) : RulePack::load_default();
  if (!loaded.ok()) {
    print_problems(name, loaded.problems);
    return nullptr;
  }
  return loaded.pack;
}

std::FILE* open_input(const Options& options, bool* opened) {
  *opened = false;
  if (options.positional.empty() || options.positional[0] == "-") return stdin;
  std::FILE* file = std::fopen(options.positional[0].c_str(), "rb");
  if (!file) {
    std::fprintf(stderr, "fakelens: cannot open %s: %s\n", options.positional[0].c_str(),
                 std::strerror(errno));
    return nullptr;
  }
  *opened = true;
  return file;
}

// The same error the core gives for an oversized listing, so CLI and WebAssembly agree.
// What score and eval both need before reading: the pack and the opened input.
struct Run {
  std::shared_ptr<const RulePack> pack;
  std::FILE* input = nullptr;
  bool opened = false;  // true when input is a file this run must close
};

bool prepare_run(const Options& options, Run& run) {
  run.pack = load_pack(options.rules_path);
  if (!run.pack) return false;
  run.input = open_input(options, &run.opened);
  return run.input != nullptr;
}

Error oversized_line_error(std::size_t bytes) {
  return too_large_error("listing", bytes, limits::kMaxListingBytes);
}

int run_score(const Options& options) {
  if (options.positional.size() > 1) {
    std::fprintf(stderr, "fakelens: score takes at most one input file\n");
    return kExitFailed;
  }
  Run run;
  if (!prepare_run(options, run)) return kExitFailed;

  const Scorer scorer(run.pack);
  LineReader reader(run.input, limits::kMaxListingBytes);
  std::string line;
  bool oversized = false;
  std::int64_t line_number = 0;
  std::int64_t errors = 0;
  // Lines are scored in batches of limits::kMaxBatchListings, as Scorer::score_json_lines
  // (the WebAssembly scoreBatch) does, so verdicts match byte for byte: a file of up to
  // that many lines is one batch (one page), and its listings are judged among each other.
  std::vector<std::string> lines;
  std::vector<std::size_t> oversized_bytes;  // per line: its length when too long, else 0
  std::int64_t first_line = 1;
  auto flush = [&]() {
    const std::vector<std::string_view> views(lines.begin(), lines.end());
    std::vector<bool> is_error;
    const std::vector<std::string> verdicts = scorer.score_json_batch(views, first_line, &is_error);
    std::string out;
    for (std::size_t i = 0; i < verdicts.size(); ++i) {
      const std::int64_t number = first_line + static_cast<std::int64_t>(i);
      // An oversized line was not kept (an empty line took its place in the batch): the
      // same error the core gives for an oversized listing.
      out = oversized_bytes[i] ? dump_compact(error_to_json(oversized_line_error(oversized_bytes[i]), std::nullopt, number))
                               : verdicts[i];
      errors += (oversized_bytes[i] || is_error[i]) ? 1 : 0;
      out.push_back('\n');
      std::fwrite(out.data(), 1, out.size(), stdout);
    }
    first_line += static_cast<std::int64_t>(lines.size());
    lines.clear();
    oversized_bytes.clear();
  };
  while (reader.next(line, oversized)) {
    ++line_number;
    lines.push_back(oversized ? std::string() : line);
    oversized_bytes.push_back(oversized ? reader.line_bytes() : 0);
    if (lines.size() == limits::kMaxBatchListings) flush();
  }
  if (!lines.empty()) flush();
  const bool read_failed = reader.read_error();
  if (run.opened) std::fclose(run.input);
  if (std::fflush(stdout) != 0) {
    std::fprintf(stderr, "fakelens: cannot write the output\n");
    return kExitFailed;
  }
  if (read_failed) {
    std::fprintf(stderr, "fakelens: reading the input failed after line %lld\n",
                 static_cast<long long>(line_number));
    return kExitFailed;
  }
  if (errors > 0) {
    std::fprintf(stderr, "fakelens: %lld of %lld lines could not be scored\n",
                 static_cast<long long>(errors), static_cast<long long>(line_number));
    return kExitSomeErrors;
  }
  return kExitOk;
}

int run_eval(const Options& options) {
  if (options.positional.size() != 1) {
    std::fprintf(stderr, "fakelens: eval needs one labelled JSON Lines file\n\n%s", kUsage);
    return kExitFailed;
  }
  Run run;
  if (!prepare_run(options, run)) return kExitFailed;

  const Scorer scorer(run.pack);
  const RulePack& pack = *run.pack;
  EvaluationTally tally;
  LineReader reader(run.input, limits::kMaxListingBytes);
  std::string line;
  bool oversized = false;
  std::int64_t line_number = 0;
  while (reader.next(line, oversized)) {
    ++line_number;
    Result<LabelledListing> labelled =
        oversized ? Result<LabelledListing>(oversized_line_error(reader.line_bytes()))
                  : parse_labelled_listing(line);
    if (!labelled.ok()) {
      tally.add_error();
      std::fprintf(stderr, "line %lld: %s: %s\n", static_cast<long long>(line_number),
                   labelled.error().code.c_str(), labelled.error().message.c_str());
      continue;
    }
    tally.add(labelled.value(), scorer.score(labelled.value().listing).level);
  }
  if (run.opened) std::fclose(run.input);
  if (reader.read_error()) {
    std::fprintf(stderr, "fakelens: reading the input failed after line %lld\n",
                 static_cast<long long>(line_number));
    return kExitFailed;
  }
  if (options.json) {
    OrderedJson out = tally.to_json();
    out["rules"] = {{"id", pack.id()}, {"version", pack.version()}};
    std::printf("%s\n", dump_compact(out).c_str());
  } else {
    std::printf("rules: %s %s\n%s", pack.id().c_str(), pack.version().c_str(),
                tally.to_table().c_str());
  }
  return tally.errors() > 0 ? kExitSomeErrors : kExitOk;
}

// The built-in pack, checked in full, written as the load image the WebAssembly loader
// reads instead of its JSON (fakelens/pack_image.h). Written beside OUT and renamed over
// it, so a failed write never leaves a half image behind.
int run_rules_image(const Options& options) {
  if (options.positional.size() != 1 || options.rules_path || options.json) {
    std::fprintf(stderr, "fakelens: rules image takes the file to write, and no options (it writes the built-in pack)\n");
    return kExitFailed;
  }
  const std::shared_ptr<const RulePack> pack = load_pack(std::nullopt, /*check_builtin=*/true);
  if (!pack) return kExitFailed;
  const Result<std::string> image = write_pack_image(*pack, default_rule_pack_sha256());
  if (!image.ok()) {
    std::fprintf(stderr, "fakelens: %s\n", image.error().message.c_str());
    return kExitFailed;
  }
  const std::string& out = options.positional[0];
  const std::string partial = out + ".partial";
  std::FILE* file = std::fopen(partial.c_str(), "wb");
  bool written = file && std::fwrite(image.value().data(), 1, image.value().size(), file) == image.value().size();
  if (file) written = std::fclose(file) == 0 && written;
  if (!written || std::rename(partial.c_str(), out.c_str()) != 0) {
    std::fprintf(stderr, "fakelens: cannot write %s: %s\n", out.c_str(), std::strerror(errno));
    std::remove(partial.c_str());
    return kExitFailed;
  }
  std::printf("wrote %s (%zu bytes): %s %s\n", out.c_str(), image.value().size(), pack->id().c_str(), pack->version().c_str());
  return kExitOk;
}

int run_rules_check(const Options& options) {
  if (options.positional.size() > 1) {
    std::fprintf(stderr, "fakelens: rules check takes one pack file\n");
    return kExitFailed;
  }
  std::optional<std::string> path;
  if (!options.positional.empty()) path = options.positional[0];
  const std::shared_ptr<const RulePack> pack = load_pack(path, /*check_builtin=*/true);
  if (!pack) return kExitFailed;
  const OrderedJson summary = pack->summary();
  if (options.json) {
    std::printf("%s\n", summary.dump(2, ' ', false, OrderedJson::error_handler_t::replace).c_str());
    return kExitOk;
  }
  // value(): a key a future pack summary lacks prints 0 instead of aborting (no exceptions here).
  const OrderedJson& counts = summary["counts"];
  const OrderedJson by_category = counts.value("byCategory", OrderedJson::object());
  const auto count_of = [](const OrderedJson& object, const char* key) { return object.value(key, 0); };
  std::printf("%s: valid rule pack\n", path ? path->c_str() : "built-in pack");
  std::printf("  id %s, version %s, schema %d\n", pack->id().c_str(), pack->version().c_str(),
              kRulePackSchemaVersion);
  std::printf("  %d text rules, %d discount rules, %d text-discount rules, %d spec rules,\n"
              "  %d listing rules, %d combination rules; %d brands, %d price floors\n",
              count_of(counts, "textRules"), count_of(counts, "discountRules"),
              count_of(counts, "textDiscountRules"), count_of(counts, "specRules"),
              count_of(counts, "listingRules"), count_of(counts, "comboRules"),
              count_of(counts, "brands"), count_of(counts, "priceFloors"));
  std::printf("  rules by category: counterfeit %d, exaggeration %d, pricing %d, seller %d\n",
              count_of(by_category, "counterfeit"), count_of(by_category, "exaggeration"),
              count_of(by_category, "pricing"), count_of(by_category, "seller"));
  std::printf("  thresholds: medium %d, high %d\n", pack->thresholds().medium,
              pack->thresholds().high);
  std::printf("  %d rule examples checked, all as expected\n", counts["examplesChecked"].get<int>());
  return kExitOk;
}

// The native entry point of the benchmark (scripts/bench.mjs): reads every line first, then
// times the pack load and the scoring alone, and prints one JSON object.
int run_bench(const Options& options) {
  if (options.positional.size() != 1) {
    std::fprintf(stderr, "fakelens: bench takes one JSON Lines file\n");
    return kExitFailed;
  }
  const auto load_started = std::chrono::steady_clock::now();
  const std::shared_ptr<const RulePack> pack = load_pack(options.rules_path);
  const auto load_ended = std::chrono::steady_clock::now();
  if (!pack) return kExitFailed;
  bool opened = false;
  std::FILE* input = open_input(options, &opened);
  if (!input) return kExitFailed;
  std::vector<std::string> lines;
  std::size_t bytes = 0;
  {
    LineReader reader(input, limits::kMaxListingBytes);
    std::string line;
    bool oversized = false;
    while (reader.next(line, oversized)) {
      if (oversized) continue;
      bytes += line.size();
      lines.push_back(line);
    }
  }
  if (opened) std::fclose(input);
  const Scorer scorer(pack);
  std::size_t output_bytes = 0;
  std::int64_t errors = 0;
  const auto started = std::chrono::steady_clock::now();
  for (const std::string& line : lines) {
    bool is_error = false;
    output_bytes += scorer.score_json(line, std::nullopt, &is_error).size();
    errors += is_error ? 1 : 0;
  }
  const auto ended = std::chrono::steady_clock::now();
  const double seconds = std::chrono::duration<double>(ended - started).count();
  const double load_ms = std::chrono::duration<double, std::milli>(load_ended - load_started).count();
  OrderedJson out;
  out["listings"] = lines.size();
  out["bytes"] = bytes;
  out["errors"] = errors;
  out["seconds"] = seconds;
  out["listingsPerSecond"] = seconds > 0 ? static_cast<double>(lines.size()) / seconds : 0.0;
  out["mbPerSecond"] = seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0.0;
  out["packLoadMs"] = load_ms;
  // The built-in pack again, from its load image (what the WebAssembly loader reads).
  if (!options.rules_path) {
    const Result<std::string> image = write_pack_image(*pack, default_rule_pack_sha256());
    const auto image_started = std::chrono::steady_clock::now();
    const bool loaded = image.ok() && RulePack::load_image(image.value()).ok();
    const auto image_ended = std::chrono::steady_clock::now();
    if (loaded) out["imagePackLoadMs"] = std::chrono::duration<double, std::milli>(image_ended - image_started).count();
  }
  out["outputBytes"] = output_bytes;
  // Matching alone: the one-pass scanners over the folded titles, five rounds.
  std::string all_lines;
  for (const std::string& line : lines) all_lines.append(line).push_back('\n');
  const MatchingRun matching = measure_matching(*pack, all_lines, 5);
  out["matching"] = {{"titles", matching.titles}, {"bytes", matching.bytes}, {"hits", matching.hits},
                     {"seconds", matching.seconds},
                     {"mbPerSecond", matching.seconds > 0 ? static_cast<double>(matching.bytes) / 1e6 / matching.seconds : 0.0},
                     {"scanHits", matching.scan_hits}, {"scanSeconds", matching.scan_seconds},
                     {"setScanSeconds", matching.set_scan_seconds}, {"brandScanSeconds", matching.brand_scan_seconds},
                     {"scanMbPerSecond", matching.scan_seconds > 0 ? static_cast<double>(matching.bytes) / 1e6 / matching.scan_seconds : 0.0}};
  std::printf("%s\n", out.dump().c_str());
  return kExitOk;
}

int run(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
      std::strcmp(argv[1], "help") == 0) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? kExitFailed : kExitOk;
  }
  const std::string command = argv[1];
  Options options;
  if (command == "score") {
    if (!parse_options(argc, argv, 2, options)) return kExitFailed;
    return run_score(options);
  }
  if (command == "eval") {
    if (!parse_options(argc, argv, 2, options)) return kExitFailed;
    return run_eval(options);
  }
  if (command == "rules") {
    const bool image = argc >= 3 && std::strcmp(argv[2], "image") == 0;
    if (argc < 3 || (!image && std::strcmp(argv[2], "check") != 0)) {
      std::fprintf(stderr, "fakelens: the rules command takes: rules check [PACK], rules image OUT\n");
      return kExitFailed;
    }
    if (!parse_options(argc, argv, 3, options)) return kExitFailed;
    return image ? run_rules_image(options) : run_rules_check(options);
  }
  if (command == "bench") {
    if (!parse_options(argc, argv, 2, options)) return kExitFailed;
    return run_bench(options);
  }
  if (command == "version" || command == "--version") {
    const std::shared_ptr<const RulePack> pack = load_pack(std::nullopt);
    std::printf("fakelens %s (built-in rules: %s %s)\n", FAKELENS_VERSION,
                pack ? pack->id().c_str() : "invalid", pack ? pack->version().c_str() : "");
    return pack ? kExitOk : kExitFailed;
  }
  std::fprintf(stderr, "fakelens: unknown command '%s'\n\n%s", command.c_str(), kUsage);
  return kExitFailed;
}

}  // namespace
}  // namespace fakelens::cli

int main(int argc, char** argv) {
  static char output_buffer[1 << 16];
  std::setvbuf(stdout, output_buffer, _IOFBF, sizeof output_buffer);
  return fakelens::cli::run(argc, argv);
}
