// Collection strategies: a named ladder of steps by days past due (a call at
// 5 days, a letter at 15, pre-legal at 45), assigned per customer or segment.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arctl/ledger.hpp"
#include "arctl/model.hpp"

namespace arctl::collections {

struct Step {
  int days = 0;        // days past due from which the step applies
  std::string action;  // call, email, letter, manager, pre-legal, legal, agency
};

struct Strategy {
  std::string name;
  std::vector<Step> steps;  // by days, ascending
};

// The customer's strategy: its own, else its segment's, else the default.
Strategy strategy_for(Tx& tx, const Customer& c);

// The step in force at `days_past_due`: the last whose days are not above
// it; nullopt before the first step.
std::optional<Step> step_due(const Strategy& s, int days_past_due);

}  // namespace arctl::collections
