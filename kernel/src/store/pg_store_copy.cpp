// Copying a whole store between backends: listing its tables, streaming each
// one from a single read snapshot into a single write transaction, and the
// backup of a PostgreSQL ledger as the same compacted LMDB file that LMDB
// ledgers back up to.
#include <unistd.h>

#include "arctl/error.hpp"
#include "store/pg_store.hpp"

namespace arctl {
namespace {

constexpr int kMaxAttempts = 12;

// Copies `tables` as `src` sees them into `to`, in one write transaction.
std::uint64_t copy_snapshot(ReadTxn& src, const std::vector<std::string>& tables, Store& to) {
  std::string last_reason;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    try {
      auto dst = to.begin_write();
      std::uint64_t copied = 0;
      for (const auto& t : tables) {
        auto c = src.cursor(t);
        for (bool ok = c->first(); ok; ok = c->next()) {
          dst->put(t, c->key(), c->value());
          ++copied;
        }
      }
      dst->commit();
      return copied;
    } catch (const RetryTransaction& r) {
      last_reason = r.reason;
      to.prepare_retry();
    }
  }
  fail(ErrorKind::kError, "store: the copy could not complete: " + last_reason);
}

void refuse_non_empty(Store& to) {
  if (!store_tables(to).empty())
    fail(ErrorKind::kConflict, "the target store is not empty: " + to.info().location +
                                   " (a copy never overwrites a ledger)");
}

}  // namespace

std::vector<std::string> store_tables(Store& store) {
  auto txn = store.begin_read();
  return store.tables(*txn);
}

std::uint64_t copy_store(Store& from, Store& to) {
  refuse_non_empty(to);
  auto src = from.begin_read();
  return copy_snapshot(*src, from.tables(*src), to);
}

namespace pg {

void PgStore::backup(const std::filesystem::path& target) {
  std::error_code ec;
  if (std::filesystem::exists(target, ec))
    fail(ErrorKind::kConflict, "backup target already exists: " + target.string());
  // Staged beside the target so that the final step is a compacted copy of a
  // private LMDB store, exactly what `arctl restore` reads.
  const auto staging = target.parent_path().empty()
                           ? std::filesystem::path(target.string() + ".staging")
                           : target.parent_path() / (target.filename().string() + ".staging");
  std::filesystem::remove_all(staging, ec);
  struct Cleanup {
    std::filesystem::path p;
    ~Cleanup() {
      std::error_code e;
      std::filesystem::remove_all(p, e);
    }
  } cleanup{staging};
  // The snapshot first: the backup holds the ledger as of the command.
  auto src = begin_read();
  const auto names = tables(*src);
  auto lmdb = open_lmdb_store(staging, true);
  copy_snapshot(*src, names, *lmdb);
  lmdb->backup(target);
}

}  // namespace pg
}  // namespace arctl
