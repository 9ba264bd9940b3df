// `arctl init`: create a ledger; re-running changes nothing.
#include <CLI/CLI.hpp>
#include <filesystem>

#include "arctl/error.hpp"
#include "commands.hpp"

namespace arctl::cli {

void register_init(CLI::App& app, Context& ctx) {
  auto* cmd =
      app.add_subcommand("init", "Create a ledger (in ./.arctl unless -C/ARCTL_DIR says where)");
  auto currency = std::make_shared<std::string>("USD");
  cmd->add_option("--currency", *currency, "Default currency of new customers")
      ->capture_default_str();
  cmd->callback([&ctx, currency] {
    const auto cur = Currency::parse(*currency);
    if (!ctx.options().dir) ctx.set_ledger_dir(std::filesystem::current_path() / ".arctl");
    const auto dir = ctx.ledger_dir();
    Json r;
    r["ledger"] = dir.string();
    if (!ctx.create_ledger()) {
      r["created"] = false;
      ctx.report(r, "Ledger already exists at " + dir.string() + "; nothing changed.");
      return;
    }
    ctx.ledger().write([&](Tx& tx) {
      tx.set_config("ledger.currency", cur.code());
      Json p;
      p["currency"] = std::string(cur.code());
      p["format"] = 1;
      tx.emit(event::kLedgerCreated, std::move(p));
    });
    r["created"] = true;
    r["currency"] = std::string(cur.code());
    ctx.report(r, "Initialized an empty arctl ledger in " + dir.string());
  });
}

}  // namespace arctl::cli
