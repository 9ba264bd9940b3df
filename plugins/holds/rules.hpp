// Hold rules as configuration (`config holds.*`): which automatic holds are
// on, their thresholds, and strict parsing so a typo is an error, not a
// silently disabled rule.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/ledger.hpp"
#include "arctl/money.hpp"

namespace arctl::holds {

// Hold reason codes, stable in JSON and in the store.
inline constexpr std::string_view kOverLimit = "over_limit";
inline constexpr std::string_view kPastDue = "past_due";
inline constexpr std::string_view kReturnedPayment = "returned_payment";
inline constexpr std::string_view kBrokenPromise = "broken_promise";
inline constexpr std::string_view kGuaranteeExpired = "guarantee_expired";
inline constexpr std::string_view kReviewPassed = "review_passed";
inline constexpr std::string_view kManual = "manual";
// Not a rule: the customer's collection stage is pre-legal or later (the
// collections plugin's collection_policy service).
inline constexpr std::string_view kCollectionStage = "collection_stage";

// Every reason code, automatic ones first in the order rules are evaluated.
const std::vector<std::string_view>& reason_codes();
bool is_reason(std::string_view code);
// Throws Error(kUsage) listing the codes.
void require_reason(std::string_view code);

struct Rules {
  bool over_limit = true;
  Decimal over_limit_pct{0};  // tolerance as a fraction: 0.10 for 10%
  bool past_due = false;
  int past_due_days = 60;
  std::string past_due_min_amount = "0";  // decimal text; items open at or below it are ignored
  bool returned_payment = true;
  int returned_payment_days = 90;
  bool broken_promise = true;
  int broken_promise_days = 30;
  bool guarantee_expired = false;
  bool review_passed = false;
  bool block_invoicing = false;
  bool net_unapplied = false;  // unapplied cash reduces exposure

  // Reads every holds.* key; a bad value is Error(kConflict) naming the key.
  static Rules load(Tx& tx);
  // Validates one key/value as `config set` would store it. Unknown holds.*
  // keys are refused so that a misspelt rule is not silently ignored.
  static void validate(std::string_view key, std::string_view value);
  // Sets the field for `key` from `value` (already validated or throws).
  void set(std::string_view key, std::string_view value);
};

// The documentation of each key, its default and meaning, for `hold rules`.
struct RuleKey {
  std::string_view key;
  std::string_view fallback;
  std::string_view meaning;
};
const std::vector<RuleKey>& rule_keys();

}  // namespace arctl::holds
