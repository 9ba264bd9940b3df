// What a shortfall on a named invoice is: a deduction the customer took (it
// publishes payment.short, and the disputes plugin opens a case) or a
// partial payment whose rest stays open and collectible (payment.partial).
// A shortfall is a deduction when the remittance gives a reason (a keyword
// of payments.deduction_keywords as a whole word, or a `short_reason` from
// the bank line or `payment record --reason`), or when it is no more than
// payments.deduction_max_pct of what was open on the item (default 10) and
// no more than payments.deduction_max_amount (default: no cap).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arctl/ledger.hpp"

namespace arctl::payments {

inline constexpr const char* kDefaultDeductionKeywords =
    "short,shortage,damaged,damage,pricing,price,freight,returned,deduction,promo,promotion";

struct ShortfallVerdict {
  bool deduction = false;
  std::string reason;  // the keyword or the bank's reason; "small shortfall" otherwise
  std::string why;     // one sentence for the journal
};

class ShortfallPolicy {
 public:
  // Reads the configuration; Error(kConflict) naming a key whose value is bad.
  static ShortfallPolicy load(Tx& tx);

  // `open` is what the receipt left open on the item, `before` what was open
  // on it before the receipt.
  ShortfallVerdict judge(const Document& receipt, const Money& open, const Money& before) const;

 private:
  std::int64_t max_pct_micros_ = 100000;  // 10%
  std::optional<std::string> max_amount_;
  std::vector<std::string> keywords_;  // lower case
};

// Checks a payments.* configuration value (the config.set subscriber);
// Error(kConflict) naming the key.
void validate_payments_config(const std::string& key, const std::string& value);

}  // namespace arctl::payments
