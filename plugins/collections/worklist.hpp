// The worklist: whom a collector contacts today, and why. One entry per
// customer group (a customer with its children, under the top-most parent),
// scored (score.hpp), with the reasons, the strategy's suggested action and
// the contact to reach.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arctl/followup.hpp"
#include "arctl/ledger.hpp"
#include "arctl/open_orders.hpp"
#include "arctl/services.hpp"
#include "contacts.hpp"
#include "score.hpp"

namespace arctl::collections {

// The other plugins' services the worklist reads; each may be missing (its
// plugin not loaded), and its terms are then zero.
struct WorklistServices {
  FollowUpService* followup = nullptr;
  DisputeService* disputes = nullptr;
  HoldService* holds = nullptr;
  OpenOrderService* orders = nullptr;
};

struct Entry {
  Customer customer;                 // the group's top-most parent (or the customer alone)
  std::vector<std::string> members;  // the children it covers, by id
  ScoreInputs inputs;
  Score score;
  std::vector<std::string> reasons;  // "code words", in the order of the terms
  bool listed = true;                // false: nothing past due and nothing due
  bool scheduled = false;            // a next action later, and nothing new since the contact
  std::string action;                // call, email, letter, escalate
  std::string step;                  // the strategy's step (or the stage) behind it
  std::optional<Contact> contact;
};

// Every group's entry on `as_of` (listed or not), in priority order: score
// descending, then past-due amount descending, then customer id.
// Cost: one scan of the customers and of their open items, one hold status
// per customer, and the follow-up and dispute services' scans.
std::vector<Entry> build_worklist(Tx& tx, const PluginHandle& handle, const WorklistServices& s,
                                  Date as_of);

// The collector of an entry: its top-most parent's `collector` attribute.
std::string collector_of(const Customer& c);

}  // namespace arctl::collections
