// `arctl collection stage|strategy|strategies`: a customer's collection
// stage, its strategy, and the strategies there are.
#include <CLI/CLI.hpp>
#include <memory>

#include "arctl/command.hpp"
#include "arctl/error.hpp"
#include "commands.hpp"
#include "stages.hpp"
#include "strategies.hpp"

namespace arctl::collections {
namespace {

constexpr const char* kStages = "normal, pre-legal, legal, agency or written-off";

void stage_command(CLI::App& group, Context& ctx, const PluginHandle& h) {
  struct Opts {
    std::string customer, stage, agency, reason;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand(
      "stage",
      "Move a customer to a collection stage (pre-legal and later: on hold, no routine "
      "dunning, the stage's own letter)");
  cmd->add_option("customer", o->customer, "Customer id")->required();
  cmd->add_option("stage", o->stage, kStages)->required();
  cmd->add_option("--agency", o->agency, "The collection agency (agency stage)");
  cmd->add_option("--reason", o->reason, "Why (required, also back to normal)");
  mutating(
      cmd, ctx,
      [o] {
        if (!parse_stage(o->stage)) fail_usage("unknown stage '" + o->stage + "': use " + kStages);
        if (o->reason.empty())
          fail_usage("collection stage needs --reason: why " + o->customer + " moves to " +
                     o->stage);
      },
      [&ctx, &h, o](Tx& tx) {
        const auto r = set_stage(tx, h, o->customer, *parse_stage(o->stage), o->agency, o->reason,
                                 ctx.today());
        const auto& c = r.change;
        Json data{{"customer", o->customer},
                  {"changed", r.changed},
                  {"from", stage_name(r.changed ? c.from : c.to)},
                  {"stage", stage_name(c.to)},
                  {"agency", c.agency},
                  {"date", format_date(c.date)},
                  {"placed", c.open.str()}};
        return Report::line(
            data, r.changed
                      ? o->customer + ": " + stage_name(c.from) + " -> " + stage_name(c.to)
                      : o->customer + " is already in " + stage_name(c.to) + "; nothing changed");
      });
}

void strategy_command(CLI::App& group, Context& ctx) {
  struct Opts {
    std::string customer, name;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand(
      "strategy", "Give a customer its own collection strategy (its attribute strategy)");
  cmd->add_option("customer", o->customer, "Customer id")->required();
  cmd->add_option("name", o->name, "Strategy name (`collection strategies` lists them)")
      ->required();
  mutating(cmd, ctx, [o](Tx& tx) {
    auto c = tx.customer(o->customer);
    if (!find_strategy(tx, o->name))
      fail_not_found("no strategy '" + o->name + "': `arctl collection strategies` lists them");
    c.attrs[std::string(kStrategyAttr)] = o->name;
    tx.update_customer(c);
    return Report::line(Json{{"customer", c.id}, {"strategy", o->name}},
                        c.id + " follows the strategy " + o->name);
  });
}

void strategies_command(CLI::App& group, Context& ctx) {
  auto* cmd = group.add_subcommand("strategies", "The collection strategies and their steps");
  cmd->callback([&ctx] {
    Json rows = Json::array();
    ctx.ledger().read([&](Tx& tx) {
      for (const auto& s : all_strategies(tx)) {
        std::string letters;
        for (const auto& step : s.steps)
          if (step.action == "letter")
            letters += (letters.empty() ? "" : ",") + std::to_string(step.days);
        rows.push_back(
            Json{{"name", s.name}, {"steps", format_steps(s.steps)}, {"letter_days", letters}});
      }
    });
    ctx.print(rows);
  });
}

}  // namespace

void register_collection(CLI::App& app, Context& ctx, const PluginHandle& h) {
  auto* group = add_group(app, "collection", "Collection strategies and stages");
  stage_command(*group, ctx, h);
  strategy_command(*group, ctx);
  strategies_command(*group, ctx);
}

}  // namespace arctl::collections
