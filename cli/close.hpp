// The month-end close: every plugin's steps in their declared order, each in
// its own journaled transaction and recorded as done so that an interrupted
// close continues where it stopped; blocking checks; then the period lock.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "arctl/context.hpp"
#include "hooks.hpp"

namespace arctl::cli {

struct CloseOptions {
  Period period;
  std::filesystem::path out;  // DIR; artefacts go to DIR/YYYY-MM/
  std::vector<std::string> only, skip;
};

struct CloseOutcome {
  Json report;  // what close-report.json holds
  bool already_closed = false;
  bool locked = false;
  std::vector<std::string> blocking;  // what must be fixed before the lock
};

CloseOutcome run_close(Context& ctx, const Hooks& hooks, const CloseOptions& options);

// Per-period close records, for `close status` and `close history`.
Json close_status(Context& ctx, const std::optional<Period>& period);

// The human close-report.txt for a report.
std::string close_report_text(const Json& report);

}  // namespace arctl::cli
