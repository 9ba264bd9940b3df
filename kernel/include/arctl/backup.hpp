// Backup and restore of an LMDB ledger as kernel APIs: a consistent copy
// taken while others write, and its checked way back into a directory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "arctl/api.hpp"
#include "arctl/check.hpp"
#include "arctl/ledger.hpp"

namespace arctl {

struct ARCTL_API BackupResult {
  JournalHead head;          // the journal head the copy holds
  std::uintmax_t bytes = 0;  // size of the file written
};

// Writes a compacted copy of `ledger` to `file` (which must not exist) and
// reads the head back from the copy itself: another writer may have
// committed between any read here and the copy's snapshot.
// Cost: one full copy of the store plus a point read of the copy.
// Errors: kConflict when `file` exists; kError on I/O.
ARCTL_API BackupResult backup_ledger(Ledger& ledger, const std::filesystem::path& file,
                                     const std::string& actor);

struct ARCTL_API RestoreResult {
  CheckReport check;                     // of the backup, before it replaced anything
  std::optional<std::string> store_url;  // the store.url (masked) --force removed
};

// Makes `dir` an LMDB ledger holding the backup `file`: copies it aside,
// runs check_ledger on that copy (never on ARCTL_STORE or a recorded
// store.url), then renames it into place (mode 700 directory, 600 file).
// A ledger already in `dir` (data.mdb or store.url) is replaced only with
// `force`; its store.url is then removed so that the restored file is the
// ledger read from `dir` (a server database it named is left untouched).
// Cost: one copy of the file plus a full check of it.
// Errors: kNotFound (no such file); kConflict (a ledger exists, no force);
// kError when the backup fails the check: nothing is replaced.
ARCTL_API RestoreResult restore_ledger(const std::filesystem::path& file,
                                       const std::filesystem::path& dir, bool force,
                                       const std::string& actor);

}  // namespace arctl
