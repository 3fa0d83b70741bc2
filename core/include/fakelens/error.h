// Errors as values. Nothing in the FakeLens core throws or aborts on bad input: every
// failure becomes an Error with a stable machine code (see ErrorCode) and one sentence
// for people. Result<T> carries either a value or an Error.
//
//   fakelens::Result<Listing> parsed = fakelens::parse_listing(line);
//   if (!parsed.ok()) report(parsed.error().code, parsed.error().message);
#ifndef FAKELENS_ERROR_H_
#define FAKELENS_ERROR_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace fakelens {

// Stable codes. They appear in verdicts and CLI output; never rename one, only add.
namespace error_code {
inline constexpr const char* kInvalidJson = "invalid_json";      // not JSON, or trailing junk
inline constexpr const char* kInvalidUtf8 = "invalid_utf8";      // bytes are not UTF-8
inline constexpr const char* kNotObject = "not_object";          // JSON, but not an object
inline constexpr const char* kMissingTitle = "missing_title";    // no title, or title null
inline constexpr const char* kEmptyTitle = "empty_title";        // title is "" or only spaces
inline constexpr const char* kWrongType = "wrong_type";          // a field has the wrong JSON type
inline constexpr const char* kBadValue = "bad_value";            // out of range, or not in the enum
inline constexpr const char* kBadAmount = "bad_amount";          // money amount negative, NaN, infinite
inline constexpr const char* kBadCurrency = "bad_currency";      // not an ISO 4217 code
inline constexpr const char* kTooLarge = "too_large";            // over a documented size limit
inline constexpr const char* kTooDeep = "too_deep";              // JSON nested deeper than allowed
inline constexpr const char* kDuplicateKey = "duplicate_key";    // the same key twice in one object
inline constexpr const char* kInvalidRules = "invalid_rules";    // a rule pack failed validation
inline constexpr const char* kNoRules = "no_rules";              // scoring asked before a pack loaded
inline constexpr const char* kEngineLimit = "engine_limit";      // the matcher hit its memory budget
inline constexpr const char* kIoError = "io_error";              // a file could not be read
}  // namespace error_code

struct Error {
  std::string code;
  std::string message;
};

// Either a T or an Error. Copyable when T is.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}      // NOLINT: implicit by design

  bool ok() const { return state_.index() == 0; }
  const T& value() const { return std::get<0>(state_); }
  T& value() { return std::get<0>(state_); }
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

inline Error make_error(const char* code, std::string message) {
  return Error{code, std::move(message)};
}

}  // namespace fakelens

#endif  // FAKELENS_ERROR_H_
