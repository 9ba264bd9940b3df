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
      kGuaranteeExpired, kReviewPassed, kManual};
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

void Rules::set(std::string_view key, std::string_view v) {
  if (key == "holds.rule.over_limit")
    over_limit = parse_switch(key, v);
  else if (key == "holds.over_limit_pct")
    over_limit_pct = parse_pct(key, v);
  else if (key == "holds.rule.past_due")
    past_due = parse_switch(key, v);
  else if (key == "holds.past_due_days")
    past_due_days = parse_days(key, v);
  else if (key == "holds.past_due_min_amount") {
    check_amount(key, v);
    past_due_min_amount = std::string(v);
  } else if (key == "holds.rule.returned_payment")
    returned_payment = parse_switch(key, v);
  else if (key == "holds.returned_payment_days")
    returned_payment_days = parse_days(key, v);
  else if (key == "holds.rule.broken_promise")
    broken_promise = parse_switch(key, v);
  else if (key == "holds.broken_promise_days")
    broken_promise_days = parse_days(key, v);
  else if (key == "holds.rule.guarantee_expired")
    guarantee_expired = parse_switch(key, v);
  else if (key == "holds.rule.review_passed")
    review_passed = parse_switch(key, v);
  else if (key == "holds.block_invoicing")
    block_invoicing = parse_switch(key, v);
  else if (key == "holds.net_unapplied")
    net_unapplied = parse_switch(key, v);
  else {
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
