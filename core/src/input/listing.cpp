#include "fakelens/listing.h"

#include <cmath>

#include "fakelens/limits.h"

namespace fakelens {
namespace {

// Reads fields of one JSON object, remembering the first problem. Each getter leaves
// the target untouched when the key is absent or null.
class FieldReader {
 public:
  FieldReader(const Json& object, std::string path_prefix)
      : object_(object), prefix_(std::move(path_prefix)) {}

  const Json* find(const char* key) const {
    // As a string_view: a bare const char* would be measured again at every comparison.
    const auto it = object_.find(std::string_view(key));
    if (it == object_.end() || it->is_null()) return nullptr;
    return &*it;
  }

  std::string path(const char* key) const { return prefix_ + key; }

  void text(const char* key, std::optional<std::string>& out,
            std::size_t max_bytes = limits::kMaxShortTextBytes) {
    const Json* value = find(key);
    if (!value || failed()) return;
    if (!value->is_string()) return fail(error_code::kWrongType, path(key) + " must be a string");
    const auto& text = value->get_ref<const std::string&>();
    if (text.size() > max_bytes) {
      return fail(error_code::kTooLarge, path(key) + " is " + std::to_string(text.size()) +
                                             " bytes; the limit is " + std::to_string(max_bytes));
    }
    out = text;
  }

  void number(const char* key, std::optional<double>& out, double min, double max) {
    const Json* value = find(key);
    if (!value || failed()) return;
    if (!value->is_number()) return fail(error_code::kWrongType, path(key) + " must be a number");
    const double number = value->get<double>();
    if (!std::isfinite(number) || number < min || number > max) {
      return fail(error_code::kBadValue, path(key) + " must be between " + format(min) + " and " +
                                             format(max));
    }
    out = number;
  }

  void whole_number(const char* key, std::optional<std::int64_t>& out) {
    const Json* value = find(key);
    if (!value || failed()) return;
    if (!value->is_number()) return fail(error_code::kWrongType, path(key) + " must be a whole number");
    const double number = value->get<double>();
    // Up to 2^53 so the value is exact in a double and in JavaScript.
    if (!std::isfinite(number) || number < 0 || number > 9007199254740992.0 ||
        std::floor(number) != number) {
      return fail(error_code::kBadValue, path(key) + " must be a whole number of at least 0");
    }
    out = static_cast<std::int64_t>(number);
  }

  void boolean(const char* key, std::optional<bool>& out) {
    const Json* value = find(key);
    if (!value || failed()) return;
    if (!value->is_boolean()) return fail(error_code::kWrongType, path(key) + " must be true or false");
    out = value->get<bool>();
  }

  void money(const char* key, std::optional<Money>& out) {
    const Json* value = find(key);
    if (!value || failed()) return;
    if (!value->is_object()) {
      return fail(error_code::kWrongType, path(key) + " must be an object {amount, currency}");
    }
    const auto amount = value->find("amount");
    const auto currency = value->find("currency");
    if (amount == value->end() || amount->is_null()) {
      return fail(error_code::kBadAmount, path(key) + ".amount is missing");
    }
    if (!amount->is_number()) return fail(error_code::kBadAmount, path(key) + ".amount must be a number");
    const double number = amount->get<double>();
    if (!std::isfinite(number) || number < 0) {
      return fail(error_code::kBadAmount, path(key) + ".amount must be a finite number of at least 0");
    }
    if (currency == value->end() || !currency->is_string() || !is_currency_code(currency->get_ref<const std::string&>())) {
      return fail(error_code::kBadCurrency,
                  path(key) + ".currency must be a three-letter ISO 4217 code such as \"USD\"");
    }
    out = Money{number, currency->get<std::string>()};
  }

  template <typename Enum, std::size_t N>
  void one_of(const char* key, std::optional<Enum>& out,
              const std::pair<const char*, Enum> (&choices)[N]) {
    const Json* value = find(key);
    if (!value || failed()) return;
    if (!value->is_string()) return fail(error_code::kWrongType, path(key) + " must be a string");
    const auto& text = value->get_ref<const std::string&>();
    std::string allowed;
    for (const auto& [name, choice] : choices) {
      if (text == name) {
        out = choice;
        return;
      }
      allowed += allowed.empty() ? "" : ", ";
      allowed += name;
    }
    fail(error_code::kBadValue, path(key) + " must be one of: " + allowed);
  }

  void fail(const char* code, std::string message) {
    if (!error_) error_ = make_error(code, std::move(message));
  }
  bool failed() const { return error_.has_value(); }
  const std::optional<Error>& error() const { return error_; }

 private:
  static bool is_currency_code(const std::string& code) {
    return code.size() == 3 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' &&
           code[1] <= 'Z' && code[2] >= 'A' && code[2] <= 'Z';
  }
  static std::string format(double value) {
    return std::to_string(static_cast<long long>(value));
  }

  const Json& object_;
  std::string prefix_;
  std::optional<Error> error_;
};

constexpr std::pair<const char*, Condition> kConditions[] = {
    {"new", Condition::kNew},
    {"used", Condition::kUsed},
    {"refurbished", Condition::kRefurbished},
    {"unknown", Condition::kUnknown}};
constexpr std::pair<const char*, PageKind> kPages[] = {{"search", PageKind::kSearch},
                                                       {"product", PageKind::kProduct}};

bool is_blank(const std::string& text) {
  for (const char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> find_listing_id(const Json& value) {
  if (!value.is_object()) return std::nullopt;
  const auto it = value.find("id");
  if (it == value.end() || !it->is_string()) return std::nullopt;
  const auto& id = it->get_ref<const std::string&>();
  if (id.size() > limits::kMaxShortTextBytes) return std::nullopt;
  return id;
}

Result<Listing> listing_from_json(const Json& value) {
  if (!value.is_object()) {
    return make_error(error_code::kNotObject, "a listing must be a JSON object");
  }
  Listing listing;
  FieldReader fields(value, "");

  const Json* title = fields.find("title");
  if (!title) return make_error(error_code::kMissingTitle, "the listing has no title");
  if (!title->is_string()) return make_error(error_code::kWrongType, "title must be a string");
  std::optional<std::string> title_text;
  fields.text("title", title_text, limits::kMaxLongTextBytes);
  if (fields.failed()) return *fields.error();
  if (is_blank(*title_text)) return make_error(error_code::kEmptyTitle, "the title is empty");
  listing.title = std::move(*title_text);

  fields.text("id", listing.id);
  fields.text("url", listing.url);
  fields.text("marketplace", listing.marketplace);
  fields.text("locale", listing.locale);
  fields.one_of("page", listing.page, kPages);
  fields.text("description", listing.description, limits::kMaxLongTextBytes);
  fields.text("brand", listing.brand);
  fields.text("category", listing.category);
  fields.one_of("condition", listing.condition, kConditions);
  fields.money("price", listing.price);
  fields.money("listPrice", listing.list_price);

  if (const Json* seller = fields.find("seller"); seller && !fields.failed()) {
    if (!seller->is_object()) {
      fields.fail(error_code::kWrongType, "seller must be an object");
    } else {
      FieldReader seller_fields(*seller, "seller.");
      Seller out;
      seller_fields.text("id", out.id);
      seller_fields.text("name", out.name);
      seller_fields.number("rating", out.rating, 0, 100);
      seller_fields.whole_number("ratingCount", out.rating_count);
      seller_fields.boolean("official", out.official);
      seller_fields.whole_number("ageDays", out.age_days);
      seller_fields.text("location", out.location);
      if (seller_fields.failed()) return *seller_fields.error();
      if (const Json* history = seller_fields.find("history")) {
        auto parsed = seller_history_from_json(*history, "seller.history.");
        if (!parsed.ok()) return parsed.error();
        out.history = std::move(parsed.value());
      }
      listing.seller = std::move(out);
    }
  }
  if (const Json* reviews = fields.find("reviews"); reviews && !fields.failed()) {
    if (!reviews->is_object()) {
      fields.fail(error_code::kWrongType, "reviews must be an object");
    } else {
      FieldReader review_fields(*reviews, "reviews.");
      Reviews out;
      review_fields.number("average", out.average, 0, 5);
      review_fields.whole_number("count", out.count);
      if (review_fields.failed()) return *review_fields.error();
      listing.reviews = out;
    }
  }
  if (fields.failed()) return *fields.error();
  return listing;
}

Result<Listing> parse_listing(std::string_view json_text) {
  Result<Json> parsed =
      read_json(json_text, limits::kMaxListingBytes, limits::kMaxListingDepth, "listing");
  if (!parsed.ok()) return parsed.error();
  return listing_from_json(parsed.value());
}

}  // namespace fakelens
