// Transactions on PostgreSQL. A read transaction is one REPEATABLE READ READ
// ONLY snapshot. A write transaction first bumps the ledger's head row, which
// serialises writers; its puts and deletes wait in memory and go out in
// multi-row statements, and its reads see them through the same overlay.
#include <algorithm>
#include <map>
#include <optional>

#include "arctl/error.hpp"
#include "arctl/log.hpp"
#include "store/pg_store.hpp"
#include "store/prefetch.hpp"

namespace arctl::pg {
namespace {

// LMDB's key limit: keys that fit one backend fit the other.
constexpr std::size_t kMaxKey = 511;
// Pending writes are sent when this many have gathered (and at commit).
constexpr std::size_t kFlushEntries = 16384;
// After a transaction that wrote this many entries, the server's statistics
// are refreshed.
constexpr std::size_t kAnalyzeRows = 50000;
// From this many upserts in one flush, they go out by COPY.
constexpr std::size_t kCopyRows = 1000;
// A write transaction caches what it read; past this many entries the
// clean ones are dropped (after a flush, so no pending write is lost).
constexpr std::size_t kMaxCached = 200000;
// Waiting for the head row ends in a serialization failure whenever another
// writer committed meanwhile; the lock is simply requested again.
constexpr int kMaxLockAttempts = 10000;

// Ends an unfinished transaction and hands its connection back to the pool.
// Runs in destructors, so it never throws.
void roll_back_and_return(PgStore& store, std::unique_ptr<Conn>& conn) noexcept {
  try {
    if (conn->healthy()) {
      conn->exec("ROLLBACK");
      store.give_back(std::move(conn));
    }
  } catch (...) {  // a connection that cannot roll back is dropped
  }
}

class PgReadTxn final : public ReadTxn, public Source {
 public:
  explicit PgReadTxn(PgStore& store) : store_(store), conn_(store.take()) {
    guarded([&] { conn_->exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); });
  }
  ~PgReadTxn() override { roll_back_and_return(store_, conn_); }

  std::optional<BytesView> get(std::string_view table, BytesView key) override {
    if (key.empty() || key.size() > kMaxKey) return std::nullopt;
    std::optional<BytesView> v;
    guarded([&] { v = reader_.get(*conn_, store_.kv(), table, key); });
    if (!v) return std::nullopt;
    // The view must outlive what the Reader keeps, until the transaction
    // ends (store.hpp). A snapshot never changes, so each key read is kept
    // once: memory grows with the distinct keys read.
    std::string id(table);
    id += '\0';
    id += key;
    auto it = kept_.find(id);
    if (it == kept_.end()) it = kept_.emplace(std::move(id), std::string(*v)).first;
    return BytesView(it->second);
  }
  std::unique_ptr<Cursor> cursor(std::string_view table) override {
    return make_cursor(*this, table);
  }

  Result query(const std::string& sql, const std::vector<BytesView>& params) override {
    std::optional<Result> r;
    guarded([&] { r.emplace(conn_->exec_prepared(sql, params)); });
    return std::move(*r);
  }
  Page forward(std::string_view table, const std::string& from, int limit) override {
    Page page;
    guarded([&] { page = reader_.forward(*conn_, store_.kv(), table, from, limit); });
    return page;
  }
  void pending(std::string_view, const std::optional<std::string>&, bool,
               const std::optional<std::string>&, bool, const PendingFn&) const override {}
  std::uint64_t write_gen(std::string_view) const override { return 0; }
  const std::string& kv() const override { return store_.kv(); }

 private:
  // A read is not retried by the ledger: a lost server is an error here.
  template <class F>
  void guarded(F&& f) {
    try {
      f();
    } catch (const RetryTransaction& r) {
      fail(ErrorKind::kError, "store: " + r.reason);
    }
  }

  PgStore& store_;
  std::unique_ptr<Conn> conn_;
  Reader reader_;
  std::map<std::string, std::string, std::less<>> kept_;  // "table\0key" -> value
};

class PgWriteTxn final : public WriteTxn, public Source, public Prefetch {
 public:
  explicit PgWriteTxn(PgStore& store) : store_(store), conn_(store.take(true)) {
    first_ = conn_->statements();
    const std::string lock = "UPDATE " + store.head() + " SET gen = gen + 1 WHERE id = 1";
    for (int attempt = 0; attempt < kMaxLockAttempts; ++attempt) {
      conn_->exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
      if (conn_->try_exec(lock)) return;
      conn_->exec("ROLLBACK");
    }
    throw RetryTransaction{"the ledger stayed busy with other writers"};
  }
  ~PgWriteTxn() override {
    if (done_) return;
    roll_back_and_return(store_, conn_);
  }

  std::optional<BytesView> get(std::string_view table, BytesView key) override {
    if (key.empty() || key.size() > kMaxKey) return std::nullopt;
    const auto& e = entry(table_of(table), table, key)->second;
    if (!e.value) return std::nullopt;
    return BytesView(*e.value);
  }
  std::unique_ptr<Cursor> cursor(std::string_view table) override {
    return make_cursor(*this, table);
  }

  void put(std::string_view table, BytesView key, BytesView value) override {
    if (key.empty())
      fail(ErrorKind::kError, "store: empty key in table '" + std::string(table) + "'");
    if (key.size() > kMaxKey)
      fail(ErrorKind::kConflict, "key too long for the store: " + std::to_string(key.size()) +
                                     " bytes (at most " + std::to_string(kMaxKey) + ") in table '" +
                                     std::string(table) + "'");
    auto& t = table_of(table);
    auto it = t.find(key);
    if (it == t.end()) {
      it = t.emplace(std::string(key), Entry{}).first;
      ++cached_;
    }
    set(t, it, std::string(value));
  }

  bool del(std::string_view table, BytesView key) override {
    if (key.empty() || key.size() > kMaxKey) return false;
    auto& t = table_of(table);
    const auto it = entry(t, table, key);
    if (!it->second.value) return false;
    set(t, it, std::nullopt);
    return true;
  }

  void commit() override {
    flush();
    conn_->exec("COMMIT");
    if (log::enabled(2))
      log::debug("store: the transaction took " + std::to_string(conn_->statements() - first_) +
                 " statements");
    done_ = true;
    if (written_ >= kAnalyzeRows) refresh_statistics();
    store_.give_back(std::move(conn_));
  }

  Result query(const std::string& sql, const std::vector<BytesView>& params) override {
    return conn_->exec_prepared(sql, params);
  }

  // The keys not yet in the overlay, kWriteBatch per statement; each key
  // read, found or not, is kept as a get would keep it.
  void prefetch(std::string_view table, const std::vector<std::string>& keys) override {
    auto& t = table_of(table);
    std::vector<std::string_view> want;
    for (const auto& k : keys)
      if (!k.empty() && k.size() <= kMaxKey && t.find(k) == t.end()) want.emplace_back(k);
    std::sort(want.begin(), want.end());
    want.erase(std::unique(want.begin(), want.end()), want.end());
    const BytesView name = table_names_.at(&t);
    for (std::size_t at = 0; at < want.size(); at += kWriteBatch) {
      const auto n = std::min(kWriteBatch, want.size() - at);
      std::vector<BytesView> params{name};
      std::string sql = "SELECT k, v FROM " + store_.kv() + " WHERE tbl = $1 AND k IN (";
      for (std::size_t i = 0; i < n; ++i) {
        sql += (i ? ",$" : "$") + std::to_string(i + 2);
        params.emplace_back(want[at + i]);
      }
      sql += ")";
      const auto r = conn_->exec(sql, params);
      std::map<std::string_view, BytesView> found;
      for (int row = 0; row < r.rows(); ++row)
        found.emplace(r.get(row, 0), r.get(row, 1));
      for (std::size_t i = 0; i < n; ++i) {
        Entry e;
        if (const auto f = found.find(want[at + i]); f != found.end())
          e.value = std::string(f->second);
        t.emplace(std::string(want[at + i]), std::move(e));
        ++cached_;
      }
    }
  }
  Page forward(std::string_view table, const std::string& from, int limit) override {
    return reader_.forward(*conn_, store_.kv(), table, from, limit);
  }
  void pending(std::string_view table, const std::optional<std::string>& lo, bool lo_incl,
               const std::optional<std::string>& hi, bool hi_incl,
               const PendingFn& fn) const override {
    const auto t = tables_.find(table);
    if (t == tables_.end()) return;
    auto it = !lo ? t->second.begin()
                  : (lo_incl ? t->second.lower_bound(*lo) : t->second.upper_bound(*lo));
    for (; it != t->second.end(); ++it) {
      if (hi && (hi_incl ? it->first > *hi : it->first >= *hi)) break;
      if (it->second.dirty) fn(it->first, it->second.value);
    }
  }
  std::uint64_t write_gen(std::string_view table) const override {
    const auto t = tables_.find(table);
    if (t == tables_.end()) return 0;
    const auto g = table_gen_.find(&t->second);
    return g == table_gen_.end() ? 0 : g->second;
  }
  const std::string& kv() const override { return store_.kv(); }

 private:
  struct Entry {
    std::optional<std::string> value;
    bool dirty = false;
  };
  using Table = std::map<std::string, Entry, std::less<>>;

  Table& table_of(std::string_view name) {
    auto it = tables_.find(name);
    if (it == tables_.end()) {
      it = tables_.emplace(std::string(name), Table{}).first;
      table_names_[&it->second] = it->first;
    }
    return it->second;
  }

  // The entry for `key`, read from the server into the overlay if needed.
  Table::iterator entry(Table& t, std::string_view table, BytesView key) {
    if (auto it = t.find(key); it != t.end()) return it;
    Entry e;
    if (const auto v = reader_.get(*conn_, store_.kv(), table, key)) e.value = std::string(*v);
    ++cached_;
    return t.emplace(std::string(key), std::move(e)).first;
  }

  void set(Table& t, Table::iterator it, std::optional<std::string> value) {
    auto& e = it->second;
    e.value = std::move(value);
    if (!e.dirty) dirty_list_.emplace_back(&t, it);
    e.dirty = true;
    table_gen_[&t] = ++gen_;
    if (dirty_list_.size() >= kFlushEntries) {
      flush();
      if (cached_ > kMaxCached) evict();
    }
  }

  // After a large write the server's statistics still describe the store
  // before it, until autovacuum's next pass (a minute or more): a command
  // run right after an import then read a table it thought nearly empty by
  // scanning it (a prefetch of 1,000 documents took 25 ms instead of 2).
  // ANALYZE samples a fixed number of rows, about a second at 7 million.
  // The command has committed: a failure here (a role that may write but
  // does not own the table gets a warning, not an error) only loses the hint.
  void refresh_statistics() noexcept {
    try {
      conn_->exec("ANALYZE " + store_.kv());
    } catch (...) {
      log::debug("store: could not refresh the statistics of " + store_.kv());
    }
  }

  void evict() {
    tables_.clear();
    table_names_.clear();
    table_gen_.clear();
    reader_.clear();
    cached_ = 0;
  }

  // Sends every pending write, in key order. Upserts go out in one COPY
  // when there are many of them, else many rows per statement; deletes many
  // rows per statement. Statements are per table (its name is their first
  // parameter).
  void flush() {
    if (dirty_list_.empty()) return;
    std::sort(dirty_list_.begin(), dirty_list_.end(), [this](const auto& a, const auto& b) {
      if (a.first != b.first) return table_names_.at(a.first) < table_names_.at(b.first);
      return a.second->first < b.second->first;
    });
    std::size_t n_puts = 0;
    for (const auto& [t, it] : dirty_list_)
      n_puts += it->second.value ? 1 : 0;
    written_ += dirty_list_.size();
    const bool copy = n_puts >= kCopyRows;
    if (copy) copy_puts();
    std::vector<Entry*> puts_e, dels_e;
    std::vector<BytesView> puts, dels;
    for (std::size_t i = 0; i < dirty_list_.size();) {
      Table* t = dirty_list_[i].first;
      const BytesView name = table_names_.at(t);
      puts.assign(1, name);
      dels.assign(1, name);
      for (; i < dirty_list_.size() && dirty_list_[i].first == t; ++i) {
        auto& [k, e] = *dirty_list_[i].second;
        // What this transaction knows of the server stays exact. A failed
        // statement ends the transaction, and the Reader with it.
        reader_.wrote(name, k, e.value);
        if (e.value) {
          if (copy) {
            e.dirty = false;
            continue;
          }
          puts.emplace_back(k);
          puts.emplace_back(*e.value);
          puts_e.push_back(&e);
        } else {
          dels.emplace_back(k);
          dels_e.push_back(&e);
        }
        if (puts_e.size() >= kWriteBatch) send_puts(puts, puts_e);
        if (dels_e.size() >= kWriteBatch) send_dels(dels, dels_e);
      }
      send_puts(puts, puts_e);
      send_dels(dels, dels_e);
    }
    dirty_list_.clear();
  }

  // The upserts of the dirty list, in its order: COPY (binary) into a
  // temporary table, then one statement that moves them into the store.
  // Against multi-row INSERT ... ON CONFLICT, this took the server's time for
  // a 100,000-invoice import from 12.7 s to 8.7 s, and two statements per
  // flush replace one per thousand rows.
  void copy_puts() {
    if (!staged_) {
      conn_->exec(
          "CREATE TEMP TABLE arctl_stage (tbl text COLLATE \"C\" NOT NULL, k bytea NOT "
          "NULL, v bytea NOT NULL) ON COMMIT DROP");
      staged_ = true;
    }
    std::string data("PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0", 19);
    auto u16 = [&](std::uint16_t v) {
      data += static_cast<char>(v >> 8);
      data += static_cast<char>(v & 0xff);
    };
    auto field = [&](std::string_view f) {
      const auto n = static_cast<std::uint32_t>(f.size());
      u16(static_cast<std::uint16_t>(n >> 16));
      u16(static_cast<std::uint16_t>(n & 0xffff));
      data += f;
    };
    for (const auto& [t, it] : dirty_list_) {
      if (!it->second.value) continue;
      u16(3);
      field(table_names_.at(t));
      field(it->first);
      field(*it->second.value);
    }
    u16(0xffff);
    conn_->copy_in("COPY pg_temp.arctl_stage FROM STDIN (FORMAT binary)", data);
    // The server moves the rows while this transaction goes on; its next
    // statement waits for them.
    conn_->send("WITH s AS (DELETE FROM pg_temp.arctl_stage RETURNING tbl, k, v) INSERT INTO " +
                store_.kv() +
                " (tbl, k, v) SELECT tbl, k, v FROM s ON CONFLICT (tbl, k) DO UPDATE SET v = "
                "EXCLUDED.v");
  }

  void send_puts(std::vector<BytesView>& params, std::vector<Entry*>& entries) {
    if (entries.empty()) return;
    std::string sql = "INSERT INTO " + store_.kv() + " (tbl, k, v) VALUES ";
    for (std::size_t i = 0; i < entries.size(); ++i)
      sql += (i ? ",($1,$" : "($1,$") + std::to_string(2 * i + 2) + ",$" +
             std::to_string(2 * i + 3) + ")";
    sql += " ON CONFLICT (tbl, k) DO UPDATE SET v = EXCLUDED.v";
    conn_->exec(sql, params);
    done_with(params, entries);
  }

  void send_dels(std::vector<BytesView>& params, std::vector<Entry*>& entries) {
    if (entries.empty()) return;
    std::string sql = "DELETE FROM " + store_.kv() + " WHERE tbl = $1 AND k IN (";
    for (std::size_t i = 0; i < entries.size(); ++i)
      sql += (i ? ",$" : "$") + std::to_string(i + 2);
    sql += ")";
    conn_->exec(sql, params);
    done_with(params, entries);
  }

  static void done_with(std::vector<BytesView>& params, std::vector<Entry*>& entries) {
    for (auto* e : entries)
      e->dirty = false;
    entries.clear();
    params.resize(1);
  }

  PgStore& store_;
  std::unique_ptr<Conn> conn_;
  std::map<std::string, Table, std::less<>> tables_;
  std::map<const Table*, std::string_view> table_names_;
  // Entries written since the last flush, each once.
  std::vector<std::pair<Table*, Table::iterator>> dirty_list_;
  Reader reader_;
  std::size_t cached_ = 0;
  std::uint64_t gen_ = 0;
  // The latest write to each table, for cursors standing in it.
  std::map<const Table*, std::uint64_t> table_gen_;
  std::uint64_t first_ = 0;
  bool done_ = false;
  bool staged_ = false;      // arctl_stage exists in this transaction
  std::size_t written_ = 0;  // entries sent, for refresh_statistics
};

}  // namespace

std::unique_ptr<ReadTxn> make_read_txn(PgStore& store) {
  return std::make_unique<PgReadTxn>(store);
}

std::unique_ptr<WriteTxn> make_write_txn(PgStore& store) {
  return std::make_unique<PgWriteTxn>(store);
}

}  // namespace arctl::pg
