#include "fakelens/json_reader.h"

#include <string>
#include <vector>

#include "fakelens/utf8.h"

namespace fakelens {
namespace {

// Builds the DOM like nlohmann's own SAX DOM parser, plus the depth and duplicate-key
// checks. Returning false from any callback stops the parse.
class BoundedDomBuilder {
 public:
  BoundedDomBuilder(Json& root, int max_depth) : root_(root), max_depth_(max_depth) {}

  bool null() { return put(Json(nullptr)); }
  bool boolean(bool value) { return put(Json(value)); }
  bool number_integer(Json::number_integer_t value) { return put(Json(value)); }
  bool number_unsigned(Json::number_unsigned_t value) { return put(Json(value)); }
  bool number_float(Json::number_float_t value, const std::string&) { return put(Json(value)); }
  bool string(std::string& value) { return put(Json(std::move(value))); }
  bool binary(Json::binary_t&) { return fail(error_code::kInvalidJson, "binary values are not JSON"); }

  bool start_object(std::size_t) { return open(Json::object()); }
  bool start_array(std::size_t) { return open(Json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  // A repeated key fails here, before its value is read, so the error names the first
  // thing wrong. The slot is made now and filled by the value: one map lookup per key.
  bool key(std::string& name) {
    auto& object = stack_.back()->get_ref<Json::object_t&>();
    const auto [slot, inserted] = object.emplace(std::move(name), nullptr);
    if (!inserted) {
      return fail(error_code::kDuplicateKey, "the key \"" + slot->first + "\" appears twice in one object");
    }
    pending_slot_ = &slot->second;
    return true;
  }

  template <typename Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& ex) {
    std::string message = ex.what();
    // Drop nlohmann's "[json.exception.parse_error.101] " prefix: codes are ours.
    const auto bracket = message.find("] ");
    if (message.rfind("[json.exception.", 0) == 0 && bracket != std::string::npos) {
      message.erase(0, bracket + 2);
    }
    return fail(error_code::kInvalidJson, message);
  }

  bool failed() const { return failed_; }
  const Error& error() const { return error_; }

 private:
  bool fail(const char* code, std::string message) {
    if (!failed_) error_ = make_error(code, std::move(message));
    failed_ = true;
    return false;
  }

  // Places a value into the current container (or as the root) and returns where it went.
  // In an object it fills the slot its key made (map nodes do not move).
  Json* place(Json&& value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Json& parent = *stack_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    *pending_slot_ = std::move(value);
    return pending_slot_;
  }

  bool put(Json&& value) {
    place(std::move(value));
    return true;
  }

  bool open(Json&& container) {
    if (static_cast<int>(stack_.size()) >= max_depth_) {
      return fail(error_code::kTooDeep,
                  "nested deeper than " + std::to_string(max_depth_) + " levels");
    }
    stack_.push_back(place(std::move(container)));
    return true;
  }

  bool close() {
    stack_.pop_back();
    return true;
  }

  Json& root_;
  int max_depth_;
  std::vector<Json*> stack_;
  Json* pending_slot_ = nullptr;  // where the value of the last key read goes
  bool failed_ = false;
  Error error_;
};

}  // namespace

Error too_large_error(const char* what, std::size_t bytes, std::size_t max_bytes) {
  return make_error(error_code::kTooLarge, std::string("the ") + what + " is " +
                                               std::to_string(bytes) + " bytes; the limit is " +
                                               std::to_string(max_bytes));
}

Result<Json> read_json(std::string_view text, std::size_t max_bytes, int max_depth,
                       const char* what) {
  if (text.size() > max_bytes) return too_large_error(what, text.size(), max_bytes);
  Json root;
  BoundedDomBuilder builder(root, max_depth);
  const bool parsed = Json::sax_parse(text.begin(), text.end(), &builder,
                                      nlohmann::detail::input_format_t::json, /*strict=*/true);
  if (parsed && !builder.failed()) return root;
  // Text the parser accepts is valid UTF-8: its lexer checks every string's bytes (RFC 3629:
  // no overlong forms, no surrogates) and any other byte over 0x7F is a syntax error. So the
  // separate check runs only on failure, where invalid UTF-8 is the error to name first.
  std::size_t bad_offset = 0;
  if (!utf8::is_valid(text, &bad_offset)) {
    return make_error(error_code::kInvalidUtf8, std::string("the ") + what +
                                                    " is not valid UTF-8 (bad byte at offset " +
                                                    std::to_string(bad_offset) + ")");
  }
  if (builder.failed()) return builder.error();
  return make_error(error_code::kInvalidJson, std::string("the ") + what + " is not valid JSON");
}

std::string dump_compact(const OrderedJson& value) {
  return value.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

std::string dump_compact(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace fakelens
