// Collection strategies: a named ladder of steps by days past due (a call at
// 5 days, a letter at 15, pre-legal at 45), assigned per customer or segment.
// Config: collections.strategy.NAME = "ACTION@DAYS,...", e.g.
// "call@5,call@15,manager@30"; the built-in `standard` applies to customers
// with no strategy set.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/config_keys.hpp"
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

// ---- configuration and assignment

inline constexpr std::string_view kStandard = "standard";
inline constexpr std::string_view kStandardSteps = "email@1,call@15,pre-legal@45";
inline constexpr std::string_view kStrategyAttr = "strategy";  // the customer attribute

// The strategy of a customer and where it comes from: "customer" (its
// attribute `strategy`), "segment" (collections.segment.<value>), "default"
// (collections.strategy.default) or "built-in" (standard, nothing set).
struct Assigned {
  Strategy strategy;
  std::string from;
  bool set() const { return from != "built-in"; }
};
// Errors: kConflict naming the attribute or key when the strategy it names
// is not defined or its steps are malformed.
Assigned assigned_strategy(Tx& tx, const Customer& c);

// The strategy `name` from config (or the built-in standard); nullopt when
// undefined. Errors: kConflict when its steps are malformed.
std::optional<Strategy> find_strategy(Tx& tx, std::string_view name);
// Every strategy, by name: the configured ones and the built-in standard.
std::vector<Strategy> all_strategies(Tx& tx);

// "ACTION@DAYS,..." -> steps; Error(kUsage) naming `key` when malformed:
// an unknown action, days not a whole number from 1, or not ascending.
std::vector<Step> parse_steps(std::string_view key, std::string_view text);
std::string format_steps(const std::vector<Step>& steps);

// Checks a collections.* key as `config set` stores it (Error(kUsage)).
void validate_strategy_config(Tx& tx, std::string_view key, std::string_view value);
std::vector<ConfigKey> strategy_config_keys();

}  // namespace arctl::collections
