// `payment auto`: the matching engine. For each unapplied receipt dated on or
// before the business date, rules are tried in order, and each application
// records its rule:
//   1 reference    document ids named in the receipt's reference text, in
//                  the order named (see references.hpp for how ids are
//                  recognised); a suspense receipt naming one customer's
//                  items is assigned to that customer first. Paid net of an
//                  early-payment discount still available on every named
//                  item, the discounts are booked. A parent's receipt may
//                  name its descendants' items (group accounts); rules 2-4
//                  look at the receipt's own customer only.
//   2 exact        one open item whose balance equals the receipt; or whose
//                  balance less its discount does inside the discount
//                  window (the discount is booked); or within the write-off
//                  tolerance below it
//   3 combination  2 to 4 open items among the customer's 40 oldest summing
//                  exactly to the receipt
//   4 oldest       oldest first, only if config payments.oldest_first is true
// Ambiguity is never resolved silently: a reference naming more than one open
// item, two items that match the amount, or two sets that sum to it leave the
// receipt unapplied in the review queue (review.hpp) with its candidates,
// unless payments.oldest_first is true (then the oldest wins and the
// application's reason says so).
// A referenced item left short is written off within
// payments.write_off_tolerance, becomes a deduction (payment.short, which
// opens a dispute) when the remittance gives a reason or the shortfall is
// small (payments.deduction_max_pct, payments.deduction_max_amount), and is
// otherwise a partial payment whose remainder stays collectible
// (payment.partial). What a receipt pays beyond its items stays on account.
// Each receipt is its own unit: one that cannot be applied (a possible
// duplicate, say) is queued for review before anything is written for it,
// and the others are still applied. Cash received in a locked period is
// applied on its posting date (Tx::posting_date), never parked for that.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "combination.hpp"
#include "payments.hpp"

namespace arctl::payments {

struct RuleTally {
  std::uint64_t receipts = 0;
  std::uint64_t applications = 0;
  std::map<std::string, Money> amount;  // by currency
};

struct AutoResult {
  std::uint64_t receipts_seen = 0;
  std::uint64_t released_postdated = 0;
  std::map<std::string, RuleTally> by_rule;  // reference, exact, discount, combination, oldest
  std::uint64_t discounts = 0;               // discount documents booked
  std::uint64_t write_offs = 0;
  std::uint64_t shorts = 0;    // deductions: payment.short published
  std::uint64_t partials = 0;  // partial payments: payment.partial published
  std::uint64_t unapplied_receipts = 0;
  std::map<std::string, Money> unapplied;           // by currency
  std::map<std::string, std::uint64_t> for_review;  // receipts by review reason
  Json to_json() const;
};

struct AutoOptions {
  std::optional<std::string> customer;
  Date today{};
};

AutoResult run_auto(Tx& tx, Payments& payments, const AutoOptions& options);

}  // namespace arctl::payments
