// Handlers for credit set, show, order and check: parse options, one
// transaction, render.
#include <CLI/CLI.hpp>

#include "arctl/command.hpp"
#include "arctl/date.hpp"
#include "arctl/error.hpp"
#include "arctl/terms.hpp"
#include "commands.hpp"
#include "credit.hpp"

namespace arctl::holds {

AssessOptions assess_options(Context& ctx, const Rules& rules) {
  AssessOptions o;
  o.today = ctx.today();
  o.rules = &rules;
  o.disputes = ctx.service<DisputeService>();
  o.policy = ctx.service<CollectionPolicy>();
  return o;
}

namespace {

// A date option that also takes "none"; checked before the ledger is opened.
void check_date_option(const std::optional<std::string>& value, const char* option) {
  if (value && *value != "none") for_option(option, [&] { return parse_date(*value); });
}

void set_command(CLI::App& group, Context& ctx, State& st) {
  auto in = std::make_shared<CreditInput>();
  auto* cmd =
      group.add_subcommand("set", "Set a customer's credit line, guarantee and review date");
  cmd->add_option("customer", in->customer, "Customer id")->required();
  cmd->add_option("--limit", in->limit, "Credit limit (none: no limit)");
  cmd->add_option("--terms", in->terms, "Payment terms (net30, eom+30, 2/10 net30, ...)");
  cmd->add_option("--guarantee-amount", in->guarantee_amount,
                  "Guarantee or credit insurance that adds to the available credit (none: remove)");
  cmd->add_option("--guarantee-expiry", in->guarantee_expiry, "Last day the guarantee is valid");
  cmd->add_option("--review-date", in->review_date, "Next credit review (none: remove)");
  mutating(
      cmd, ctx,
      [in] {
        if (!in->limit && !in->terms && !in->guarantee_amount && !in->guarantee_expiry &&
            !in->review_date)
          fail_usage(
              "credit set: give at least one of --limit, --terms, --guarantee-amount, "
              "--guarantee-expiry, --review-date");
        check_date_option(in->guarantee_expiry, "--guarantee-expiry");
        check_date_option(in->review_date, "--review-date");
        if (in->terms) for_option("--terms", [&] { return Terms::parse(*in->terms); });
      },
      [&ctx, &st, in](Tx& tx) {
        const auto rules = Rules::load(tx);
        const auto r = set_credit(tx, st.holds.store(), *in, st.suppress_live);
        const auto o = assess_options(ctx, rules);
        if (!r.changed.empty()) st.holds.evaluate(tx, r.customer, o);
        const auto j = r.to_json(assess(tx, st.holds.store(), r.customer, o));
        std::string human =
            j["changed"].empty() ? in->customer + ": unchanged" : in->customer + ": set";
        for (const auto& f : j["changed"])
          human += " " + f.get<std::string>();
        return Report::line(j, human);
      });
}

void show_command(CLI::App& group, Context& ctx, State& st) {
  auto id = std::make_shared<std::string>();
  auto* cmd = group.add_subcommand("show", "Limit, exposure, available credit, holds");
  cmd->add_option("customer", *id, "Customer id")->required();
  cmd->callback([&ctx, &st, id] {
    ctx.print(ctx.ledger().read([&](Tx& tx) {
      const auto rules = Rules::load(tx);
      const auto p = assess(tx, st.holds.store(), *id, assess_options(ctx, rules));
      return show_json(tx, st.holds.store(), p);
    }));
  });
}

void order_command(CLI::App& group, Context& ctx, State& st) {
  struct Opts {
    std::string customer, id;
    std::optional<std::string> amount;
    bool remove = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand("order", "Record (or --remove) an open order in the exposure");
  cmd->add_option("customer", o->customer, "Customer id")->required();
  cmd->add_option("--order-id", o->id, "Order id")->required();
  auto* amount = cmd->add_option("--amount", o->amount, "Order amount still to be invoiced");
  auto* remove = cmd->add_flag("--remove", o->remove, "The order was invoiced or cancelled");
  amount->excludes(remove);
  mutating(
      cmd, ctx,
      [o] {
        if (!o->amount && !o->remove) fail_usage("credit order: give --amount or --remove");
      },
      [&ctx, &st, o](Tx& tx) {
        const auto action = set_order(tx, st.holds.store(), o->customer, o->id,
                                      o->remove ? std::nullopt : o->amount, ctx.today());
        if (action != "unchanged") {
          const auto rules = Rules::load(tx);
          st.holds.evaluate(tx, o->customer, assess_options(ctx, rules));
        }
        return Report::line(
            Json{{"customer", o->customer}, {"order_id", o->id}, {"action", action}},
            "order " + o->id + " " + action);
      });
}

void check_command(CLI::App& group, Context& ctx, State& st) {
  struct Opts {
    std::string customer, amount, order_id, batch;
    bool cumulative = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand(
      "check", "May this order ship? Prints release (exit 0) or blocked with reasons (exit 10)");
  cmd->add_option("customer", o->customer, "Customer id");
  cmd->add_option("--amount", o->amount, "Order amount");
  cmd->add_option(
      "--order-id", o->order_id,
      "The order being checked: if recorded with credit order, it is not counted twice");
  cmd->add_option("--batch", o->batch, "Check every order in FILE (- for stdin): CSV or JSONL");
  cmd->add_flag("--cumulative", o->cumulative,
                "With --batch: each released order uses up credit for the rows after it");
  cmd->callback([&ctx, &st, o] {
    if (!o->batch.empty()) {
      if (!o->customer.empty() || !o->amount.empty())
        fail_usage("credit check: --batch takes the customers and amounts from the file");
      run_batch(ctx, st, o->batch, o->cumulative);
      return;
    }
    if (o->customer.empty() || o->amount.empty())
      fail_usage("credit check: give CUSTOMER and --amount (or --batch FILE)");
    const auto d = ctx.ledger().read([&](Tx& tx) {
      const auto rules = Rules::load(tx);
      auto ao = assess_options(ctx, rules);
      ao.exclude_order = o->order_id;
      const auto base = check_base(tx, st.holds.store(), o->customer, ao);
      try {
        return decide(base, o->amount, o->order_id);
      } catch (const Error& e) {
        // The amount is the --amount option here (the batch names its column).
        if (e.where().field != "amount") throw;
        throw Error(e.kind(), e.what(), {"", 0, "--amount"});
      }
    });
    if (ctx.format() == Format::kTable) {
      ctx.out() << (d.release ? "release" : "blocked") << '\n';
      for (const auto& r : d.reasons)
        ctx.out() << "  " << r.detail << '\n';
    } else {
      ctx.print(d.to_json());
    }
    if (!d.release) ctx.exit_code = exit_code(ErrorKind::kCreditRefused);
  });
}

}  // namespace

void register_credit(CLI::App& app, Context& ctx, State& st) {
  add_group(app, "credit", "Credit lines, exposure, orders and release checks", ctx,
            {set_command, show_command, order_command, check_command}, st);
}

}  // namespace arctl::holds
