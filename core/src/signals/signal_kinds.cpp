// The list of signal kinds: the one place a kind is registered.
//
// The order is the load order, and a kind may use what the kinds above it loaded: text
// rules expand {brand} from the brands; price floors and spec rules need the exchange
// rates. The pack image holds the kinds' parts in this order and names the kinds, so a
// build with another list refuses an older image by itself (no format bump for a kind).
//
// To add a kind: write signals/<kind>.{h,cpp} defining
//   std::unique_ptr<SignalKind> make_<kind>_kind();
// (see signal_kind.h, and kind_shapes.h for the two usual shapes), then add its line below.
// Its sources are picked up by the core's CMake glob; its pack key, summary entry, image
// part and evaluation follow from the kind itself.
#include <memory>
#include <vector>

#include "signals/signal_kind.h"

#define FAKELENS_SIGNAL_KINDS(KIND) \
  KIND(brands)                      \
  KIND(text_rules)                  \
  KIND(list_price_discounts)        \
  KIND(brand_disguise)              \
  KIND(exchange_rates)              \
  KIND(price_floors)                \
  KIND(spec_plausibility)           \
  KIND(shouting_style)              \
  KIND(text_discounts)              \
  KIND(listing_conditions)          \
  KIND(combinations)                \
  KIND(seller_record)               \
  KIND(peer_prices)                 \
  /* a new kind: one line above this one */

namespace fakelens::internal {

#define FAKELENS_DECLARE_KIND(name) std::unique_ptr<SignalKind> make_##name##_kind();
FAKELENS_SIGNAL_KINDS(FAKELENS_DECLARE_KIND)
#undef FAKELENS_DECLARE_KIND

std::vector<std::unique_ptr<SignalKind>> make_signal_kinds() {
  std::vector<std::unique_ptr<SignalKind>> kinds;
#define FAKELENS_MAKE_KIND(name) kinds.push_back(make_##name##_kind());
  FAKELENS_SIGNAL_KINDS(FAKELENS_MAKE_KIND)
#undef FAKELENS_MAKE_KIND
  return kinds;
}

}  // namespace fakelens::internal
