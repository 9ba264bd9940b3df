// `payment auto`: the matching engine. For each unapplied receipt, rules are
// tried in order, and each application records its rule:
//   1 reference    invoice ids found in the receipt's reference text, in order
//                  (a suspense receipt naming an invoice is assigned to its customer)
//   2 exact        one open item whose balance equals the receipt; or whose
//                  discounted amount does inside the discount window (the
//                  discount is booked); or within the write-off tolerance below it
//   3 combination  2 to 4 open items among the customer's 40 oldest summing
//                  exactly to the receipt (the oldest such set)
//   4 oldest       oldest first, only if config payments.oldest_first is true
// A referenced item left short by less than config payments.write_off_tolerance
// is written off with its own document; a larger shortfall stays open and
// publishes payment.short. What a receipt pays beyond its items stays on
// account as unapplied credit.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "payments.hpp"

namespace arctl::payments {

inline constexpr std::size_t kCombinationWindow = 40;
inline constexpr std::size_t kCombinationMaxItems = 4;

struct RuleTally {
  std::uint64_t receipts = 0;
  std::uint64_t applications = 0;
  std::map<std::string, Money> amount;  // by currency
};

struct AutoResult {
  std::uint64_t receipts_seen = 0;
  std::uint64_t released_postdated = 0;
  std::map<std::string, RuleTally> by_rule;  // reference, exact, discount, combination, oldest
  std::uint64_t write_offs = 0;
  std::uint64_t shorts = 0;
  std::uint64_t unapplied_receipts = 0;
  std::map<std::string, Money> unapplied;  // by currency
  Json to_json() const;
};

struct AutoOptions {
  std::optional<std::string> customer;
  Date today{};
};

AutoResult run_auto(Tx& tx, Payments& payments, const AutoOptions& options);

}  // namespace arctl::payments
