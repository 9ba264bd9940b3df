// `arctl aging` and `arctl report dso|cei|forecast|activity|credits`: parse options,
// compute in one read transaction, print in the chosen format.
#include <CLI/CLI.hpp>

#include "aging.hpp"
#include "arctl/command.hpp"
#include "arctl/error.hpp"
#include "commands.hpp"
#include "credits.hpp"
#include "reports.hpp"

namespace arctl::statements {

void register_aging(CLI::App& app, Context& ctx, const PluginHandle& h) {
  struct Opts {
    std::string buckets, basis = "due", by = "customer", customer, min_balance;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand(
      "aging", "Open items aged into buckets per customer, as of the business date (--as-of)");
  cmd->add_option("--buckets", o->buckets,
                  "Bucket edges in days (default: config aging.buckets, else 30,60,90,120)");
  cmd->add_option("--basis", o->basis, "Age from the due date or the invoice date")
      ->check(CLI::IsMember({"due", "invoice"}))
      ->capture_default_str();
  cmd->add_option("--by", o->by,
                  "One row per customer, per group account (its top-most parent), or per bucket "
                  "(summary)")
      ->check(CLI::IsMember({"customer", "group", "summary"}))
      ->capture_default_str();
  cmd->add_option("--customer", o->customer, "Only this customer");
  cmd->add_option("--min-balance", o->min_balance, "Only customers owing at least this");
  cmd->callback([&ctx, &h, o] {
    const auto rows = ctx.ledger().read([&](Tx& tx) {
      AgingOptions a;
      a.as_of = ctx.today();
      a.buckets = for_option("--buckets", [&] { return buckets_from(tx, o->buckets); });
      a.invoice_basis = o->basis == "invoice";
      if (!o->customer.empty()) a.customer = o->customer;
      // A group's minimum is on the group's total, not its members'.
      if (o->by != "group") a.min_balance = o->min_balance;
      // The minimum is read in each customer's currency: a value that is not
      // an amount, or too precise for a currency, is an error of the option.
      if (!o->min_balance.empty())
        for_option("--min-balance", [&] { return Decimal::parse(o->min_balance); });
      const auto aging = [&] {
        try {
          return compute_aging(tx, h, a, ctx.service<DisputeService>());
        } catch (const Error& e) {
          if (o->min_balance.empty() || e.kind() != ErrorKind::kConflict) throw;
          throw e.located({"", 0, "--min-balance"});
        }
      }();
      if (o->by == "group") {
        try {
          return aging_rows(group_aging(tx, aging, o->min_balance), "group");
        } catch (const Error& e) {
          if (o->min_balance.empty() || e.kind() != ErrorKind::kConflict) throw;
          throw e.located({"", 0, "--min-balance"});
        }
      }
      return o->by == "summary" ? aging_summary(aging) : aging_rows(aging);
    });
    ctx.print(rows);
  });
}

void register_report(CLI::App& app, Context& ctx, const PluginHandle& h) {
  auto* group =
      add_group(app, "report", "Management reports: dso, cei, forecast, activity, credits");

  struct CreditOpts {
    std::string as_of, customer;
    int min_age = 0;
  };
  auto c = std::make_shared<CreditOpts>();
  auto* credits = group->add_subcommand(
      "credits", "Open credit balances aged by their own date, with refund candidates");
  credits->add_option("--as-of", c->as_of, "Date (default: the business date)");
  credits->add_option("--customer", c->customer, "Only this customer");
  credits->add_option("--min-age", c->min_age, "Only credits at least this many days old")
      ->check(CLI::Range(0, 36500));
  credits->callback([&ctx, &h, c] {
    CreditsOptions o;
    o.as_of = c->as_of.empty() ? ctx.today()
                               : for_option("--as-of", [&] { return parse_date(c->as_of); });
    if (!c->customer.empty()) o.customer = c->customer;
    o.min_age = c->min_age;
    ctx.print(ctx.ledger().read([&](Tx& tx) {
      o.buckets = buckets_from(tx, "");
      return report_credits(tx, h, o);
    }));
  });

  struct DsoOpts {
    std::string period, method = "standard";
  };
  auto d = std::make_shared<DsoOpts>();
  auto* dso = group->add_subcommand("dso", "Days sales outstanding for a month");
  dso->add_option("--period", d->period, "YYYY-MM (default: the business date's month)");
  dso->add_option("--method", d->method, "standard or countback")
      ->check(CLI::IsMember({"standard", "countback"}))
      ->capture_default_str();
  dso->callback([&ctx, &h, d] {
    const auto p = d->period.empty()
                       ? Period::of(ctx.today())
                       : for_option("--period", [&] { return Period::parse(d->period); });
    ctx.print(
        ctx.ledger().read([&](Tx& tx) { return report_dso(tx, h, p, d->method == "countback"); }));
  });

  auto cei_period = std::make_shared<std::string>();
  auto* cei = group->add_subcommand("cei", "Collection effectiveness index for a month");
  cei->add_option("--period", *cei_period, "YYYY-MM")->required();
  cei->callback([&ctx, &h, cei_period] {
    const auto p = for_option("--period", [&] { return Period::parse(*cei_period); });
    ctx.print(ctx.ledger().read([&](Tx& tx) { return report_cei(tx, h, p); }));
  });

  auto weeks = std::make_shared<int>(13);
  auto* fc = group->add_subcommand("forecast", "Expected collections per week");
  fc->add_option("--weeks", *weeks, "Number of weeks")
      ->check(CLI::Range(1, 520))
      ->capture_default_str();
  fc->callback([&ctx, &h, weeks] {
    ctx.print(ctx.ledger().read(
        [&](Tx& tx) { return report_forecast(ctx, tx, h, ctx.today(), *weeks); }));
  });

  struct ActOpts {
    std::string from, to;
  };
  auto a = std::make_shared<ActOpts>();
  auto* act = group->add_subcommand(
      "activity", "Invoiced, collected, credited, written off per customer and in total");
  act->add_option("--from", a->from, "First day (default: first of the business date's month)");
  act->add_option("--to", a->to, "Last day (default: the business date)");
  act->callback([&ctx, a] {
    const auto today = ctx.today();
    const Date from = a->from.empty() ? Period::of(today).first_day()
                                      : for_option("--from", [&] { return parse_date(a->from); });
    const Date to = a->to.empty() ? today : for_option("--to", [&] { return parse_date(a->to); });
    if (to < from) fail_usage("--to is before --from");
    ctx.print(ctx.ledger().read([&](Tx& tx) { return report_activity(tx, from, to); }));
  });
}

}  // namespace arctl::statements
