// Internal: how every signal kind makes its evidence, and fills and formats its message.
#ifndef FAKELENS_SRC_SIGNALS_EVIDENCE_H_
#define FAKELENS_SRC_SIGNALS_EVIDENCE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "fakelens/json_reader.h"
#include "fakelens/rule_pack.h"
#include "fakelens/verdict.h"
#include "signals/listing_context.h"
#include "signals/rule_reader.h"

namespace fakelens::internal {

// What a piece of evidence points at: a field, and maybe a range of its original text
// (the scorer turns the bytes into UTF-16 offsets).
struct EvidenceTarget {
  Field field = Field::kTitle;
  std::optional<std::pair<std::uint32_t, std::uint32_t>> source_bytes;
  std::optional<std::string> match;  // the original text of that range
};

// The field as a whole (price, seller, ...).
inline EvidenceTarget whole_field(Field field) { return {field, std::nullopt, std::nullopt}; }
// Folded bytes [begin, end) of `text`, mapped back to its original text.
EvidenceTarget text_range(const FieldText& text, std::size_t begin, std::size_t end);

// The one way evidence is made: the rule's id and messageId, the message filled from `args`.
Evidence make_evidence(const RuleText& rule, Category category, double weight, EvidenceTarget target,
                       OrderedJson args);

// Fills {name} placeholders from `args` (strings and numbers); unknown names stay as written.
std::string fill_message(const std::string& message, const OrderedJson& args);

// Money as people read it: "19.99 USD".
std::string format_money(double amount, const std::string& currency);

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_SIGNALS_EVIDENCE_H_
