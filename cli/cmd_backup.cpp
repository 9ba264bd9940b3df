// `arctl backup FILE` and `arctl restore FILE`: a consistent, compacted copy
// of the ledger taken while others may be writing, and its way back.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>

#include "arctl/check.hpp"
#include "arctl/error.hpp"
#include "arctl/host_access.hpp"
#include "arctl/store.hpp"
#include "commands.hpp"

namespace arctl::cli {
namespace fs = std::filesystem;

namespace {

JournalHead head_of_backup(const fs::path& file, const std::string& actor) {
  const auto dir = fs::path(file.string() + ".inspect");
  struct Remove {
    fs::path p;
    ~Remove() {
      std::error_code ec;
      fs::remove_all(p, ec);
    }
  } cleanup{dir};
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
  std::error_code ec;
  fs::create_hard_link(file, dir / "data.mdb", ec);
  if (ec) fs::copy_file(file, dir / "data.mdb");
  Ledger copy(open_lmdb_store(dir, false), dir, Session{actor, "arctl backup", false, {}});
  return copy.read([](Tx& tx) { return tx.journal_head(); });
}

}  // namespace

void register_backup(CLI::App& app, Context& ctx) {
  auto file = std::make_shared<std::string>();
  auto* backup = app.add_subcommand(
      "backup",
      "Write a consistent, compacted copy of the ledger to FILE (safe while others write)");
  backup->add_option("file", *file, "Where to write it (must not exist)")->required();
  backup->callback([&ctx, file] {
    auto& ledger = ctx.ledger();
    HostAccess::store(ledger).backup(*file);
    // The head the copy holds, read from the copy itself: another writer may
    // have committed between any read here and the copy's snapshot.
    const auto head = head_of_backup(*file, ctx.options().actor);
    Json r{{"file", *file},
           {"journal_seq", head.seq},
           {"journal_head", to_hex(head.hash)},
           {"bytes", fs::file_size(*file)}};
    ctx.report(r, "Backed up to " + *file + " (journal " + std::to_string(head.seq) + ", head " +
                      to_hex(head.hash) + ")");
  });

  auto source = std::make_shared<std::string>();
  auto force = std::make_shared<bool>(false);
  auto* restore = app.add_subcommand(
      "restore", "Make the ledger directory a copy of a backup FILE, after checking it");
  restore->add_option("file", *source, "A file written by arctl backup")->required();
  restore->add_flag("--force", *force, "Replace an existing ledger");
  restore->callback([&ctx, source, force] {
    if (!fs::is_regular_file(*source)) fail_not_found("no backup file '" + *source + "'");
    if (!ctx.options().dir) ctx.set_ledger_dir(fs::current_path() / ".arctl");
    const auto dir = ctx.ledger_dir();
    if (ctx.has_ledger() && !*force)
      fail_conflict("a ledger already exists at " + dir.string() + " (use --force to replace it)");
    const auto staging = dir.parent_path() / (dir.filename().string() + ".restoring");
    fs::remove_all(staging);
    fs::create_directories(staging);
    fs::permissions(staging, fs::perms::owner_all, fs::perm_options::replace);
    fs::copy_file(*source, staging / "data.mdb");
    fs::permissions(staging / "data.mdb", fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace);
    // Check the copy before it replaces anything.
    CheckReport rep;
    {
      auto staged = Ledger::open(staging, Session{ctx.options().actor, "arctl restore", false, {}});
      rep = staged->read([](Tx& tx) { return check_ledger(tx); });
    }
    if (!rep.ok()) {
      fs::remove_all(staging);
      fail(ErrorKind::kError,
           "the backup does not pass arctl check: " + rep.findings.front().record + ": " +
               rep.findings.front().message);
    }
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
    fs::remove(dir / "lock.mdb");
    fs::rename(staging / "data.mdb", dir / "data.mdb");
    fs::remove_all(staging);
    Json r{{"ledger", dir.string()},
           {"journal_events", rep.journal_events},
           {"journal_head", rep.journal_head}};
    ctx.report(r, "Restored " + *source + " into " + dir.string() + " (journal head " +
                      rep.journal_head + ")");
  });
}

}  // namespace arctl::cli
