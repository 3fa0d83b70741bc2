// How every signal kind makes its evidence (evidence.h).
#include "signals/evidence.h"

#include <cmath>
#include <cstdio>

namespace fakelens::internal {

EvidenceTarget text_range(const FieldText& text, std::size_t begin, std::size_t end) {
  std::uint32_t source_begin = 0, source_end = 0;
  text.folded.source_range(begin, end, *text.source, &source_begin, &source_end);
  return {text.field, std::make_pair(source_begin, source_end),
          text.source->substr(source_begin, source_end - source_begin)};
}

Evidence make_evidence(const RuleText& rule, Category category, double weight, EvidenceTarget target,
                       OrderedJson args) {
  Evidence item;
  item.rule = rule.id;
  item.category = category;
  item.weight = weight;
  item.field = target.field;
  item.source_bytes = target.source_bytes;
  item.match = std::move(target.match);
  item.message_id = rule.message_id;
  item.args = std::move(args);
  item.message = fill_message(rule.message, item.args);
  return item;
}

std::string fill_message(const std::string& message, const OrderedJson& args) {
  std::string out;
  out.reserve(message.size() + 32);
  std::size_t pos = 0;
  while (pos < message.size()) {
    const std::size_t open = message.find('{', pos);
    if (open == std::string::npos) break;
    const std::size_t close = message.find('}', open);
    if (close == std::string::npos) break;
    out.append(message, pos, open - pos);
    const std::string name = message.substr(open + 1, close - open - 1);
    const auto it = args.find(name);
    if (it == args.end()) {
      out.append(message, open, close - open + 1);
    } else if (it->is_string()) {
      out += it->get<std::string>();
    } else {
      out += dump_compact(*it);
    }
    pos = close + 1;
  }
  out.append(message, pos, std::string::npos);
  return out;
}

std::string format_money(double amount, const std::string& currency) {
  char buffer[64];
  if (amount < 1e15) {
    // Integer cents: the same digits on every platform.
    const long long cents = std::llround(amount * 100.0);
    std::snprintf(buffer, sizeof buffer, "%lld.%02lld", cents / 100, cents % 100);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.0f", amount);
  }
  return std::string(buffer) + " " + currency;
}

}  // namespace fakelens::internal
