// The PostgreSQL backend of Store, private to the kernel: a libpq connection
// wrapper that turns server errors into retries or arctl errors, and the store
// that hands out one pooled connection per open transaction.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "arctl/store.hpp"
#include "store/libpq.hpp"

namespace arctl::pg {

// Rows per page of a range scan, entries per multi-row write.
inline constexpr int kMaxPageRows = 1024;
inline constexpr int kFirstPageRows = 16;
inline constexpr std::size_t kWriteBatch = 1000;

// One result; columns arrive in binary, so bytea and text are raw bytes.
class Result {
 public:
  explicit Result(PGresult* r) : r_(r) {}
  ~Result() { pq().PQclear(r_); }
  Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  int rows() const { return pq().PQntuples(r_); }
  BytesView get(int row, int col) const {
    return {pq().PQgetvalue(r_, row, col),
            static_cast<std::size_t>(pq().PQgetlength(r_, row, col))};
  }

 private:
  PGresult* r_;
};

class Conn {
 public:
  // `masked` names the server in messages; it never holds a password.
  Conn(const std::string& conninfo, std::string masked);
  ~Conn();
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  // Runs one statement with binary parameters. A serialization failure,
  // deadlock or lost connection throws RetryTransaction; any other failure
  // throws Error(kError) naming the server (never its password).
  Result exec(const std::string& sql, const std::vector<BytesView>& params = {});
  // As exec, for statements run many times: parsed and planned once per
  // connection.
  Result exec_prepared(const std::string& sql, const std::vector<BytesView>& params);
  // Runs `sql`, a COPY ... FROM STDIN, sending `data` as its whole input.
  // Errors as exec.
  void copy_in(const std::string& sql, std::string_view data);
  // Sends `sql` (no parameters, no rows back) without waiting for it: the
  // server runs it while the caller goes on. The next call on the connection
  // waits for it first, and reports its failure as exec would.
  void send(const std::string& sql);
  // As exec, but reports a serialization failure by returning false.
  bool try_exec(const std::string& sql, const std::vector<BytesView>& params = {});
  bool healthy() const { return pq().PQstatus(c_) == CONNECTION_OK && !broken_; }
  const std::string& masked() const { return masked_; }
  std::uint64_t statements() const { return statements_; }

 private:
  PGresult* run(const std::string& sql, const std::vector<BytesView>& params,
                const std::string* statement = nullptr);
  Result checked(PGresult* r, const std::string& sql);
  [[noreturn]] void raise(PGresult* r, const std::string& sql);
  // Waits for the statement send() left running, if any; then checks that
  // the connection is usable.
  void ready();
  // Reads the results of the statement sent last; fails as exec would.
  void last_result(const std::string& sql);

  PGconn* c_ = nullptr;
  std::string masked_;
  bool broken_ = false;
  std::uint64_t statements_ = 0;
  std::string sent_;  // the statement send() left running, if any
  std::map<std::string, std::string, std::less<>> prepared_;  // SQL -> statement name
};

// Cuts the socket of every open connection of this process, as a network
// failure would: the next statement on each meets a real lost connection.
// For fault injection (fault_store.cpp) only.
void sever_connections();

// Quotes an identifier that parse_store_url has already validated.
std::string quote_ident(const std::string& name);

class PgStore final : public Store {
 public:
  PgStore(StoreUrl url, std::unique_ptr<Conn> first);
  ~PgStore() override;

  std::unique_ptr<ReadTxn> begin_read() override;
  std::unique_ptr<WriteTxn> begin_write() override;
  void prepare_retry() override;
  StoreInfo info() const override;
  void backup(const std::filesystem::path& target) override;

  // For transactions: a connection of the pool, and its way back. A failure
  // to connect is a RetryTransaction when `retry_connect` (writes), else an
  // Error.
  std::unique_ptr<Conn> take(bool retry_connect = false);
  void give_back(std::unique_ptr<Conn> c);
  const std::string& kv() const { return kv_; }      // "schema".kv
  const std::string& head() const { return head_; }  // "schema".head
  std::vector<std::string> tables(ReadTxn& txn) override;

 private:
  StoreUrl url_;
  std::string kv_;
  std::string head_;
  std::vector<std::unique_ptr<Conn>> idle_;
  int retries_ = 0;
};

// Makes the schema's tables (idempotent), or checks that they exist.
void create_schema(Conn& c, const StoreUrl& url);
bool schema_exists(Conn& c, const StoreUrl& url);

// One forward page of a table, as the server holds it.
struct Page {
  std::vector<std::pair<std::string, std::string>> rows;
  // The page covers the keys from its start through `far`, inclusive: the
  // server may hold more after it. nullopt: through the end of the table.
  std::optional<std::string> far;
};

// What a transaction has read from the server, kept as key ranges known in
// full. A transaction's snapshot changes only by its own writes, which reach
// this through wrote(), so a known range answers every later read inside it:
// a point read, or a cursor's page. Reads that keep missing a small table
// fetch the whole table in one statement; a scan's large pages are not kept.
// The kept rows are bounded: past the bound everything is dropped.
class Reader {
 public:
  // The value at `key`. Valid until the next call on this Reader.
  std::optional<BytesView> get(Conn& conn, const std::string& kv, std::string_view table,
                               BytesView key);
  // Rows from `from` (inclusive; empty: the table's first key) on, at most
  // `limit` of them.
  Page forward(Conn& conn, const std::string& kv, std::string_view table, const std::string& from,
               int limit);
  // This transaction's write reached the server (value nullopt: a delete).
  void wrote(std::string_view table, BytesView key, const std::optional<std::string>& value);
  void clear();
  std::size_t rows() const { return rows_; }

 private:
  struct Table {
    std::map<std::string, std::string, std::less<>> rows;
    // Known ranges, disjoint and not touching: first key -> last key
    // (inclusive; nullopt: through the end of the table).
    std::map<std::string, std::optional<std::string>, std::less<>> ranges;
    // The last point-read window, to grow the next one while reads land in it.
    std::string window_lo;
    std::optional<std::string> window_hi;
    int window = 0;
    bool window_used = false;
    int misses = 0;
    int next_whole = 0;  // the miss count of the next whole-table attempt
  };
  using Range = std::map<std::string, std::optional<std::string>, std::less<>>::const_iterator;
  static std::optional<Range> covering(const Table& t, BytesView key);
  Table& table_of(std::string_view table);
  // Records that the server holds exactly `rows` from `from` through `far`.
  // May drop everything kept before, invalidating references to tables.
  void add(std::string_view table, const std::string& from, const std::optional<std::string>& far,
           std::vector<std::pair<std::string, std::string>>&& rows);
  // Counts a miss of a seek or point read; after enough of them, fetches the
  // whole table if it is small. True when the table is now known in full.
  bool missed(Conn& conn, const std::string& kv, std::string_view table, Table& t);
  Page query(Conn& conn, const std::string& kv, std::string_view table, const std::string& from,
             int limit);

  std::map<std::string, Table, std::less<>> tables_;
  std::size_t rows_ = 0;
};

// What a cursor needs from its transaction: queries on the server, forward
// pages through the transaction's Reader, the transaction's writes not sent
// yet (merged into each page, so that a scan does not force them out), and a
// count of writes to each table so that a cursor whose page is older than the
// latest write to its table reads again from where it stands.
class Source {
 public:
  using PendingFn = std::function<void(BytesView key, const std::optional<std::string>& value)>;
  virtual ~Source() = default;
  virtual Result query(const std::string& sql, const std::vector<BytesView>& params) = 0;
  virtual Page forward(std::string_view table, const std::string& from, int limit) = 0;
  // Unsent writes to `table` with lo < key < hi (bounds optional; inclusive
  // when *_incl), in key order; a delete has no value.
  virtual void pending(std::string_view table, const std::optional<std::string>& lo, bool lo_incl,
                       const std::optional<std::string>& hi, bool hi_incl,
                       const PendingFn& fn) const = 0;
  virtual std::uint64_t write_gen(std::string_view table) const = 0;
  virtual const std::string& kv() const = 0;
};
std::unique_ptr<Cursor> make_cursor(Source& source, std::string_view table);

std::unique_ptr<ReadTxn> make_read_txn(PgStore& store);
std::unique_ptr<WriteTxn> make_write_txn(PgStore& store);

}  // namespace arctl::pg
