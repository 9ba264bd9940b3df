// The `arctl credit ...` and `arctl hold ...` command groups.
#pragma once

#include <set>

#include "arctl/context.hpp"
#include "holds.hpp"

namespace CLI {
class App;
}

namespace arctl::holds {

// What the commands and the event handlers share for the life of the process.
struct State {
  explicit State(const PluginHandle& handle) : holds(handle) {}
  Holds holds;
  Context* ctx = nullptr;      // set by register_commands
  bool suppress_live = false;  // raised while `credit set` rewrites the customer
  // Customers the current write transaction touched, judged before it commits.
  std::set<std::string> touched;
};

void register_credit(CLI::App& app, Context& ctx, State& st);
void register_hold(CLI::App& app, Context& ctx, State& st);
// credit check --batch FILE|-
void run_batch(Context& ctx, State& st, const std::string& path, bool cumulative);

// Options for assessing as of the business date, with the dispute service if loaded.
AssessOptions assess_options(Context& ctx, const Rules& rules);

}  // namespace arctl::holds
