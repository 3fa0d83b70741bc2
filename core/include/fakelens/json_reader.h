// Bounded, non-throwing JSON reading for every input the core accepts (listings, rule
// packs, report events). On top of nlohmann/json's parser it enforces: valid UTF-8, a
// byte limit, a nesting limit, and no duplicate keys (which JSON allows but which would
// make "which value counts?" ambiguous). Problems come back as Error values.
#ifndef FAKELENS_JSON_READER_H_
#define FAKELENS_JSON_READER_H_

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fakelens/error.h"

namespace fakelens {

using Json = nlohmann::json;
// Output objects keep their keys in insertion order, so verdicts read naturally.
using OrderedJson = nlohmann::ordered_json;

// The error for an input of `bytes` over `max_bytes`; shared so that every path that
// refuses an oversized input (the CLI's line reader included) says the same words.
Error too_large_error(const char* what, std::size_t bytes, std::size_t max_bytes);

// `what` names the input in messages ("listing", "rule pack").
Result<Json> read_json(std::string_view text, std::size_t max_bytes, int max_depth,
                       const char* what);

// Serialises compactly; invalid UTF-8 cannot occur (inputs are validated) but is
// replaced rather than thrown on, as a last line of defence.
std::string dump_compact(const OrderedJson& value);
std::string dump_compact(const Json& value);

}  // namespace fakelens

#endif  // FAKELENS_JSON_READER_H_
