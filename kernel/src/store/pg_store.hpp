// The PostgreSQL backend of Store, private to the kernel: a libpq connection
// wrapper that turns server errors into retries or arctl errors, and the store
// that hands out one pooled connection per open transaction.
#pragma once

#include <libpq-fe.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "arctl/store.hpp"

namespace arctl::pg {

// Rows per page of a range scan, entries per multi-row write.
inline constexpr int kMaxPageRows = 1024;
inline constexpr int kFirstPageRows = 16;
inline constexpr std::size_t kWriteBatch = 1000;

// One result; columns arrive in binary, so bytea and text are raw bytes.
class Result {
 public:
  explicit Result(PGresult* r) : r_(r) {}
  ~Result() { PQclear(r_); }
  Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  int rows() const { return PQntuples(r_); }
  BytesView get(int row, int col) const {
    return {PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col))};
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
  // As exec, but reports a serialization failure by returning false.
  bool try_exec(const std::string& sql, const std::vector<BytesView>& params = {});
  bool healthy() const { return PQstatus(c_) == CONNECTION_OK && !broken_; }
  const std::string& masked() const { return masked_; }
  std::uint64_t statements() const { return statements_; }

 private:
  PGresult* run(const std::string& sql, const std::vector<BytesView>& params,
                const std::string* statement = nullptr);
  Result checked(PGresult* r, const std::string& sql);
  [[noreturn]] void raise(PGresult* r, const std::string& sql);

  PGconn* c_ = nullptr;
  std::string masked_;
  bool broken_ = false;
  std::uint64_t statements_ = 0;
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

// What a cursor needs from its transaction: queries on the server, the
// transaction's writes not sent yet (merged into each page, so that a scan
// does not force them out), and a count of writes so that a cursor whose page
// is older than the latest write reads again from where it stands.
class Source {
 public:
  using PendingFn = std::function<void(BytesView key, const std::optional<std::string>& value)>;
  virtual ~Source() = default;
  virtual Result query(const std::string& sql, const std::vector<BytesView>& params) = 0;
  // Unsent writes to `table` with lo < key < hi (bounds optional; inclusive
  // when *_incl), in key order; a delete has no value.
  virtual void pending(std::string_view table, const std::optional<std::string>& lo, bool lo_incl,
                       const std::optional<std::string>& hi, bool hi_incl,
                       const PendingFn& fn) const = 0;
  virtual std::uint64_t write_gen() const = 0;
  virtual const std::string& kv() const = 0;
};
std::unique_ptr<Cursor> make_cursor(Source& source, std::string_view table);

// Point reads that read ahead: a get that misses fetches the key and the
// entries after it in one statement, so reads in key order (listings,
// imports of new ids) cost one round trip per window rather than per key.
// Keys inside a fetched range and absent from it are known to be absent.
class Lookahead {
 public:
  // Valid until the next get() of the same table or clear().
  std::optional<BytesView> get(Conn& conn, const std::string& kv, std::string_view table,
                               BytesView key);
  void clear() { windows_.clear(); }

 private:
  struct Window {
    std::string lo;
    std::optional<std::string> hi;  // nullopt: through the end of the table
    std::map<std::string, std::string, std::less<>> rows;
    int size = 0;
    bool used = false;
  };
  std::map<std::string, Window, std::less<>> windows_;
};

std::unique_ptr<ReadTxn> make_read_txn(PgStore& store);
std::unique_ptr<WriteTxn> make_write_txn(PgStore& store);

}  // namespace arctl::pg
