// Internal: the pack's dated exchange rates ("exchangeRates"), a kind without rules of its
// own: price floors, spec rules and listing rules ("price.usd") compare prices in US dollars.
#ifndef FAKELENS_SRC_SIGNALS_EXCHANGE_RATES_H_
#define FAKELENS_SRC_SIGNALS_EXCHANGE_RATES_H_

#include <map>
#include <optional>
#include <string>

#include "fakelens/listing.h"

namespace fakelens::internal {

struct ExchangeRates {
  std::string as_of;                     // the date the rates were taken
  std::map<std::string, double> per_usd; // units of the currency for one US dollar
  std::optional<double> to_usd(const Money& money) const;
  std::optional<double> from_usd(double usd, const std::string& currency) const;
};

template <class IO> void fields(IO& io, ExchangeRates& r) { io(r.as_of); io(r.per_usd); }

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_SIGNALS_EXCHANGE_RATES_H_
