// Credit lines and orders: `credit set` (limit, terms, guarantee, review
// date), `credit show`, `credit order`, and the order-release decision of
// `credit check`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arctl/events/holds.hpp"
#include "arctl/ledger.hpp"
#include "assess.hpp"
#include "holds.hpp"

namespace arctl::holds {

// Each field: nullopt leaves it alone, "none" clears it, else the new value.
struct CreditInput {
  std::string customer;
  std::optional<std::string> limit, terms, guarantee_amount, guarantee_expiry, review_date;
};

struct CreditSetResult {
  std::string customer;
  std::vector<std::string> changed;  // field names
  Json to_json(const Position& p) const;
};

// Applies the changes; journals credit.set (and customer.updated for limit
// or terms) only when something changed. `suppress` is raised while the
// customer record is rewritten so that the live re-evaluation waits for the
// whole change.
CreditSetResult set_credit(Tx& tx, HoldTables& store, const CreditInput& in, bool& suppress);

// Adds, changes or (amount nullopt) removes an open order. Returns the action:
// added, changed, removed or unchanged.
std::string set_order(Tx& tx, HoldTables& store, const std::string& customer, const std::string& id,
                      const std::optional<std::string>& amount, Date today);

// `credit show`: the position and the holds, one record.
Json show_json(Tx& tx, HoldTables& store, const Position& p);

struct Decision {
  std::string customer;
  std::string order_id;
  Money amount;
  bool release = false;
  std::vector<Finding> reasons;  // why it is blocked
  Money exposure;                // before this order
  std::optional<Money> limit, available;
  Json to_json() const;
};

// What an order-release decision needs about a customer, computed once and
// reused for every order of that customer in a batch.
struct CheckBase {
  Position position;
  std::vector<Finding> holds;  // stored holds, then automatic reasons the rules find today
};
CheckBase check_base(Tx& tx, HoldTables& store, const std::string& customer,
                     const AssessOptions& o);

// The order-release decision: blocked when the customer is on hold (stored
// holds, or automatic reasons the rules find today), or when exposure (plus
// `extra`, orders released earlier in a cumulative batch) plus the order
// would exceed the ceiling. Read-only.
Decision decide(const CheckBase& base, const std::string& amount, const std::string& order_id,
                const Money* extra = nullptr);

}  // namespace arctl::holds
