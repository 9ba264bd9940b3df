// Collection stages: where a customer stands in the escalation from routine
// collection to pre-legal, legal, an external agency or written off. Each
// change is journaled (collection.stage_changed) and kept in the customer's
// stage history (table stage_history: customer, journal sequence).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/ledger.hpp"

namespace arctl::collections {

enum class Stage { kNormal, kPreLegal, kLegal, kAgency, kWrittenOff };

struct StageState {
  Stage stage = Stage::kNormal;
  std::string agency;  // for kAgency
  Date since{};        // business date it was set (unset for a customer never staged)
  std::string reason;
  std::uint64_t change = 0;  // the journal sequence of the change (0: never staged)
};

const char* stage_name(Stage s) noexcept;
// The stage spelt `name` (normal, pre-legal, legal, agency, written-off).
std::optional<Stage> parse_stage(std::string_view name);

// The customer's current stage; normal for a customer never staged.
StageState current_stage(Tx& tx, const PluginHandle& handle, std::string_view customer);

// One change of stage, as kept in the history.
struct StageChange {
  std::string customer;
  std::uint64_t seq = 0;  // its journal sequence
  Stage from = Stage::kNormal, to = Stage::kNormal;
  std::string agency, reason, actor;
  Date date{};
  Money open;  // the customer's open receivable at the change: the amount placed
  std::int64_t time_micros = 0;
};

// The customer's changes, oldest first. Cost: one range scan of its keys.
std::vector<StageChange> stage_history(Tx& tx, const PluginHandle& handle,
                                       std::string_view customer);
// Every change of every customer, by customer then sequence. Cost: a full
// scan of the history table.
void for_each_stage_change(Tx& tx, const PluginHandle& handle,
                           const std::function<void(const StageChange&)>& fn);

struct StageResult {
  bool changed = false;  // false: already in that stage (with that agency)
  StageChange change;    // the change made, or the one that set the current stage
};
// Moves the customer to `to` as of `today`, journaled, unless it is already
// there. Errors: kUsage without a reason, for agency without an agency (or
// an agency for another stage); kNotFound for an unknown customer.
StageResult set_stage(Tx& tx, const PluginHandle& handle, const std::string& customer, Stage to,
                      const std::string& agency, const std::string& reason, Date today);

// `customer show`'s "collection": stage, since, agency, reason, strategy and
// the stage history.
Json collection_details(Tx& tx, const PluginHandle& handle, const Customer& c);

}  // namespace arctl::collections
