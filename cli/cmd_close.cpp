// `arctl close YYYY-MM`, `close status`, `close history`.
#include <CLI/CLI.hpp>

#include "arctl/close.hpp"
#include "arctl/error.hpp"
#include "commands.hpp"
#include "hooks.hpp"

namespace arctl::cli {
namespace {

// The month is the command's own argument: a malformed one is a usage error,
// like any bad command line (a month that is not over yet is a conflict).
Period parse_month(const std::string& text) {
  try {
    return Period::parse(text);
  } catch (const Error& e) {
    fail(ErrorKind::kUsage, e.what(), {"", 0, "YYYY-MM"});
  }
}

}  // namespace

void register_close(CLI::App& app, Context& ctx, const Hooks& hooks) {
  struct Opts {
    std::string period, out;
    std::vector<std::string> only, skip;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand(
      "close", "Run the month-end close: every step, the checks, then the period lock");
  cmd->add_option("period", o->period, "The month to close, YYYY-MM");
  cmd->add_option("--out", o->out,
                  "Write the artefacts into DIR/YYYY-MM/ (default: LEDGER/closes)");
  cmd->add_option("--only", o->only, "Run only this step (repeatable); the period is not locked");
  cmd->add_option("--skip", o->skip, "Skip this step (repeatable; close.lock skips the lock)");
  ctx.add_dry_run(cmd);
  cmd->require_subcommand(0, 1);
  cmd->callback([&ctx, &hooks, o, cmd] {
    if (cmd->get_subcommands().size() > 0) return;
    if (o->period.empty())
      fail_usage("name the month to close (arctl close YYYY-MM), or use close status");
    CloseOptions opts;
    opts.period = parse_month(o->period);
    opts.out = o->out.empty() ? ctx.ledger_dir() / "closes" : std::filesystem::path(o->out);
    opts.only = o->only;
    opts.skip = o->skip;
    const auto r = run_close(
        ctx,
        [&hooks](const std::string& name, const Json& payload) { return hooks.run(name, payload); },
        opts);
    const auto where = (opts.out / opts.period.str()).string();
    if (ctx.format() != Format::kTable) {
      ctx.print(r.report);
    } else if (r.already_closed) {
      ctx.out() << opts.period.str() << " is already closed (by "
                << r.report["closed_by"].get<std::string>() << " at "
                << r.report["closed_at"].get<std::string>() << "); nothing changed.\n";
    } else {
      ctx.out() << close_report_text(r.report);
      if (!ctx.options().dry_run) ctx.out() << "\nReport and artefacts: " << where << "\n";
    }
    if (!r.blocking.empty())
      fail(ErrorKind::kConflict,
           "the close of " + opts.period.str() + " is blocked by " +
               std::to_string(r.blocking.size()) + " issue(s); nothing was locked" +
               (ctx.options().dry_run ? std::string(" (see the report above)")
                                      : " (see " + where + "/close-report.txt)"));
  });

  auto status_period = std::make_shared<std::string>();
  auto* status = cmd->add_subcommand("status", "Which periods are closed, by whom, when");
  status->add_option("period", *status_period, "Only this month, YYYY-MM");
  status->callback([&ctx, status_period] {
    std::optional<Period> p;
    if (!status_period->empty()) p = parse_month(*status_period);
    auto rows = close_status(ctx, p);
    if (p && rows.empty()) fail_not_found("no close of " + p->str() + " has been run");
    if (p)
      ctx.print(rows.front());
    else
      ctx.print(rows);
  });

  auto* history = cmd->add_subcommand("history", "Every close run, with its figures");
  history->callback([&ctx] { ctx.print(close_history(ctx)); });
}

}  // namespace arctl::cli
