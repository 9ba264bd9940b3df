// `arctl check`: prove the ledger consistent, or name the first bad record.
#include <CLI/CLI.hpp>

#include "arctl/check.hpp"
#include "arctl/error.hpp"
#include "commands.hpp"

namespace arctl::cli {

void register_check(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "check", "Recompute every balance, verify indexes and the journal chain; exit 1 if wrong");
  cmd->callback([&ctx] {
    const auto rep =
        ctx.ledger().read([&](Tx& tx) { return check_ledger_and_plugins(tx, ctx.plugins()); });
    Json r;
    r["ok"] = rep.ok();
    r["journal_events"] = rep.journal_events;
    r["journal_head"] = rep.journal_head;
    r["customers"] = rep.customers;
    r["documents"] = rep.documents;
    r["applications"] = rep.applications;
    Json findings = Json::array();
    for (const auto& f : rep.findings)
      findings.push_back({{"area", f.area}, {"record", f.record}, {"message", f.message}});
    r["findings"] = findings;
    if (ctx.format() == Format::kTable) {
      if (rep.ok())
        ctx.out() << "ok: " << rep.journal_events << " journal events, " << rep.customers
                  << " customers, " << rep.documents << " documents, " << rep.applications
                  << " applications; journal head " << rep.journal_head << '\n';
      else
        for (const auto& f : rep.findings)
          ctx.out() << f.record << ": " << f.message << '\n';
    } else {
      ctx.print(r);
    }
    if (!rep.ok())
      fail(ErrorKind::kError,
           "check failed at " + rep.findings.front().record + ": " + rep.findings.front().message);
  });
}

}  // namespace arctl::cli
