// Handlers for hold evaluate, place, release, list, history and rules.
#include <CLI/CLI.hpp>

#include "arctl/command.hpp"
#include "arctl/error.hpp"
#include "commands.hpp"

namespace arctl::holds {
namespace {

void evaluate_command(CLI::App& group, Context& ctx, State& st) {
  auto customer = std::make_shared<std::string>();
  auto* cmd = group.add_subcommand(
      "evaluate", "Place and release automatic holds by the rules; print what changed and why");
  cmd->add_option("--customer", *customer, "Only this customer");
  mutating(cmd, ctx, [&ctx, &st, customer](Tx& tx) {
    const auto rules = Rules::load(tx);
    const auto s = st.holds.evaluate_all(
        tx, customer->empty() ? std::nullopt : std::optional<std::string>(*customer),
        assess_options(ctx, rules));
    Json rows = Json::array();
    for (const auto& c : s.changes)
      rows.push_back(c.to_json());
    auto report = Report::rows(rows);  // in a table, only what changed
    report.note = std::to_string(s.customers) + " customers evaluated as of " +
                  format_date(ctx.today()) + ": " + std::to_string(s.placed()) + " placed, " +
                  std::to_string(s.released()) + " released, " + std::to_string(s.on_hold) +
                  " on hold" + (ctx.options().dry_run ? " (dry run: nothing saved)" : "");
    return report;
  });
}

// Automatic holds still in force after a manual change, for a note.
std::string remaining(Tx& tx, State& st, const std::string& customer) {
  std::string s;
  for (const auto& h : st.holds.store().holds_of(tx, customer))
    if (h.reason != kManual) s += (s.empty() ? "" : ", ") + h.reason;
  return s;
}

// The arguments of `hold place` and `hold release`: the customer and why.
struct ManualHoldArgs {
  std::string customer, reason;
};

std::shared_ptr<ManualHoldArgs> manual_hold_args(CLI::App* cmd) {
  auto o = std::make_shared<ManualHoldArgs>();
  cmd->add_option("customer", o->customer, "Customer id")->required();
  cmd->add_option("--reason", o->reason, "Why (kept in the history)")->required();
  return o;
}

void place_command(CLI::App& group, Context& ctx, State& st) {
  auto* cmd = group.add_subcommand("place", "Put a customer on manual hold");
  auto o = manual_hold_args(cmd);
  mutating(cmd, ctx, [&ctx, &st, o](Tx& tx) {
    const auto c = st.holds.place_manual(tx, o->customer, o->reason, ctx.today());
    return Report::line(c.to_json(), c.action == "placed" ? o->customer + ": placed on manual hold"
                                                          : o->customer + ": " + c.detail);
  });
}

void release_command(CLI::App& group, Context& ctx, State& st) {
  auto* cmd = group.add_subcommand(
      "release", "Release a customer's manual hold (automatic holds follow the rules)");
  auto o = manual_hold_args(cmd);
  mutating(cmd, ctx, [&ctx, &st, o](Tx& tx) {
    const auto c = st.holds.release_manual(tx, o->customer, o->reason, ctx.today());
    const auto still = remaining(tx, st, o->customer);
    auto j = c.to_json();
    j["still_on_hold"] = still;
    auto report = Report::line(
        j, o->customer + ": " + (c.action == "released" ? "manual hold released" : c.detail));
    if (!still.empty())
      report.note = o->customer + " is still on hold by the rules: " + still +
                    " (released when the condition clears)";
    return report;
  });
}

void list_command(CLI::App& group, Context& ctx, State& st) {
  struct Opts {
    std::string reason, customer;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand("list", "Customers on hold, one row per hold reason");
  cmd->add_option("--reason", o->reason, "Only holds with this reason code");
  cmd->add_option("--customer", o->customer, "Only this customer's holds");
  cmd->callback([&ctx, &st, o] {
    if (!o->reason.empty()) require_reason(o->reason);
    Json rows = Json::array();
    ctx.ledger().read([&](Tx& tx) {
      if (!o->customer.empty()) tx.customer(o->customer);
      st.holds.store().for_each_hold(tx, [&](const Hold& h) {
        if (!o->reason.empty() && h.reason != o->reason) return;
        if (!o->customer.empty() && h.customer != o->customer) return;
        const auto c = tx.find_customer(h.customer);
        Json j;
        j["customer"] = h.customer;
        j["name"] = c ? c->name : "";
        j["reason"] = h.reason;
        j["detail"] = h.detail;
        j["since"] = format_date(h.since);
        j["placed_at"] = format_timestamp(h.time_micros);
        j["actor"] = h.actor;
        j["seq"] = h.seq;
        rows.push_back(std::move(j));
      });
    });
    ctx.print(rows);
  });
}

void history_command(CLI::App& group, Context& ctx, State& st) {
  auto customer = std::make_shared<std::string>();
  auto* cmd = group.add_subcommand("history", "Every hold placed and released, oldest first");
  cmd->add_option("customer", *customer, "Customer id")->required();
  cmd->callback([&ctx, &st, customer] {
    Json rows = Json::array();
    ctx.ledger().read([&](Tx& tx) {
      tx.customer(*customer);
      for (const auto& h : st.holds.store().history(tx, *customer)) {
        Json j;
        j["seq"] = h.seq;
        j["time"] = format_timestamp(h.time_micros);
        j["date"] = format_date(h.date);
        j["actor"] = h.actor;
        j["action"] = h.action;
        j["reason"] = h.reason;
        j["detail"] = h.detail;
        rows.push_back(std::move(j));
      }
    });
    ctx.print(rows);
  });
}

void rules_command(CLI::App& group, Context& ctx, State&) {
  auto* cmd = group.add_subcommand("rules", "The hold rules in force: each key, value and default");
  cmd->callback([&ctx] {
    Json rows = Json::array();
    ctx.ledger().read([&](Tx& tx) {
      Rules::load(tx);  // refuses a bad stored value, naming the key
      for (const auto& k : rule_keys()) {
        const auto v = tx.config(k.key);
        rows.push_back(Json{{"key", k.key},
                            {"value", v ? *v : std::string(k.fallback)},
                            {"default", k.fallback},
                            {"meaning", k.meaning}});
      }
    });
    ctx.print(rows);
  });
}

}  // namespace

void register_hold(CLI::App& app, Context& ctx, State& st) {
  add_group(app, "hold", "Credit holds: evaluate the rules, manual holds, history", ctx,
            {evaluate_command, place_command, release_command, list_command, history_command,
             rules_command},
            st);
}

}  // namespace arctl::holds
