// A mutating command's --dry-run, transaction and report, and command groups
// (arctl/command.hpp).
#include "arctl/command.hpp"

#include <CLI/CLI.hpp>
#include <utility>

namespace arctl {

Report Report::line(Json data, std::string text) {
  Report r;
  r.data = std::move(data);
  r.text = std::move(text);
  return r;
}

Report Report::rows(Json rows, std::string none) {
  Report r = line(std::move(rows), std::move(none));
  r.list = true;
  return r;
}

void print_report(Context& ctx, const Report& report) {
  if (!report.list)
    ctx.report(report.data, report.text);
  else if (ctx.format() == Format::kTable && report.data.empty())
    ctx.out() << report.text << (report.text.empty() ? "" : "\n");
  else
    ctx.print(report.data);
  if (!report.note.empty()) ctx.note(report.note);
}

void mutating(CLI::App* cmd, Context& ctx, std::function<Report(Tx&)> write) {
  mutating(cmd, ctx, {}, std::move(write));
}

void mutating(CLI::App* cmd, Context& ctx, std::function<void()> check,
              std::function<Report(Tx&)> write) {
  ctx.add_dry_run(cmd);
  cmd->callback([&ctx, check = std::move(check), write = std::move(write)] {
    if (check) check();
    print_report(ctx, ctx.ledger().write(write));
  });
}

CLI::App* add_group(CLI::App& app, const std::string& name, const std::string& description) {
  // Two plugins may add to one group (`report`): the first one names it.
  for (auto* existing : app.get_subcommands([&](CLI::App* s) { return s->get_name() == name; }))
    return existing;
  auto* group = app.add_subcommand(name, description);
  group->require_subcommand(1);
  return group;
}

}  // namespace arctl
