// The LMDB backend of Store: one environment per ledger directory, one named
// database per table, a map that grows on demand. The only file that sees
// lmdb.h; every LMDB handle lives and dies inside it.
#include <fcntl.h>
#include <lmdb.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <utility>
#include <vector>

#include "arctl/error.hpp"
#include "arctl/store.hpp"

namespace arctl {
namespace {

namespace fs = std::filesystem;

// A new store starts with a small map. A full map makes the whole transaction
// run again, so the map grows in big steps, and an existing store is opened
// with room to spare: the map is address space, not memory or disk (the file
// grows only by the pages written). An import of a million invoices into a
// ledger then runs once, not once per doubling of the map.
constexpr std::uint64_t kMinMapBytes = std::uint64_t{64} << 20;
constexpr std::uint64_t kRoomyMapBytes = std::uint64_t{4} << 30;
constexpr std::uint64_t kGrowFactor = 8;
constexpr std::uint64_t kOpenHeadroom = 2;
constexpr unsigned kMaxTables = 256;
constexpr std::size_t kMaxTableName = 255;
constexpr mode_t kDirMode = 0700;
constexpr mode_t kFileMode = 0600;
constexpr const char* kDataFile = "data.mdb";
constexpr const char* kLockFile = "lock.mdb";

[[noreturn]] void fail_mdb(int rc, const char* operation) {
  fail(ErrorKind::kError, std::string("store: ") + mdb_strerror(rc) + " (" + operation + ")");
}

void check(int rc, const char* operation) {
  if (rc != MDB_SUCCESS) fail_mdb(rc, operation);
}

[[noreturn]] void fail_errno(const std::string& what, const fs::path& path) {
  fail(ErrorKind::kError, "store: " + what + " " + path.string() + ": " + std::strerror(errno));
}

// LMDB reports a write the disk could not take in full as ENOSPC or, after a
// short write, as EIO. The free space left on the ledger's file system tells
// the user which it was. (Root may also use the blocks reserved for it.)
constexpr std::uint64_t kFullBelowBytes = std::uint64_t{64} << 10;

bool disk_full(const fs::path& dir) {
  struct statvfs s {};
  if (::statvfs(dir.c_str(), &s) != 0) return false;
  const auto blocks = ::geteuid() == 0 ? s.f_bfree : s.f_bavail;
  return std::uint64_t{blocks} * s.f_frsize < kFullBelowBytes;
}

MDB_val to_val(BytesView v) noexcept {
  return MDB_val{v.size(), const_cast<char*>(v.data())};
}

BytesView to_view(const MDB_val& v) noexcept {
  return {static_cast<const char*>(v.mv_data), v.mv_size};
}

// LMDB wants table names NUL-terminated; a stack copy keeps lookups off the heap.
class TableName {
 public:
  explicit TableName(std::string_view name) {
    if (name.empty() || name.size() > kMaxTableName || name.find('\0') != std::string_view::npos)
      fail(ErrorKind::kError, "store: invalid table name '" + std::string(name) + "'");
    std::memcpy(buf_, name.data(), name.size());
    buf_[name.size()] = '\0';
  }
  const char* c_str() const noexcept { return buf_; }

 private:
  char buf_[kMaxTableName + 1];
};

struct EnvCloser {
  void operator()(MDB_env* env) const noexcept { mdb_env_close(env); }
};
using EnvPtr = std::unique_ptr<MDB_env, EnvCloser>;

std::uint64_t file_size_or_zero(const fs::path& p) {
  std::error_code ec;
  const auto size = fs::file_size(p, ec);
  return ec ? 0 : size;
}

// Creates `dir` (and missing parents) with the directory itself private.
void make_private_dir(const fs::path& dir) {
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return;
  if (fs::exists(dir, ec))
    fail(ErrorKind::kError, "store: " + dir.string() + " is not a directory");
  if (dir.has_parent_path()) {
    fs::create_directories(dir.parent_path(), ec);
    if (ec)
      fail(ErrorKind::kError,
           "store: cannot create " + dir.parent_path().string() + ": " + ec.message());
  }
  if (::mkdir(dir.c_str(), kDirMode) != 0) {
    if (errno == EEXIST && fs::is_directory(dir, ec)) return;
    fail_errno("cannot create", dir);
  }
  // mkdir's mode is filtered by the umask, which may remove our own bits too.
  if (::chmod(dir.c_str(), kDirMode) != 0) fail_errno("cannot set permissions of", dir);
}

std::string cannot_open(std::string_view table) {
  return "store: table '" + std::string(table) +
         "' cannot be opened here: another transaction of this process has opened tables "
         "since this one began";
}

// The named tables of an LMDB environment, read from its main database.
// MDB_NOLOCK keeps this second handle off the lock file, whose POSIX locks
// closing it would otherwise release for the store this process has open.
std::vector<std::string> named_tables(const fs::path& dir) {
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
  mdb_env_set_maxdbs(env, kMaxTables);
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

class LmdbStore;
class TxnCore;

// A cursor over one table. Over a table that does not exist it has no LMDB
// cursor and every move fails.
class LmdbCursor final : public Cursor {
 public:
  LmdbCursor(TxnCore* owner, MDB_cursor* cursor, bool copy_entries, std::size_t max_key)
      : owner_(owner), cursor_(cursor), copy_entries_(copy_entries), max_key_(max_key) {}
  ~LmdbCursor() override;
  LmdbCursor(const LmdbCursor&) = delete;
  LmdbCursor& operator=(const LmdbCursor&) = delete;

  bool seek(BytesView key) override;
  bool first() override;
  bool last() override;
  bool next() override;
  bool prev() override;
  bool valid() const override { return pos_ == Pos::kOn; }
  BytesView key() const override { return valid() ? key_ : BytesView{}; }
  BytesView value() const override { return valid() ? value_ : BytesView{}; }

  MDB_cursor** handle() noexcept { return &cursor_; }

  // The transaction is ending: release the LMDB cursor while it still may be.
  void detach() noexcept {
    if (cursor_ != nullptr) mdb_cursor_close(cursor_);
    cursor_ = nullptr;
    owner_ = nullptr;
    pos_ = Pos::kUnset;
  }

 private:
  // Where the cursor is, so that next() after running off the front starts at
  // the first entry and prev() after running off the end (or a failed seek)
  // starts at the last.
  enum class Pos : std::uint8_t { kUnset, kOn, kAfterEnd, kBeforeBegin };
  bool step(MDB_cursor_op op, MDB_val* seek_key = nullptr);

  TxnCore* owner_;
  MDB_cursor* cursor_;
  bool copy_entries_;
  std::size_t max_key_;
  Pos pos_ = Pos::kUnset;
  BytesView key_;
  BytesView value_;
  std::string key_copy_;
  std::string value_copy_;
};

class LmdbStore final : public Store {
 public:
  LmdbStore(fs::path dir, EnvPtr env);

  std::unique_ptr<ReadTxn> begin_read() override;
  std::unique_ptr<WriteTxn> begin_write() override;
  void prepare_retry() override;
  StoreInfo info() const override;
  void backup(const fs::path& target) override;
  std::vector<std::string> tables(ReadTxn& txn) override;

 private:
  friend class TxnCore;
  enum class Retry : std::uint8_t { kNone, kGrow, kAdopt };

  // Begins an LMDB transaction; adopts a map grown by another process when
  // no transaction of ours could be holding the old mapping.
  int begin_txn(unsigned flags, MDB_txn** txn);
  void open_existing_tables();
  void txn_ended(TxnCore& txn, bool committed);

  fs::path dir_;
  EnvPtr env_;
  MDB_dbi main_dbi_ = 0;
  std::size_t max_key_ = 0;
  // Table handles shared by the environment. LMDB numbers them from 2 in the
  // order they were committed, so a transaction can use exactly those below
  // the count it saw when it began.
  std::map<std::string, MDB_dbi, std::less<>> tables_;
  MDB_dbi shared_slots_ = 2;
  // The one live transaction that opened handles not yet shared (LMDB allows
  // only one at a time: handles are slots in an array the environment owns).
  const TxnCore* opener_ = nullptr;
  int live_txns_ = 0;
  bool writing_ = false;
  Retry retry_ = Retry::kNone;
};

// What read and write transactions share: the LMDB transaction, the table
// handles it may use, and the cursors to release before it ends.
class TxnCore {
 public:
  TxnCore(LmdbStore& store, bool write);
  ~TxnCore() {
    // Read-only transactions commit so that table handles opened in them stay
    // open for later transactions; write transactions abort unless committed.
    if (txn_ != nullptr) finish(!write_);
  }
  TxnCore(const TxnCore&) = delete;
  TxnCore& operator=(const TxnCore&) = delete;

  std::optional<BytesView> get(std::string_view table, BytesView key);
  std::unique_ptr<Cursor> cursor(std::string_view table);
  void put(std::string_view table, BytesView key, BytesView value);
  bool del(std::string_view table, BytesView key);
  void commit();

  void forget(LmdbCursor* c) noexcept { std::erase(cursors_, c); }
  const std::vector<std::pair<std::string, MDB_dbi>>& opened() const noexcept { return opened_; }

 private:
  std::optional<MDB_dbi> table(std::string_view name);
  MDB_dbi create_table(std::string_view name);
  bool may_open_tables() const noexcept;
  MDB_txn* live_txn() const;
  [[noreturn]] void write_failed(int rc, const char* operation);
  int finish(bool commit) noexcept;

  LmdbStore& store_;
  MDB_txn* txn_ = nullptr;
  bool write_;
  MDB_dbi base_slots_ = 0;
  std::vector<std::pair<std::string, MDB_dbi>> opened_;
  std::vector<std::string> absent_;
  std::vector<LmdbCursor*> cursors_;
};

LmdbCursor::~LmdbCursor() {
  if (owner_ != nullptr) owner_->forget(this);
  if (cursor_ != nullptr) mdb_cursor_close(cursor_);
}

bool LmdbCursor::step(MDB_cursor_op op, MDB_val* seek_key) {
  if (cursor_ == nullptr) return false;
  MDB_val k{0, nullptr};
  MDB_val v{0, nullptr};
  if (seek_key != nullptr) k = *seek_key;
  const int rc = mdb_cursor_get(cursor_, &k, &v, op);
  if (rc == MDB_NOTFOUND) return false;
  check(rc, "cursor");
  if (copy_entries_) {
    // A later put in the same write transaction may rewrite the page these
    // point into; copies keep the views valid until the cursor moves.
    key_copy_.assign(static_cast<const char*>(k.mv_data), k.mv_size);
    value_copy_.assign(static_cast<const char*>(v.mv_data), v.mv_size);
    key_ = key_copy_;
    value_ = value_copy_;
  } else {
    key_ = to_view(k);
    value_ = to_view(v);
  }
  pos_ = Pos::kOn;
  return true;
}

bool LmdbCursor::first() {
  if (step(MDB_FIRST)) return true;
  pos_ = Pos::kAfterEnd;
  return false;
}

bool LmdbCursor::last() {
  if (step(MDB_LAST)) return true;
  pos_ = Pos::kBeforeBegin;
  return false;
}

bool LmdbCursor::next() {
  switch (pos_) {
    case Pos::kOn:
      if (step(MDB_NEXT)) return true;
      pos_ = Pos::kAfterEnd;
      return false;
    case Pos::kAfterEnd:
      return false;
    case Pos::kUnset:
    case Pos::kBeforeBegin:
      break;
  }
  return first();
}

bool LmdbCursor::prev() {
  switch (pos_) {
    case Pos::kOn:
      if (step(MDB_PREV)) return true;
      pos_ = Pos::kBeforeBegin;
      return false;
    case Pos::kBeforeBegin:
      return false;
    case Pos::kUnset:
    case Pos::kAfterEnd:
      break;
  }
  return last();
}

bool LmdbCursor::seek(BytesView key) {
  if (key.empty()) return first();
  if (key.size() > max_key_) {
    // No stored key is this long, so the answer is at or after its longest
    // storable prefix.
    bool ok = seek(key.substr(0, max_key_));
    while (ok && key_ < key)
      ok = next();
    return ok;
  }
  MDB_val k = to_val(key);
  if (step(MDB_SET_RANGE, &k)) return true;
  pos_ = Pos::kAfterEnd;
  return false;
}

TxnCore::TxnCore(LmdbStore& store, bool write) : store_(store), write_(write) {
  ARCTL_ASSERT(!(write && store.writing_), "store: a write transaction is already open");
  const int rc = store.begin_txn(write ? 0 : MDB_RDONLY, &txn_);
  if (rc == MDB_MAP_RESIZED) {
    if (!write)
      fail(ErrorKind::kError,
           "store: the map was resized by another process while a transaction was open");
    store.retry_ = LmdbStore::Retry::kAdopt;
    throw RetryTransaction{"the store's map was resized by another process"};
  }
  check(rc, write ? "begin write" : "begin read");
  base_slots_ = store.shared_slots_;
  ++store.live_txns_;
  if (write) store.writing_ = true;
}

MDB_txn* TxnCore::live_txn() const {
  ARCTL_ASSERT(txn_ != nullptr, "store: the transaction has already ended");
  return txn_;
}

bool TxnCore::may_open_tables() const noexcept {
  return (store_.opener_ == nullptr || store_.opener_ == this) &&
         base_slots_ == store_.shared_slots_;
}

std::optional<MDB_dbi> TxnCore::table(std::string_view name) {
  for (const auto& [n, dbi] : opened_)
    if (n == name) return dbi;
  if (const auto it = store_.tables_.find(name);
      it != store_.tables_.end() && it->second < base_slots_)
    return it->second;
  for (const auto& n : absent_)
    if (n == name) return std::nullopt;

  const TableName cname(name);
  if (may_open_tables()) {
    MDB_dbi dbi = 0;
    const int rc = mdb_dbi_open(live_txn(), cname.c_str(), 0, &dbi);
    if (rc == MDB_NOTFOUND) {
      absent_.emplace_back(name);
      return std::nullopt;
    }
    check(rc, "open table");
    opened_.emplace_back(std::string(name), dbi);
    store_.opener_ = this;
    return dbi;
  }
  // Opening a handle now could collide with another transaction's; the main
  // database still tells whether the table exists in this snapshot.
  MDB_val k = to_val(name);
  MDB_val v{0, nullptr};
  const int rc = mdb_get(live_txn(), store_.main_dbi_, &k, &v);
  if (rc == MDB_NOTFOUND) {
    absent_.emplace_back(name);
    return std::nullopt;
  }
  check(rc, "find table");
  fail(ErrorKind::kError, cannot_open(name));
}

MDB_dbi TxnCore::create_table(std::string_view name) {
  if (auto dbi = table(name)) return *dbi;
  if (!may_open_tables()) fail(ErrorKind::kError, cannot_open(name));
  const TableName cname(name);
  MDB_dbi dbi = 0;
  const int rc = mdb_dbi_open(live_txn(), cname.c_str(), MDB_CREATE, &dbi);
  if (rc != MDB_SUCCESS) write_failed(rc, "create table");
  opened_.emplace_back(std::string(name), dbi);
  store_.opener_ = this;
  return dbi;
}

std::optional<BytesView> TxnCore::get(std::string_view table_name, BytesView key) {
  const auto dbi = table(table_name);
  if (!dbi || key.empty() || key.size() > store_.max_key_) return std::nullopt;
  MDB_val k = to_val(key);
  MDB_val v{0, nullptr};
  const int rc = mdb_get(live_txn(), *dbi, &k, &v);
  if (rc == MDB_NOTFOUND) return std::nullopt;
  check(rc, "get");
  return to_view(v);
}

std::unique_ptr<Cursor> TxnCore::cursor(std::string_view table_name) {
  const auto dbi = table(table_name);
  if (!dbi) return std::make_unique<LmdbCursor>(nullptr, nullptr, false, store_.max_key_);
  auto cursor = std::make_unique<LmdbCursor>(this, nullptr, write_, store_.max_key_);
  cursors_.push_back(cursor.get());
  check(mdb_cursor_open(live_txn(), *dbi, cursor->handle()), "open cursor");
  return cursor;
}

void TxnCore::write_failed(int rc, const char* operation) {
  if (rc == MDB_MAP_FULL) {
    store_.retry_ = LmdbStore::Retry::kGrow;
    throw RetryTransaction{"the store's map is full"};
  }
  if ((rc == ENOSPC || rc == EIO) && disk_full(store_.dir_))
    fail(ErrorKind::kError,
         std::string("store: No space left on device (") + operation + "): the disk holding " +
             store_.dir_.string() +
             " is full; nothing was written. Free space and run the command again.");
  fail_mdb(rc, operation);
}

void TxnCore::put(std::string_view table_name, BytesView key, BytesView value) {
  if (key.empty())
    fail(ErrorKind::kError, "store: empty key in table '" + std::string(table_name) + "'");
  if (key.size() > store_.max_key_)
    fail(ErrorKind::kConflict, "key too long for the store: " + std::to_string(key.size()) +
                                   " bytes (at most " + std::to_string(store_.max_key_) +
                                   ") in table '" + std::string(table_name) + "'");
  const auto dbi = create_table(table_name);
  MDB_val k = to_val(key);
  MDB_val v = to_val(value);
  const int rc = mdb_put(live_txn(), dbi, &k, &v, 0);
  if (rc != MDB_SUCCESS) write_failed(rc, "put");
}

bool TxnCore::del(std::string_view table_name, BytesView key) {
  const auto dbi = table(table_name);
  if (!dbi || key.empty() || key.size() > store_.max_key_) return false;
  MDB_val k = to_val(key);
  const int rc = mdb_del(live_txn(), *dbi, &k, nullptr);
  if (rc == MDB_NOTFOUND) return false;
  if (rc != MDB_SUCCESS) write_failed(rc, "delete");
  return true;
}

void TxnCore::commit() {
  live_txn();
  const int rc = finish(true);
  if (rc != MDB_SUCCESS) write_failed(rc, "commit");
}

int TxnCore::finish(bool commit) noexcept {
  for (auto* c : cursors_)
    c->detach();
  cursors_.clear();
  MDB_txn* txn = std::exchange(txn_, nullptr);
  int rc = MDB_SUCCESS;
  // mdb_txn_commit frees the transaction even when it fails.
  if (commit)
    rc = mdb_txn_commit(txn);
  else
    mdb_txn_abort(txn);
  store_.txn_ended(*this, commit && rc == MDB_SUCCESS);
  if (write_) store_.writing_ = false;
  return rc;
}

class LmdbReadTxn final : public ReadTxn {
 public:
  explicit LmdbReadTxn(LmdbStore& store) : core_(store, false) {}
  std::optional<BytesView> get(std::string_view table, BytesView key) override {
    return core_.get(table, key);
  }
  std::unique_ptr<Cursor> cursor(std::string_view table) override { return core_.cursor(table); }

 private:
  TxnCore core_;
};

class LmdbWriteTxn final : public WriteTxn {
 public:
  explicit LmdbWriteTxn(LmdbStore& store) : core_(store, true) {}
  std::optional<BytesView> get(std::string_view table, BytesView key) override {
    return core_.get(table, key);
  }
  std::unique_ptr<Cursor> cursor(std::string_view table) override { return core_.cursor(table); }
  void put(std::string_view table, BytesView key, BytesView value) override {
    core_.put(table, key, value);
  }
  bool del(std::string_view table, BytesView key) override { return core_.del(table, key); }
  void commit() override { core_.commit(); }

 private:
  TxnCore core_;
};

LmdbStore::LmdbStore(fs::path dir, EnvPtr env) : dir_(std::move(dir)), env_(std::move(env)) {
  max_key_ = static_cast<std::size_t>(mdb_env_get_maxkeysize(env_.get()));
  open_existing_tables();
}

int LmdbStore::begin_txn(unsigned flags, MDB_txn** txn) {
  int rc = mdb_txn_begin(env_.get(), nullptr, flags, txn);
  if (rc == MDB_READERS_FULL) {
    int cleared = 0;
    mdb_reader_check(env_.get(), &cleared);
    if (cleared > 0) rc = mdb_txn_begin(env_.get(), nullptr, flags, txn);
  }
  if (rc == MDB_MAP_RESIZED && live_txns_ == 0) {
    check(mdb_env_set_mapsize(env_.get(), 0), "adopt map size");
    rc = mdb_txn_begin(env_.get(), nullptr, flags, txn);
  }
  return rc;
}

// Tables that exist now get their handles up front, in a transaction of their
// own: later transactions then only open tables created after this point, which
// keeps overlapping transactions in one process from needing new handles.
void LmdbStore::open_existing_tables() {
  MDB_txn* txn = nullptr;
  check(begin_txn(MDB_RDONLY, &txn), "begin read");
  struct Guard {
    MDB_txn*& txn;
    ~Guard() {
      if (txn != nullptr) mdb_txn_abort(txn);
    }
  } guard{txn};

  check(mdb_dbi_open(txn, nullptr, 0, &main_dbi_), "open main database");
  std::vector<std::string> names;
  {
    MDB_cursor* c = nullptr;
    check(mdb_cursor_open(txn, main_dbi_, &c), "open cursor");
    MDB_val k{0, nullptr};
    MDB_val v{0, nullptr};
    int rc = 0;
    while ((rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) == MDB_SUCCESS)
      names.emplace_back(to_view(k));
    mdb_cursor_close(c);
    if (rc != MDB_NOTFOUND) fail_mdb(rc, "list tables");
  }

  std::vector<std::pair<std::string, MDB_dbi>> opened;
  for (auto& name : names) {
    if (name.empty() || name.size() > kMaxTableName || name.find('\0') != std::string::npos)
      continue;
    MDB_dbi dbi = 0;
    const int rc = mdb_dbi_open(txn, name.c_str(), 0, &dbi);
    if (rc == MDB_INCOMPATIBLE) continue;  // a plain record, not a table
    check(rc, "open table");
    opened.emplace_back(std::move(name), dbi);
  }
  check(mdb_txn_commit(std::exchange(txn, nullptr)), "commit read");
  for (auto& [name, dbi] : opened) {
    shared_slots_ = std::max(shared_slots_, dbi + 1);
    tables_.emplace(std::move(name), dbi);
  }
}

void LmdbStore::txn_ended(TxnCore& txn, bool committed) {
  --live_txns_;
  if (committed) {
    for (const auto& [name, dbi] : txn.opened()) {
      shared_slots_ = std::max(shared_slots_, dbi + 1);
      tables_.emplace(name, dbi);
    }
  }
  // Handles opened in an aborted transaction were closed by LMDB with it.
  if (opener_ == &txn) opener_ = nullptr;
}

std::unique_ptr<ReadTxn> LmdbStore::begin_read() {
  return std::make_unique<LmdbReadTxn>(*this);
}

std::unique_ptr<WriteTxn> LmdbStore::begin_write() {
  return std::make_unique<LmdbWriteTxn>(*this);
}

void LmdbStore::prepare_retry() {
  if (live_txns_ > 0)
    fail(ErrorKind::kError, "store: cannot resize the map while a transaction is open");
  const auto retry = std::exchange(retry_, Retry::kNone);
  if (retry == Retry::kGrow) {
    MDB_envinfo info{};
    check(mdb_env_info(env_.get(), &info), "env info");
    const auto grown = std::max<std::uint64_t>(info.me_mapsize * kGrowFactor, kRoomyMapBytes);
    check(mdb_env_set_mapsize(env_.get(), grown), "grow map");
  } else if (retry == Retry::kAdopt) {
    check(mdb_env_set_mapsize(env_.get(), 0), "adopt map size");
  }
}

StoreInfo LmdbStore::info() const {
  MDB_envinfo info{};
  check(mdb_env_info(env_.get(), &info), "env info");
  StoreInfo out;
  out.backend = kLmdbBackend;
  out.location = dir_.string();
  out.size_bytes = file_size_or_zero(dir_ / kDataFile);
  out.map_bytes = info.me_mapsize;
  return out;
}

std::vector<std::string> LmdbStore::tables(ReadTxn& txn) {
  std::vector<std::string> out;
  // A table may exist and be empty; only tables with entries count.
  for (const auto& t : named_tables(dir_))
    if (txn.cursor(t)->first()) out.push_back(t);
  return out;
}

void LmdbStore::backup(const fs::path& target) {
  // O_EXCL: a backup never replaces an existing file.
  const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kFileMode);
  if (fd < 0) {
    if (errno == EEXIST)
      fail(ErrorKind::kConflict, "backup target already exists: " + target.string());
    fail_errno("cannot create", target);
  }
  auto discard = [&](const std::string& why) {
    ::close(fd);
    ::unlink(target.c_str());
    fail(ErrorKind::kError, why);
  };
  if (::fchmod(fd, kFileMode) != 0)
    discard("store: cannot set permissions of " + target.string() + ": " + std::strerror(errno));
  const int rc = mdb_env_copyfd2(env_.get(), fd, MDB_CP_COMPACT);
  if (rc != MDB_SUCCESS)
    discard(std::string("store: ") + mdb_strerror(rc) + " (backup to " + target.string() + ")");
  if (::fsync(fd) != 0)
    discard("store: cannot sync " + target.string() + ": " + std::strerror(errno));
  if (::close(fd) != 0) {
    ::unlink(target.c_str());
    fail_errno("cannot write", target);
  }
}

}  // namespace

std::string lmdb_library_version() {
  int major = 0, minor = 0, patch = 0;
  mdb_version(&major, &minor, &patch);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

std::unique_ptr<Store> open_lmdb_store(const fs::path& dir, bool create) {
  fs::path where = dir.lexically_normal();
  if (where.empty()) fail(ErrorKind::kError, "store: empty ledger directory");
  if (!where.has_filename() && where.has_relative_path()) where = where.parent_path();

  const auto data = where / kDataFile;
  const auto lock = where / kLockFile;
  std::error_code ec;
  const bool had_data = fs::exists(data, ec);
  const bool had_lock = fs::exists(lock, ec);
  if (!had_data) {
    if (!create) fail(ErrorKind::kNotFound, "no ledger at " + dir.string());
    make_private_dir(where);
  }

  MDB_env* raw = nullptr;
  check(mdb_env_create(&raw), "create environment");
  EnvPtr env(raw);
  check(mdb_env_set_maxdbs(env.get(), kMaxTables), "set max tables");
  const auto size = file_size_or_zero(data);
  const auto wanted = std::max(kRoomyMapBytes, size * kOpenHeadroom);
  const auto map =
      had_data ? (wanted + kMinMapBytes - 1) / kMinMapBytes * kMinMapBytes : kMinMapBytes;
  check(mdb_env_set_mapsize(env.get(), map), "set map size");
  // MDB_NOTLS ties reader slots to transactions, not threads, so one thread
  // may hold several read transactions at once.
  check(mdb_env_open(env.get(), where.c_str(), MDB_NOTLS, kFileMode), "open");
  // The mode given to mdb_env_open is filtered by the umask.
  for (const auto& [path, existed] : {std::pair{data, had_data}, std::pair{lock, had_lock}})
    if (!existed && ::chmod(path.c_str(), kFileMode) != 0)
      fail_errno("cannot set permissions of", path);
  int stale = 0;
  check(mdb_reader_check(env.get(), &stale), "clear stale readers");
  return std::make_unique<LmdbStore>(where, std::move(env));
}

}  // namespace arctl
