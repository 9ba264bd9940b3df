// Handlers of `report behavior`, `report collector` and `target ...`: parse
// options, run the domain function in one transaction, render its rows.
#include "commands_reports.hpp"

#include <CLI/CLI.hpp>

#include "arctl/command.hpp"
#include "arctl/error.hpp"
#include "behavior.hpp"
#include "report_collector.hpp"
#include "targets.hpp"

namespace arctl::collections {

namespace {

std::optional<std::string> optional_text(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

Period period_option(const std::string& text) {
  return for_option("--period", [&] { return Period::parse(text); });
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
      return report_behavior(tx, optional_text(o->customer), ctx.today(), o->months,
                             ctx.service<FollowUpService>());
    }));
  });
}

void collector_command(CLI::App& group, Context& ctx, const PluginHandle*& h) {
  struct Opts {
    std::string period, collector;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand(
      "collector", "Per collector for a month: cash against target, contacts, promises, DSO");
  cmd->add_option("--period", o->period, "YYYY-MM")->required();
  cmd->add_option("--collector", o->collector, "Only this collector ((unassigned): no collector)");
  cmd->footer(kCollectorFormulas);
  cmd->callback([&ctx, &h, o] {
    const auto p = period_option(o->period);
    ctx.print(ctx.ledger().read(
        [&](Tx& tx) { return report_collector(tx, *h, p, optional_text(o->collector)); }));
  });
}

void target_commands(CLI::App& group, Context& ctx, const PluginHandle*& h) {
  struct Set {
    std::string collector, period, amount, currency;
    Period p;
  };
  auto s = std::make_shared<Set>();
  auto* set = group.add_subcommand("set", "Set a collector's cash target for a month");
  set->add_option("--collector", s->collector, "Collector name")->required();
  set->add_option("--period", s->period, "YYYY-MM")->required();
  set->add_option("--amount", s->amount, "Cash to collect in the month")->required();
  set->add_option("--currency", s->currency, "Currency of the amount (default: ledger.currency)");
  mutating(
      set, ctx, [s] { s->p = period_option(s->period); },
      [&ctx, &h, s](Tx& tx) {
        const auto ch = set_target(tx, *h, s->collector, s->p, s->amount, s->currency, ctx.today());
        auto row = target_row(ch.target);
        row["outcome"] = ch.outcome;
        row["previous"] = ch.previous ? ch.previous->str() : "";
        return Report::line(row, "Target of " + ch.target.collector + " for " +
                                     ch.target.period.str() + ": " + ch.target.amount.str() + " (" +
                                     ch.outcome + ")");
      });

  struct List {
    std::string collector, period;
  };
  auto l = std::make_shared<List>();
  auto* list = group.add_subcommand("list", "Collection targets by collector and month");
  list->add_option("--collector", l->collector, "Only this collector's");
  list->add_option("--period", l->period, "Only this month (YYYY-MM)");
  list->callback([&ctx, &h, l] {
    const auto p =
        l->period.empty() ? std::nullopt : std::optional<Period>(period_option(l->period));
    Json rows = Json::array();
    ctx.ledger().read([&](Tx& tx) {
      const auto c = optional_text(l->collector);
      for (const auto& t :
           list_targets(tx, *h, c ? std::optional<std::string_view>(*c) : std::nullopt, p))
        rows.push_back(target_row(t));
    });
    ctx.print(rows);
  });
}

}  // namespace

void register_reports(CLI::App& app, Context& ctx, const PluginHandle*& handle) {
  auto* report = add_group(app, "report",
                           "Management reports: dso, cei, forecast, activity, behavior, collector");
  behavior_command(*report, ctx);
  collector_command(*report, ctx, handle);
  auto* target = add_group(app, "target", "Collection targets per collector and month: set, list");
  target_commands(*target, ctx, handle);
}

}  // namespace arctl::collections
