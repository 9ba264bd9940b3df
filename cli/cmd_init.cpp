// `arctl init`: create a ledger; re-running changes nothing.
#include <CLI/CLI.hpp>
#include <filesystem>

#include "arctl/error.hpp"
#include "arctl/events/kernel.hpp"
#include "arctl/store.hpp"
#include "commands.hpp"

namespace arctl::cli {
namespace {

// Records `url` in the ledger directory and, unless the server already holds
// a ledger there (another host made it: this one joins), starts its journal.
// Returns false when the directory already has a ledger, to report as usual.
bool init_server_ledger(Context& ctx, const std::string& url, const Currency& cur, Json& r) {
  const auto parsed = parse_store_url(url);
  if (parsed.backend != "postgresql") fail_usage("--store takes a postgresql:// URL");
  const auto dir = ctx.ledger_dir();
  if (ctx.has_ledger()) {
    const auto recorded = recorded_store_url(dir);
    if (recorded && *recorded != url)
      fail_conflict("the ledger at " + dir.string() + " already uses the store " +
                    mask_store_url(*recorded));
    return false;
  }
  open_pg_store(url, true);  // makes the schema, or finds it
  record_store_url(dir, url);
  r["store"] = parsed.masked;
  bool created = false;
  ctx.ledger().write([&](Tx& tx) {
    created = false;
    if (tx.journal_head().seq != 0) return;
    tx.set_config("ledger.currency", cur.code());
    tx.publish(events::LedgerCreated{cur});
    created = true;
  });
  r["created"] = created;
  if (created) {
    r["currency"] = std::string(cur.code());
    ctx.report(r, "Initialized an empty arctl ledger in " + parsed.masked + " (recorded in " +
                      dir.string() + ")");
  } else {
    ctx.report(r, "Joined the existing ledger in " + parsed.masked + " (recorded in " +
                      dir.string() + ")");
  }
  return true;
}

}  // namespace

void register_init(CLI::App& app, Context& ctx) {
  auto* cmd =
      app.add_subcommand("init", "Create a ledger (in ./.arctl unless -C/ARCTL_DIR says where)");
  auto currency = std::make_shared<std::string>("USD");
  cmd->add_option("--currency", *currency, "Default currency of new customers")
      ->capture_default_str();
  auto store = std::make_shared<std::string>();
  cmd->add_option("--store", *store,
                  "Keep the ledger on a server: postgresql://USER@HOST[:PORT]/DB[?schema=NAME] "
                  "(password from ~/.pgpass, PGPASSWORD or a service file)")
      ->type_name("URL");
  cmd->callback([&ctx, currency, store] {
    const auto cur = Currency::parse(*currency);
    if (!ctx.options().dir) ctx.set_ledger_dir(std::filesystem::current_path() / ".arctl");
    const auto dir = ctx.ledger_dir();
    Json r;
    r["ledger"] = dir.string();
    if (!store->empty() && init_server_ledger(ctx, *store, cur, r)) return;
    if (!ctx.create_ledger()) {
      r["created"] = false;
      ctx.report(r, "Ledger already exists at " + dir.string() + "; nothing changed.");
      return;
    }
    ctx.ledger().write([&](Tx& tx) {
      tx.set_config("ledger.currency", cur.code());
      tx.publish(events::LedgerCreated{cur});
    });
    r["created"] = true;
    r["currency"] = std::string(cur.code());
    ctx.report(r, "Initialized an empty arctl ledger in " + dir.string());
  });
}

}  // namespace arctl::cli
