// The plugin's month-end close steps: notices (400), statements (410) and the
// aging/DSO/CEI snapshot (900), each writing its artefacts under the close's
// output directory.
#pragma once

#include <vector>

#include "arctl/events/statements.hpp"
#include "arctl/plugin.hpp"

namespace arctl::statements {

std::vector<CloseStep> close_steps(const PluginHandle& h);

// The stored snapshot of a period, or null when none was taken.
Json snapshot_of(Tx& tx, const PluginHandle& h, const std::string& period);

}  // namespace arctl::statements
