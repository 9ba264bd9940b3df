// Copying a whole store between backends: listing its tables, streaming each
// one from a single read snapshot into a single write transaction, and the
// backup of a PostgreSQL ledger as the same compacted LMDB file that LMDB
// ledgers back up to.
#include <lmdb.h>
#include <unistd.h>

#include "arctl/error.hpp"
#include "pg_store.hpp"

namespace arctl {
namespace {

constexpr int kMaxAttempts = 12;

// The named tables of an LMDB environment, read from its main database.
// MDB_NOLOCK keeps this second handle off the lock file, whose POSIX locks
// closing it would otherwise release for the store this process has open.
std::vector<std::string> lmdb_tables(const std::filesystem::path& dir) {
  MDB_env* env = nullptr;
  if (mdb_env_create(&env) != MDB_SUCCESS) fail(ErrorKind::kError, "store: cannot list tables");
  struct Closer {
    MDB_env* env;
    MDB_txn* txn = nullptr;
    ~Closer() {
      if (txn != nullptr) mdb_txn_abort(txn);
      mdb_env_close(env);
    }
  } closer{env};
  mdb_env_set_maxdbs(env, 256);
  int rc = mdb_env_open(env, dir.c_str(), MDB_RDONLY | MDB_NOLOCK | MDB_NOTLS, 0600);
  if (rc == MDB_SUCCESS) rc = mdb_txn_begin(env, nullptr, MDB_RDONLY, &closer.txn);
  MDB_dbi main = 0;
  if (rc == MDB_SUCCESS) rc = mdb_dbi_open(closer.txn, nullptr, 0, &main);
  MDB_cursor* c = nullptr;
  if (rc == MDB_SUCCESS) rc = mdb_cursor_open(closer.txn, main, &c);
  if (rc != MDB_SUCCESS)
    fail(ErrorKind::kError, std::string("store: cannot list tables: ") + mdb_strerror(rc));
  std::vector<std::string> names;
  MDB_val k{0, nullptr}, v{0, nullptr};
  while (mdb_cursor_get(c, &k, &v, MDB_NEXT) == MDB_SUCCESS)
    names.emplace_back(static_cast<const char*>(k.mv_data), k.mv_size);
  mdb_cursor_close(c);
  std::vector<std::string> tables;
  for (auto& n : names) {
    if (n.empty() || n.find('\0') != std::string::npos) continue;
    MDB_dbi dbi = 0;
    if (mdb_dbi_open(closer.txn, n.c_str(), 0, &dbi) == MDB_SUCCESS) tables.push_back(n);
  }
  return tables;
}

// The tables with entries as `txn` sees them.
std::vector<std::string> tables_in(Store& store, ReadTxn& txn) {
  if (auto* pg = dynamic_cast<pg::PgStore*>(&store)) return pg->tables(txn);
  std::vector<std::string> out;
  // An LMDB table may exist and be empty; only tables with entries count.
  for (const auto& t : lmdb_tables(store.info().location))
    if (txn.cursor(t)->first()) out.push_back(t);
  return out;
}

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
  return tables_in(store, *txn);
}

std::uint64_t copy_store(Store& from, Store& to) {
  refuse_non_empty(to);
  auto src = from.begin_read();
  return copy_snapshot(*src, tables_in(from, *src), to);
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
  const auto tables = tables_in(*this, *src);
  auto lmdb = open_lmdb_store(staging, true);
  copy_snapshot(*src, tables, *lmdb);
  lmdb->backup(target);
}

}  // namespace pg
}  // namespace arctl
