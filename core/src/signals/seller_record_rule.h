// Internal: the seller-record rule ("sellerRecordRule"): the shopper's own record of the
// seller (Listing seller.history) as seller evidence, whose weight follows the credit the
// core computes (fakelens/seller_record.h), capped so that the record alone never makes a
// listing `high`.
#ifndef FAKELENS_SRC_SIGNALS_SELLER_RECORD_RULE_H_
#define FAKELENS_SRC_SIGNALS_SELLER_RECORD_RULE_H_

#include "signals/rule_reader.h"

namespace fakelens::internal {

struct SellerRecordRule {
  RuleText text;            // message: {history}, {credit}
  double max_weight = 0.6;
  int max_credit = 90;      // evidence only when the credit is at or below this
};

}  // namespace fakelens::internal

#endif  // FAKELENS_SRC_SIGNALS_SELLER_RECORD_RULE_H_
