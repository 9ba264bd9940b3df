// `arctl period lock|reopen|show`: the lock date that closes past periods.
#include <CLI/CLI.hpp>

#include "arctl/command.hpp"
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
  auto* group = add_group(app, "period", "Lock and reopen accounting periods");

  struct LockOpts {
    std::string date;
    Date through{};  // DATE, parsed
  };
  auto lo = std::make_shared<LockOpts>();
  auto* lock = group->add_subcommand("lock", "Refuse postings dated on or before DATE");
  lock->add_option("date", lo->date, "Last day of the locked period, YYYY-MM-DD")->required();
  mutating(
      lock, ctx, [lo] { lo->through = for_option("DATE", [&] { return parse_date(lo->date); }); },
      [lo](Tx& tx) {
        tx.lock_period(lo->through);
        return Report::line(lock_record(tx), "Period locked through " + format_date(lo->through));
      });

  struct ReopenOpts {
    std::string reason, to;
    std::optional<Date> new_lock;  // --to, parsed
  };
  auto ro = std::make_shared<ReopenOpts>();
  auto* reopen =
      group->add_subcommand("reopen", "Move the lock date back (journaled with a reason)");
  reopen->add_option("--reason", ro->reason, "Why the period is reopened")->required();
  reopen->add_option("--to", ro->to, "New lock date (default: no lock)");
  mutating(
      reopen, ctx,
      [ro] {
        if (!ro->to.empty()) ro->new_lock = for_option("--to", [&] { return parse_date(ro->to); });
      },
      [ro](Tx& tx) {
        tx.reopen_period(ro->reason, ro->new_lock);
        return Report::line(lock_record(tx), ro->new_lock ? "Period reopened; now locked through " +
                                                                format_date(*ro->new_lock)
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
