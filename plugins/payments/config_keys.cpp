// The payments plugin's configuration keys: cash application's rules.
#include "config_keys.hpp"

namespace arctl::payments {

std::vector<ConfigKey> config_keys() {
  return {
      {"payment.series", "RCPT-{YYYY}-{SEQ:06}", "numbering of receipts recorded without --id"},
      {"payment_return.series", "RET-{YYYY}-{SEQ:06}", "numbering of returned payments"},
      {"refund.series", "REF-{YYYY}-{SEQ:06}", "numbering of refunds"},
      {"discount.series", "DSC-{YYYY}-{SEQ:06}", "numbering of early-payment discounts taken"},
      {"write_off.series", "WO-{YYYY}-{SEQ:06}",
       "numbering of small differences written off by cash application"},
      {"payments.duplicate_days", "7",
       "a receipt with the customer, amount and reference of one received this many days before "
       "is refused as a duplicate"},
      {"payments.bank_match_days", "3",
       "a bank line confirms a recorded receipt of the same amount booked this many days around "
       "it"},
      {"payments.discount_grace_days", "0",
       "days after the discount date on which a discounted payment still takes the discount"},
      {"payments.oldest_first", "false",
       "true: an amount matching several open items pays the oldest instead of going to review"},
      {"payments.write_off_tolerance", "0",
       "a shortfall up to this amount is written off instead of left open"},
      {"payments.deduction_keywords",
       "short,shortage,damaged,damage,pricing,price,freight,returned,deduction,promo,promotion",
       "words in the remittance that make a shortfall a deduction (a dispute case)"},
      {"payments.deduction_max_pct", "10",
       "a shortfall up to this percent of the open amount is a deduction; more is a partial "
       "payment"},
      {"payments.deduction_max_amount", "",
       "a shortfall above this amount is never a deduction (no cap when unset)"},
  };
}

}  // namespace arctl::payments
