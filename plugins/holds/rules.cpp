// Parsing of the holds.* configuration keys.
#include "rules.hpp"

#include <charconv>

#include "arctl/error.hpp"

namespace arctl::holds {
namespace {

[[noreturn]] void bad(std::string_view key, std::string_view value, std::string_view want) {
  fail(ErrorKind::kConflict,
       "config " + std::string(key) + ": '" + std::string(value) + "' is not " + std::string(want));
}

bool parse_switch(std::string_view key, std::string_view v) {
  if (v == "on" || v == "true") return true;
  if (v == "off" || v == "false") return false;
  bad(key, v, "on, off, true or false");
}

int parse_days(std::string_view key, std::string_view v) {
  int n = -1;
  const auto* end = v.data() + v.size();
  auto [p, ec] = std::from_chars(v.data(), end, n);
  if (v.empty() || ec != std::errc() || p != end || n < 0 || n > 3650)
    bad(key, v, "a whole number of days from 0 to 3650");
  return n;
}

Decimal parse_pct(std::string_view key, std::string_view v) {
  Decimal d;
  try {
    d = Decimal::parse_percent(v);
  } catch (const Error&) {
    bad(key, v, "a percentage such as 10 or 12.5%");
  }
  if (d.micros < 0 || d.micros > 10 * Decimal::kScale) bad(key, v, "a percentage from 0 to 1000");
  return d;
}

void check_amount(std::string_view key, std::string_view v) {
  try {
    // Any currency with the largest exponent accepts every valid amount text.
    const auto m = Money::parse(v, Currency::parse("KWD"));
    if (m.is_negative()) bad(key, v, "an amount of zero or more");
  } catch (const Error&) {
    bad(key, v, "an amount such as 25.00");
  }
}

}  // namespace

const std::vector<std::string_view>& reason_codes() {
  static const std::vector<std::string_view> codes = {
      kOverLimit,        kPastDue,      kReturnedPayment, kBrokenPromise,
      kGuaranteeExpired, kReviewPassed, kCollectionStage, kManual};
  return codes;
}

bool is_reason(std::string_view code) {
  for (auto c : reason_codes())
    if (c == code) return true;
  return false;
}

void require_reason(std::string_view code) {
  if (is_reason(code)) return;
  std::string all;
  for (auto c : reason_codes())
    all += (all.empty() ? "" : ", ") + std::string(c);
  fail_usage("unknown hold reason '" + std::string(code) + "' (one of: " + all + ")");
}

const std::vector<RuleKey>& rule_keys() {
  static const std::vector<RuleKey> keys = {
      {"holds.rule.over_limit", "on", "hold when exposure exceeds the credit limit"},
      {"holds.over_limit_pct", "0", "tolerance over the limit, in percent"},
      {"holds.rule.past_due", "off", "hold when an item is more than past_due_days past due"},
      {"holds.past_due_days", "60", "days past due that trigger the past_due rule"},
      {"holds.past_due_min_amount", "0", "ignore past-due items open for this much or less"},
      {"holds.rule.returned_payment", "on", "hold after a returned payment"},
      {"holds.returned_payment_days", "90", "how long a returned payment keeps the hold"},
      {"holds.rule.broken_promise", "on", "hold after a broken promise to pay"},
      {"holds.broken_promise_days", "30", "how long a broken promise keeps the hold"},
      {"holds.rule.guarantee_expired", "off", "hold when the guarantee has expired"},
      {"holds.rule.review_passed", "off", "hold when the credit review date has passed"},
      {"holds.block_invoicing", "false", "refuse invoices to a customer on hold (exit 10)"},
      {"holds.net_unapplied", "false", "unapplied cash reduces exposure"},
  };
  return keys;
}

namespace {

// A key that sets one field of Rules.
template <typename T>
struct KeyField {
  std::string_view key;
  T Rules::*field;
};

constexpr KeyField<bool> kSwitchKeys[] = {
    {"holds.rule.over_limit", &Rules::over_limit},
    {"holds.rule.past_due", &Rules::past_due},
    {"holds.rule.returned_payment", &Rules::returned_payment},
    {"holds.rule.broken_promise", &Rules::broken_promise},
    {"holds.rule.guarantee_expired", &Rules::guarantee_expired},
    {"holds.rule.review_passed", &Rules::review_passed},
    {"holds.block_invoicing", &Rules::block_invoicing},
    {"holds.net_unapplied", &Rules::net_unapplied},
};

constexpr KeyField<int> kDaysKeys[] = {
    {"holds.past_due_days", &Rules::past_due_days},
    {"holds.returned_payment_days", &Rules::returned_payment_days},
    {"holds.broken_promise_days", &Rules::broken_promise_days},
};

// Sets the field of `r` that `key` names in `keys` from `parse(key, v)`;
// false when `keys` has no such key.
template <typename T, std::size_t N, typename Parse>
bool set_field(Rules& r, const KeyField<T> (&keys)[N], std::string_view key, std::string_view v,
               Parse parse) {
  for (const auto& k : keys)
    if (key == k.key) {
      r.*k.field = parse(key, v);
      return true;
    }
  return false;
}

}  // namespace

void Rules::set(std::string_view key, std::string_view v) {
  if (set_field(*this, kSwitchKeys, key, v, parse_switch) ||
      set_field(*this, kDaysKeys, key, v, parse_days))
    return;
  if (key == "holds.over_limit_pct") {
    over_limit_pct = parse_pct(key, v);
  } else if (key == "holds.past_due_min_amount") {
    check_amount(key, v);
    past_due_min_amount = std::string(v);
  } else {
    std::string all;
    for (const auto& k : rule_keys())
      all += (all.empty() ? "" : ", ") + std::string(k.key);
    fail(ErrorKind::kConflict,
         "unknown config key '" + std::string(key) + "' (holds keys: " + all + ")");
  }
}

void Rules::validate(std::string_view key, std::string_view value) {
  Rules r;
  r.set(key, value);
}

Rules Rules::load(Tx& tx) {
  Rules r;
  for (const auto& [k, v] : tx.config_list("holds.")) {
    // Keys set before this plugin knew them are ignored here; `config set` refuses new ones.
    bool known = false;
    for (const auto& rk : rule_keys())
      known = known || rk.key == k;
    if (known) r.set(k, v);
  }
  return r;
}

}  // namespace arctl::holds
