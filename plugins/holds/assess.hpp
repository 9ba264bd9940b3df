// A customer's credit position on a business date: exposure, available
// credit, oldest past-due item, guarantee and review state, and the automatic
// hold reasons that the rules give for it. Read-only; shared by `credit
// show`, `credit check`, `hold evaluate` and the live re-evaluation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arctl/collection_policy.hpp"
#include "arctl/ledger.hpp"
#include "arctl/services.hpp"
#include "hold_tables.hpp"
#include "rules.hpp"

namespace arctl::holds {

struct Finding {
  std::string reason;  // a reason code
  std::string detail;
};

struct Position {
  Customer customer;
  Profile profile;
  Money receivable, unapplied, orders;
  Money exposure;                  // receivable + orders (- unapplied with holds.net_unapplied)
  std::optional<Money> limit;      // none: no credit line, never over it
  Money guarantee_in_force;        // the guarantee amount while not expired, else zero
  std::optional<Money> ceiling;    // limit (+ tolerance) + guarantee in force
  std::optional<Money> available;  // ceiling - exposure (may be negative)
  std::int64_t oldest_past_due_days = 0;
  std::string oldest_past_due_item;
  std::string guarantee_status;   // none, valid, expired
  std::string review_status;      // none, scheduled, passed
  std::vector<Finding> findings;  // automatic reasons that apply now
};

struct AssessOptions {
  Date today{};
  const Rules* rules = nullptr;
  DisputeService* disputes = nullptr;  // disputed amounts are not past due
  // A customer in pre-legal or later is held (collection_stage); without the
  // service such holds are neither placed nor released.
  CollectionPolicy* policy = nullptr;
  std::string exclude_order;  // an order not to count (it is being checked)
};

Position assess(Tx& tx, HoldTables& store, const std::string& customer, const AssessOptions& o);

// The exposure ceiling for `limit` under the rules' tolerance, plus `guarantee`.
Money ceiling_of(const Money& limit, const Rules& rules, const Money& guarantee);

}  // namespace arctl::holds
