// Collection strategies (see strategies.hpp).
#include "strategies.hpp"

namespace arctl::collections {

Strategy strategy_for(Tx& tx, const Customer& c) {
  (void)tx;
  (void)c;
  return {"default", {{1, "email"}, {15, "call"}, {45, "pre-legal"}}};
}

std::optional<Step> step_due(const Strategy& s, int days_past_due) {
  std::optional<Step> due;
  for (const auto& step : s.steps)
    if (step.days <= days_past_due) due = step;
  return due;
}

}  // namespace arctl::collections
