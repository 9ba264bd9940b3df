// Collection stages: where a customer stands in the escalation from routine
// collection to pre-legal, legal, an external agency or written off.
#pragma once

#include <string>
#include <string_view>

#include "arctl/ledger.hpp"

namespace arctl::collections {

enum class Stage { kNormal, kPreLegal, kLegal, kAgency, kWrittenOff };

struct StageState {
  Stage stage = Stage::kNormal;
  std::string agency;  // for kAgency
  Date since{};        // business date it was set (unset for a customer never staged)
  std::string reason;
};

const char* stage_name(Stage s) noexcept;

// The customer's current stage; normal for a customer never staged.
StageState current_stage(Tx& tx, const PluginHandle& handle, std::string_view customer);

}  // namespace arctl::collections
