// The month-end close as a kernel API: every plugin's steps in their declared
// order, each in its own journaled transaction and recorded as done so that
// an interrupted close continues where it stopped; blocking checks; then the
// period lock. The CLI parses `arctl close`, calls these and prints.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "arctl/api.hpp"
#include "arctl/context.hpp"
#include "arctl/plugin.hpp"

namespace arctl {

struct ARCTL_API CloseOptions {
  Period period;
  std::filesystem::path out;  // DIR; artefacts go to DIR/YYYY-MM/
  std::vector<std::string> only, skip;
};

struct ARCTL_API CloseOutcome {
  Json report;  // what close-report.json holds
  bool already_closed = false;
  bool locked = false;
  std::vector<std::string> blocking;  // what must be fixed before the lock
};

// Runs hook `name` ("pre-close", "pre-<step>", "post-close") with `payload`;
// returns its exit code, 0 when there is none.
using CloseHook = std::function<int(const std::string& name, const Json& payload)>;

// Runs the close of `options.period` as of ctx.today(): the steps (each one
// transaction, its files put in place once it commits), the checks, then the
// lock unless something blocks it or --only/--skip close.lock says not to.
// Writes close-report.json and close-report.txt into DIR/YYYY-MM/ except
// under a dry run, which writes no file.
// Cost: each step's own work plus one full check_ledger.
// Errors: kConflict when the business date is before the month's end or the
// pre-close hook fails; kError when a pre-<step> hook fails (the steps before
// it stay committed), for the step order (order_close_steps) or I/O.
ARCTL_API CloseOutcome run_close(Context& ctx, const CloseHook& hook, const CloseOptions& options);

// Per-period close records, for `close status`: one row per period (or only
// `period`), with status closed, reopened or in progress. Cost: one scan.
ARCTL_API Json close_status(Context& ctx, const std::optional<Period>& period);

// Every close.completed and period.reopened event, for `close history`.
// Cost: one scan of the journal.
ARCTL_API Json close_history(Context& ctx);

// The human close-report.txt for a report.
ARCTL_API std::string close_report_text(const Json& report);

// Orders `steps` so that each comes after every step in its `after`: among
// those ready, by name. A dependency on a step of a plugin not in `loaded`
// (the name before the first '.') is ignored.
// Cost: O(steps^2), a handful of steps.
// Errors: kError naming the step for two steps of one name, an unknown step
// of a loaded plugin, or a cycle (naming the steps in it).
ARCTL_API std::vector<CloseStep> order_close_steps(std::vector<CloseStep> steps,
                                                   const std::set<std::string>& loaded);

}  // namespace arctl
