// The holds plugin's events: credit holds placed and released, credit
// profiles set, and the open orders counted in a customer's exposure.
#pragma once

#include <string>
#include <string_view>

#include "arctl/events/fields.hpp"

namespace arctl::events {

namespace detail {

template <class E>
Json hold_json(const E& e) {
  return Json{{"customer", e.customer},
              {"reason", e.reason},
              {"detail", e.detail},
              {"date", format_date(e.date)}};
}

template <class E>
E hold_event(const Json& j) {
  return {fields::str(j, "customer"), fields::str(j, "reason"), fields::str(j, "detail"),
          fields::date(j, "date")};
}

}  // namespace detail

// A customer was put on credit hold (by a rule or by hand).
struct HoldPlaced {
  static constexpr std::string_view kName = "hold.placed";
  std::string customer;  // the customer
  std::string reason;    // the reason code: over_limit, overdue, manual, ...
  std::string detail;    // why, for people
  Date date{};           // the business day it was placed

  Json to_json() const { return detail::hold_json(*this); }
  static HoldPlaced from_json(const Json& j) { return detail::hold_event<HoldPlaced>(j); }
};

// A credit hold was released.
struct HoldReleased {
  static constexpr std::string_view kName = "hold.released";
  std::string customer;  // the customer
  std::string reason;    // the reason code of the hold released
  std::string detail;    // why, for people
  Date date{};           // the business day it was released

  Json to_json() const { return detail::hold_json(*this); }
  static HoldReleased from_json(const Json& j) { return detail::hold_event<HoldReleased>(j); }
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
