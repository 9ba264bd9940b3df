// Backup and restore of an LMDB ledger; see arctl/backup.hpp.
#include "arctl/backup.hpp"

#include "arctl/error.hpp"
#include "arctl/host_access.hpp"
#include "arctl/store.hpp"

namespace arctl {
namespace fs = std::filesystem;
namespace {

// Removes a directory this made when the scope ends, whatever happened.
struct RemoveAll {
  fs::path p;
  ~RemoveAll() {
    std::error_code ec;
    fs::remove_all(p, ec);
  }
};

// `file` linked (or copied) as DIR/data.mdb of a private directory, so that
// the LMDB store can open it without touching the original's neighbours.
void place_as_store(const fs::path& file, const fs::path& dir, bool link) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
  std::error_code ec;
  if (link) fs::create_hard_link(file, dir / "data.mdb", ec);
  if (!link || ec) fs::copy_file(file, dir / "data.mdb");
  fs::permissions(dir / "data.mdb", fs::perms::owner_read | fs::perms::owner_write,
                  fs::perm_options::replace);
}

}  // namespace

BackupResult backup_ledger(Ledger& ledger, const fs::path& file, const std::string& actor) {
  HostAccess::store(ledger).backup(file);
  const auto dir = fs::path(file.string() + ".inspect");
  RemoveAll cleanup{dir};
  place_as_store(file, dir, true);
  Ledger copy(open_lmdb_store(dir, false), dir, Session{actor, "arctl backup", false, {}});
  BackupResult r;
  r.head = copy.read([](Tx& tx) { return tx.journal_head(); });
  r.bytes = fs::file_size(file);
  return r;
}

RestoreResult restore_ledger(const fs::path& file, const fs::path& dir, bool force,
                             const std::string& actor) {
  if (!fs::is_regular_file(file)) fail_not_found("no backup file '" + file.string() + "'");
  const auto url = recorded_store_url(dir);
  if (!force && (url || fs::exists(dir / "data.mdb")))
    fail_conflict("a ledger already exists at " + dir.string() + " (use --force to replace it)");
  const auto staging = dir.parent_path() / (dir.filename().string() + ".restoring");
  RemoveAll cleanup{staging};
  place_as_store(file, staging, false);
  // The copy itself is checked: not whatever ARCTL_STORE or a store.url names.
  RestoreResult r;
  {
    Ledger staged(open_lmdb_store(staging, false), staging,
                  Session{actor, "arctl restore", false, {}});
    r.check = staged.read([](Tx& tx) { return check_ledger(tx); });
  }
  if (!r.check.ok())
    fail(ErrorKind::kError,
         "the backup does not pass arctl check: " + r.check.findings.front().record + ": " +
             r.check.findings.front().message);
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
  fs::remove(dir / "lock.mdb");
  fs::rename(staging / "data.mdb", dir / "data.mdb");
  // Left in place, the URL would still win over the restored file.
  if (url) {
    fs::remove(dir / kStoreUrlFile);
    r.store_url = mask_store_url(*url);
  }
  return r;
}

}  // namespace arctl
