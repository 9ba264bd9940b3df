// The close's own checks before the period lock. Each is configured as
// `close.check.NAME = block|warn|off`:
//   ledger     `arctl check` findings                        (default block)
//   suspense   receipts with no customer dated in or before the period (warn)
//   unapplied  unapplied cash older than close.unapplied_days (30) at period end (warn)
#pragma once

#include <string>
#include <vector>

#include "arctl/ledger.hpp"
#include "arctl/output.hpp"

namespace arctl {

class PluginHost;

struct CheckOutcome {
  std::string name;
  std::string level;                // block, warn or off
  std::vector<std::string> issues;  // empty: passed
};

// `plugins` (may be null): their own checks join the ledger check.
std::vector<CheckOutcome> run_close_checks(Tx& tx, Date period_end, PluginHost* plugins);
Json check_json(const CheckOutcome& c);

}  // namespace arctl
