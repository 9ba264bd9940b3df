// `arctl backup FILE` and `arctl restore FILE`: parse, call the kernel's
// backup and restore (arctl/backup.hpp), print.
#include <CLI/CLI.hpp>
#include <filesystem>

#include "arctl/backup.hpp"
#include "arctl/error.hpp"
#include "commands.hpp"

namespace arctl::cli {
namespace fs = std::filesystem;

void register_backup(CLI::App& app, Context& ctx) {
  auto file = std::make_shared<std::string>();
  auto* backup = app.add_subcommand(
      "backup",
      "Write a consistent, compacted copy of the ledger to FILE (safe while others write)");
  backup->add_option("file", *file, "Where to write it (must not exist)")->required();
  backup->callback([&ctx, file] {
    const auto b = backup_ledger(ctx.ledger(), *file, ctx.options().actor);
    Json r{{"file", *file},
           {"journal_seq", b.head.seq},
           {"journal_head", to_hex(b.head.hash)},
           {"bytes", b.bytes}};
    ctx.report(r, "Backed up to " + *file + " (journal " + std::to_string(b.head.seq) + ", head " +
                      to_hex(b.head.hash) + ")");
  });

  auto source = std::make_shared<std::string>();
  auto force = std::make_shared<bool>(false);
  auto* restore = app.add_subcommand(
      "restore", "Make the ledger directory a copy of a backup FILE, after checking it");
  restore->add_option("file", *source, "A file written by arctl backup")->required();
  restore->add_flag("--force", *force, "Replace an existing ledger");
  restore->callback([&ctx, source, force] {
    if (!ctx.options().dir) ctx.set_ledger_dir(fs::current_path() / ".arctl");
    const auto dir = ctx.ledger_dir();
    const auto rr = restore_ledger(*source, dir, *force, ctx.options().actor);
    Json r{{"ledger", dir.string()},
           {"journal_events", rr.check.journal_events},
           {"journal_head", rr.check.journal_head},
           {"store_url_removed", rr.store_url ? Json(*rr.store_url) : Json(nullptr)}};
    ctx.report(r, "Restored " + *source + " into " + dir.string() + " (journal head " +
                      rr.check.journal_head + ")" +
                      (rr.store_url ? "; removed its store.url (" + *rr.store_url + ")" : ""));
  });
}

}  // namespace arctl::cli
