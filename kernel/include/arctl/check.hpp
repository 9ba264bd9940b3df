// `arctl check`: recomputes every balance from documents and applications,
// verifies every index entry both ways, and walks the journal's hash chain.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "arctl/api.hpp"
#include "arctl/ledger.hpp"

namespace arctl {

struct ARCTL_API CheckFinding {
  std::string area;    // "journal", "document", "index", "balance", "application"
  std::string record;  // the first bad record: "seq 17", "document INV-1", ...
  std::string message;
};

struct ARCTL_API CheckReport {
  std::uint64_t journal_events = 0;
  std::uint64_t documents = 0;
  std::uint64_t applications = 0;
  std::uint64_t customers = 0;
  std::string journal_head;            // hex hash of the last event
  std::vector<CheckFinding> findings;  // capped at `limit`
  std::size_t limit = 50;
  bool ok() const noexcept { return findings.empty(); }
  // Records a finding unless `limit` are already held; false when full.
  bool add(std::string area, std::string record, std::string message);
};

// Reads everything in one snapshot. Stops collecting after `limit` findings.
ARCTL_API CheckReport check_ledger(Tx& tx, std::size_t limit = 50);

class PluginHost;
// check_ledger, then each loaded plugin's own check (Plugin::check) in load
// order; a plugin whose check throws is itself a finding naming it.
// Cost: one full read of the ledger plus each plugin's scans.
ARCTL_API CheckReport check_ledger_and_plugins(Tx& tx, PluginHost* plugins, std::size_t limit = 50);

}  // namespace arctl
