// The kernel's storage interface: an ordered, transactional key-value store of
// named tables holding byte keys and byte values. Everything above it (codecs,
// indexes, journal, ledger model) is written once against this interface. Its
// implementations are LMDB (lmdb_store.cpp, the only file that includes
// lmdb.h) and PostgreSQL (pg_store*.cpp, the only files that include libpq).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/api.hpp"
#include "arctl/codec.hpp"

namespace arctl {

// A position in one table, in byte order of keys. Views returned by key() and
// value() stay valid until the cursor moves or its transaction ends.
class ARCTL_API Cursor {
 public:
  virtual ~Cursor() = default;
  virtual bool seek(BytesView key) = 0;  // first entry with key >= `key`
  virtual bool first() = 0;
  virtual bool last() = 0;
  virtual bool next() = 0;
  virtual bool prev() = 0;
  virtual bool valid() const = 0;
  virtual BytesView key() const = 0;
  virtual BytesView value() const = 0;
};

// A consistent snapshot. A table that does not exist yet reads as empty.
class ARCTL_API ReadTxn {
 public:
  virtual ~ReadTxn() = default;
  // The view is valid until the transaction ends or, in a write transaction,
  // until the next put/del.
  virtual std::optional<BytesView> get(std::string_view table, BytesView key) = 0;
  virtual std::unique_ptr<Cursor> cursor(std::string_view table) = 0;
};

// All-or-nothing: destroying an uncommitted write transaction aborts it.
class ARCTL_API WriteTxn : public ReadTxn {
 public:
  virtual void put(std::string_view table, BytesView key, BytesView value) = 0;
  virtual bool del(std::string_view table, BytesView key) = 0;  // true if it existed
  virtual void commit() = 0;
};

// Thrown by a store when the whole transaction should be run again (LMDB map
// full after growing it, a serialization failure on a server). Ledger::write
// catches it and retries a bounded number of times.
struct ARCTL_API RetryTransaction {
  std::string reason;
};

// The backends' names, as StoreInfo::backend and StoreUrl::backend give them.
inline constexpr std::string_view kLmdbBackend = "lmdb";
inline constexpr std::string_view kPgBackend = "postgresql";

struct ARCTL_API StoreInfo {
  std::string backend;   // kLmdbBackend or kPgBackend
  std::string location;  // directory or URL, password masked
  std::uint64_t size_bytes = 0;
  std::uint64_t map_bytes = 0;
};

class ARCTL_API Store {
 public:
  virtual ~Store() = default;
  virtual std::unique_ptr<ReadTxn> begin_read() = 0;
  virtual std::unique_ptr<WriteTxn> begin_write() = 0;
  // Called by Ledger::write after a RetryTransaction, with no transaction open.
  virtual void prepare_retry() = 0;
  virtual StoreInfo info() const = 0;
  // A consistent, compacted copy of the whole store into `target` (a file).
  virtual void backup(const std::filesystem::path& target) = 0;
  // The names of the tables that hold at least one entry in `txn`'s snapshot
  // (a transaction of this store), in byte order.
  // Cost: one query (PostgreSQL) or one probe per named table (LMDB).
  virtual std::vector<std::string> tables(ReadTxn& txn) = 0;
};

// Opens (creating if `create`) the LMDB store in `dir`: the directory is made
// 0700, its files 0600, stale reader slots are cleared, and the map grows on
// demand. Throws Error(kNotFound) when !create and there is no store.
ARCTL_API std::unique_ptr<Store> open_lmdb_store(const std::filesystem::path& dir, bool create);

// A store location: a directory (LMDB) or
// postgresql://USER@HOST[:PORT]/DB[?schema=NAME&...] (any other query
// parameters go to libpq). A password in the URL is refused: passwords come
// only from libpq's own sources (~/.pgpass, PGPASSWORD, a service file).
struct ARCTL_API StoreUrl {
  std::string backend;   // kLmdbBackend or kPgBackend
  std::string conninfo;  // for libpq: the URL without the schema parameter
  std::string schema;    // "arctl" unless the URL names one
  std::string masked;    // printable: any password replaced by ***
};
ARCTL_API StoreUrl parse_store_url(std::string_view url);  // Error(kUsage) when malformed
ARCTL_API std::string mask_store_url(std::string_view url);
// The version of the LMDB library loaded at run time (for `arctl version`).
ARCTL_API std::string lmdb_library_version();

// Opens (creating the schema and its tables if `create`) the PostgreSQL store
// at `url`. Throws Error(kNotFound) when !create and the schema has no store.
ARCTL_API std::unique_ptr<Store> open_pg_store(std::string_view url, bool create);

// The file in a ledger directory that records a server store's URL.
inline constexpr const char* kStoreUrlFile = "store.url";
ARCTL_API std::optional<std::string> recorded_store_url(const std::filesystem::path& dir);
ARCTL_API void record_store_url(const std::filesystem::path& dir, std::string_view url);

// The store of the ledger in `dir`: ARCTL_STORE if set, else the URL recorded
// in `dir`, else LMDB in `dir`.
ARCTL_API std::unique_ptr<Store> open_store(const std::filesystem::path& dir, bool create);
ARCTL_API std::unique_ptr<Store> open_store_url(std::string_view url, bool create);

// The names of the tables that hold at least one entry, in byte order.
ARCTL_API std::vector<std::string> store_tables(Store& store);
// Copies every table of `from` into `to`, which must be empty, in batches of
// bounded size. Returns the number of entries copied.
ARCTL_API std::uint64_t copy_store(Store& from, Store& to);

}  // namespace arctl
