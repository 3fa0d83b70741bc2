// Small helpers shared by the core tests.
#ifndef FAKELENS_TESTS_CORE_TEST_SUPPORT_H_
#define FAKELENS_TESTS_CORE_TEST_SUPPORT_H_

#include <fstream>
#include <sstream>
#include <string>

#include "fakelens/rule_pack.h"
#include "signals/signal_kind.h"
#include "signals/text_rules.h"

namespace fakelens::testing {

inline std::string read_source_file(const std::string& relative_path) {
  std::ifstream in(std::string(FAKELENS_SOURCE_DIR) + "/" + relative_path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The pack's text rules (every pack has the kind, possibly empty).
inline const internal::TextRulesKind& text_rules_of(const RulePack& pack) {
  return *internal::find_kind<internal::TextRulesKind>(pack.sections());
}

inline std::shared_ptr<const RulePack> default_pack() {
  static const std::shared_ptr<const RulePack> pack = RulePack::load(default_rule_pack_json()).pack;
  return pack;
}

}  // namespace fakelens::testing

#endif  // FAKELENS_TESTS_CORE_TEST_SUPPORT_H_
