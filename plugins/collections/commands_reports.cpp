// Handlers of `report behavior`: parse options, run the domain function in
// one read transaction, render its rows.
#include "commands_reports.hpp"

#include <CLI/CLI.hpp>

#include "arctl/command.hpp"
#include "arctl/error.hpp"
#include "behavior.hpp"

namespace arctl::collections {

namespace {

std::optional<std::string> optional_text(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

void behavior_command(CLI::App& group, Context& ctx) {
  struct Opts {
    std::string customer;
    int months = 12;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand(
      "behavior", "Payment behaviour per customer: days to pay, days late, on time, trend");
  cmd->add_option("--customer", o->customer, "Only this customer");
  cmd->add_option("--months", o->months, "Months ending on --as-of that the figures cover")
      ->check(CLI::Range(1, 600))
      ->capture_default_str();
  cmd->footer(kBehaviorFormulas);
  cmd->callback([&ctx, o] {
    ctx.print(ctx.ledger().read([&](Tx& tx) {
      return report_behavior(tx, optional_text(o->customer), ctx.today(), o->months);
    }));
  });
}

}  // namespace

void register_reports(CLI::App& app, Context& ctx, const PluginHandle*& handle) {
  auto* report =
      add_group(app, "report", "Management reports: dso, cei, forecast, activity, behavior");
  behavior_command(*report, ctx);
  (void)handle;
}

}  // namespace arctl::collections
