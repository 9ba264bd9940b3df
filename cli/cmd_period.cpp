// `arctl period lock|reopen|show`: the lock date that closes past periods.
#include <CLI/CLI.hpp>

#include "arctl/error.hpp"
#include "commands.hpp"

namespace arctl::cli {

namespace {

Json lock_record(Tx& tx) {
  Json r;
  const auto lock = tx.lock_date();
  r["locked_through"] = lock ? Json(format_date(*lock)) : Json(nullptr);
  return r;
}

}  // namespace

void register_period(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand("period", "Lock and reopen accounting periods");
  group->require_subcommand(1);

  auto date = std::make_shared<std::string>();
  auto* lock = group->add_subcommand("lock", "Refuse postings dated on or before DATE");
  lock->add_option("date", *date, "Last day of the locked period, YYYY-MM-DD")->required();
  ctx.add_dry_run(lock);
  lock->callback([&ctx, date] {
    const auto d = for_option("DATE", [&] { return parse_date(*date); });
    auto r = ctx.ledger().write([&](Tx& tx) {
      tx.lock_period(d);
      return lock_record(tx);
    });
    ctx.report(r, "Period locked through " + format_date(d));
  });

  auto reason = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  auto* reopen =
      group->add_subcommand("reopen", "Move the lock date back (journaled with a reason)");
  reopen->add_option("--reason", *reason, "Why the period is reopened")->required();
  reopen->add_option("--to", *to, "New lock date (default: no lock)");
  ctx.add_dry_run(reopen);
  reopen->callback([&ctx, reason, to] {
    std::optional<Date> new_lock;
    if (!to->empty()) new_lock = for_option("--to", [&] { return parse_date(*to); });
    auto r = ctx.ledger().write([&](Tx& tx) {
      tx.reopen_period(*reason, new_lock);
      return lock_record(tx);
    });
    ctx.report(r, new_lock ? "Period reopened; now locked through " + format_date(*new_lock)
                           : "Period reopened; nothing is locked");
  });

  auto* show = group->add_subcommand("show", "Show the lock date");
  show->callback([&ctx] {
    auto r = ctx.ledger().read([&](Tx& tx) { return lock_record(tx); });
    ctx.report(r, r["locked_through"].is_null()
                      ? std::string("No period is locked")
                      : "Locked through " + r["locked_through"].get<std::string>());
  });
}

}  // namespace arctl::cli
