// The "exchangeRates" kind: fills PackTables::rates.
#include "signals/exchange_rates.h"

#include <algorithm>

#include "signals/kind_shapes.h"

namespace fakelens::internal {

std::optional<double> ExchangeRates::to_usd(const Money& money) const {
  if (money.currency == "USD") return money.amount;
  const auto it = per_usd.find(money.currency);
  if (it == per_usd.end()) return std::nullopt;
  return money.amount / it->second;
}

std::optional<double> ExchangeRates::from_usd(double usd, const std::string& currency) const {
  if (currency == "USD") return usd;
  const auto it = per_usd.find(currency);
  if (it == per_usd.end()) return std::nullopt;
  return usd * it->second;
}

namespace {

FAKELENS_PACK_LOADING
std::optional<ExchangeRates> load_exchange_rates(const Json& json, const std::string& path, PackReader& reader) {
  if (!open_object(json, path, reader, {"asOf", "source", "perUsd"})) return std::nullopt;
  ExchangeRates rates;
  bool ok = reader.text(json, path, "asOf", rates.as_of, true, 32);
  const auto per_usd = json.find("perUsd");
  if (per_usd == json.end() || !per_usd->is_object()) {
    reader.problem(path + ".perUsd", "must be an object of currency code -> units per US dollar");
    return std::nullopt;
  }
  for (const auto& item : per_usd->items()) {
    const std::string& code = item.key();
    const bool code_ok = code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    double value = 0;
    if (!code_ok) {
      reader.problem(path + ".perUsd." + code, "is not a three-letter currency code");
      ok = false;
    } else if (reader.number(*per_usd, path + ".perUsd", code.c_str(), value, 1e-6, 1e9)) {
      rates.per_usd[code] = value;
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return rates;
}

class ExchangeRatesKind final : public SignalKind {
 public:
  const char* key() const override { return "exchangeRates"; }
  FAKELENS_PACK_LOADING
  void load(const Json& json, const std::string& path, PackLoad& load) override {
    load.tables.rates = load_exchange_rates(json, path, load.reader);
  }
  void image(ImageWriter& io, PackTables& tables) override { io(tables.rates); }
  FAKELENS_PACK_LOADING void image(ImageReader& io, PackTables& tables) override { io(tables.rates); }
  const char* unsafe_for_scoring(const PackTables& tables, const std::set<std::string>&) const override {
    if (!tables.rates) return nullptr;
    for (const auto& [currency, per_usd] : tables.rates->per_usd) {
      if (!(per_usd > 0)) return "an exchange rate is not positive";
    }
    return nullptr;
  }
};

}  // namespace

std::unique_ptr<SignalKind> make_exchange_rates_kind() { return std::make_unique<ExchangeRatesKind>(); }

}  // namespace fakelens::internal
