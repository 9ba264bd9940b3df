// The holds plugin's events: credit holds placed and released, credit
// profiles set, and the open orders counted in a customer's exposure.
#pragma once

#include <string>
#include <string_view>

#include "arctl/events/payload.hpp"

namespace arctl::events {

namespace detail {

// hold.placed and hold.released.
template <class E>
auto hold_fields() {
  using namespace payload;
  return list<E>(field("customer", &E::customer), field("reason", &E::reason),
                 field("detail", &E::detail), field("date", &E::date));
}

}  // namespace detail

// A customer was put on credit hold (by a rule or by hand).
struct HoldPlaced {
  static constexpr std::string_view kName = "hold.placed";
  std::string customer;  // the customer
  std::string reason;    // the reason code: over_limit, overdue, manual, ...
  std::string detail;    // why, for people
  Date date{};           // the business day it was placed

  ARCTL_EVENT_FIELDS(HoldPlaced, detail::hold_fields<E>())
};

// A credit hold was released.
struct HoldReleased {
  static constexpr std::string_view kName = "hold.released";
  std::string customer;  // the customer
  std::string reason;    // the reason code of the hold released
  std::string detail;    // why, for people
  Date date{};           // the business day it was released

  ARCTL_EVENT_FIELDS(HoldReleased, detail::hold_fields<E>())
};

// A customer's credit profile was set (credit set). Not typed yet; fields:
// customer, limit, terms, guarantee_amount, guarantee_expiry, review_date
// (null when none) and changed (the names of what changed).
struct CreditSet : JsonPayload<CreditSet> {
  static constexpr std::string_view kName = "credit.set";
};

// An open order was added, changed, removed or invoiced. Not typed yet;
// fields: customer, order_id, amount, previous_amount (changed), remaining
// and invoice (invoiced), currency, action.
struct CreditOrder : JsonPayload<CreditOrder> {
  static constexpr std::string_view kName = "credit.order";
};

}  // namespace arctl::events
