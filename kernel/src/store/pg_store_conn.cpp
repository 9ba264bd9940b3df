// One libpq connection: binary parameters and results, and the sorting of
// server errors into "run the transaction again" and "tell the user".
#include <sys/socket.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <set>

#include "arctl/error.hpp"
#include "arctl/log.hpp"
#include "store/pg_store.hpp"

namespace arctl::pg {
namespace {

// The first line of a libpq message: the rest repeats context we print anyway.
std::string first_line(const char* msg) {
  std::string s = msg ? msg : "";
  if (const auto nl = s.find('\n'); nl != std::string::npos) s.resize(nl);
  if (s.starts_with("ERROR:  ")) s.erase(0, 8);
  return s;
}

// SQLSTATEs after which the whole transaction may simply run again.
bool retryable(std::string_view state) {
  return state == "40001"                                              // serialization_failure
         || state == "40P01"                                           // deadlock_detected
         || state.starts_with("08")                                    // connection exceptions
         || state == "57P01" || state == "57P02" || state == "57P03";  // shutdown, starting
}

// The open connections, for sever_connections().
struct Live {
  std::mutex mutex;
  std::set<PGconn*> conns;
};

Live& live() {
  static Live l;
  return l;
}

}  // namespace

void sever_connections() {
  auto& l = live();
  const std::lock_guard lock(l.mutex);
  for (auto* c : l.conns)
    if (const int fd = pq().PQsocket(c); fd >= 0) ::shutdown(fd, SHUT_RDWR);
}

std::string quote_ident(const std::string& name) {
  return "\"" + name + "\"";
}

Conn::Conn(const std::string& conninfo, std::string masked) : masked_(std::move(masked)) {
  c_ = pq().PQconnectdb(conninfo.c_str());
  if (c_ == nullptr) fail(ErrorKind::kError, "store: out of memory connecting to " + masked_);
  if (pq().PQstatus(c_) != CONNECTION_OK) {
    const auto why = first_line(pq().PQerrorMessage(c_));
    pq().PQfinish(c_);
    c_ = nullptr;
    fail(ErrorKind::kError, "store: cannot connect to " + masked_ + ": " + why);
  }
  // Notices (such as "schema already exists") are not for the user.
  pq().PQsetNoticeProcessor(
      c_, [](void*, const char*) {}, nullptr);
  {
    const std::lock_guard lock(live().mutex);
    live().conns.insert(c_);
  }
  // Every statement arctl sends reads or writes (tbl, k) ranges in key
  // order, which the primary key's index answers best. The table's
  // statistics never count the rows the running transaction wrote: past a
  // few hundred thousand of them the planner still guessed a handful, and
  // a seek of 16 entries became a bitmap scan of every row after the key and
  // a sort (a third of a 100,000-invoice import). Plans that read more than
  // the range asked for are therefore ruled out for the session.
  // - The one table read whole, the temporary table of a large write
  //   (pg_store_txn.cpp), is then estimated at the cost of a plan ruled out,
  //   which made the server compile each write with JIT: 300 ms per flush.
  //   JIT never pays for statements of a few milliseconds.
  // - That table stays in memory up to temp_buffers: a flush can hold
  //   16,384 documents.
  try {
    exec(
        "SELECT set_config('enable_bitmapscan', 'off', false), "
        "set_config('enable_seqscan', 'off', false), set_config('jit', 'off', false), "
        "set_config('temp_buffers', '64MB', false)");
  } catch (...) {
    // A constructor that throws runs no destructor: close the connection here.
    {
      const std::lock_guard lock(live().mutex);
      live().conns.erase(c_);
    }
    pq().PQfinish(c_);
    c_ = nullptr;
    throw;
  }
}

Conn::~Conn() {
  if (c_ == nullptr) return;
  {
    const std::lock_guard lock(live().mutex);
    live().conns.erase(c_);
  }
  pq().PQfinish(c_);
}

PGresult* Conn::run(const std::string& sql, const std::vector<BytesView>& params,
                    const std::string* statement) {
  ++statements_;
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
  values.reserve(params.size());
  lengths.reserve(params.size());
  formats.assign(params.size(), 1);
  for (const auto& p : params) {
    // libpq reads a zero-length binary parameter through its pointer anyway.
    values.push_back(p.data() != nullptr ? p.data() : "");
    lengths.push_back(static_cast<int>(p.size()));
  }
  if (statement != nullptr)
    return pq().PQexecPrepared(c_, statement->c_str(), static_cast<int>(params.size()),
                               values.data(), lengths.data(), formats.data(), 1);
  return pq().PQexecParams(c_, sql.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                           lengths.data(), formats.data(), 1);
}

void Conn::raise(PGresult* r, const std::string& sql) {
  const char* state = r ? pq().PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const std::string st = state ? state : "";
  std::string msg = first_line(r ? pq().PQresultErrorMessage(r) : pq().PQerrorMessage(c_));
  if (msg.empty()) msg = first_line(pq().PQerrorMessage(c_));
  pq().PQclear(r);
  // The server gives every error it sends an SQLSTATE; one without is libpq's
  // own, and when the server went away mid-statement libpq may report it
  // ("server closed the connection unexpectedly") before it marks the
  // connection bad: reading from the socket settles which it is.
  if (st.empty() && pq().PQstatus(c_) == CONNECTION_OK) pq().PQconsumeInput(c_);
  const bool lost = pq().PQstatus(c_) != CONNECTION_OK ||
                    (st.empty() && msg.find("closed the connection") != std::string::npos);
  if (lost) broken_ = true;
  if (lost || retryable(st)) {
    broken_ = broken_ || lost;
    throw RetryTransaction{(lost ? "lost the connection to " : "") + masked_ + (lost ? "" : ": ") +
                           (lost ? "" : msg)};
  }
  log::debug("store: failed statement: " + sql.substr(0, 200));
  fail(ErrorKind::kError, "store: " + masked_ + ": " + msg);
}

Result Conn::checked(PGresult* r, const std::string& sql) {
  const auto status = r ? pq().PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) raise(r, sql);
  return Result(r);
}

Result Conn::exec(const std::string& sql, const std::vector<BytesView>& params) {
  ready();
  return checked(run(sql, params), sql);
}

Result Conn::exec_prepared(const std::string& sql, const std::vector<BytesView>& params) {
  ready();
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    const auto name = "arctl_" + std::to_string(prepared_.size());
    checked(pq().PQprepare(c_, name.c_str(), sql.c_str(), static_cast<int>(params.size()), nullptr),
            sql);
    it = prepared_.emplace(sql, name).first;
  }
  return checked(run(sql, params, &it->second), sql);
}

void Conn::last_result(const std::string& sql) {
  // The command's own result, then the end of its results.
  PGresult* r = pq().PQgetResult(c_);
  while (PGresult* more = pq().PQgetResult(c_))
    pq().PQclear(more);
  checked(r, sql);
}

void Conn::ready() {
  if (c_ == nullptr || broken_) throw RetryTransaction{"lost the connection to " + masked_};
  if (sent_.empty()) return;
  const auto sql = std::move(sent_);
  sent_.clear();
  last_result(sql);
}

void Conn::send(const std::string& sql) {
  ready();
  ++statements_;
  if (pq().PQsendQueryParams(c_, sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 1) != 1)
    raise(nullptr, sql);
  sent_ = sql;
}

void Conn::copy_in(const std::string& sql, std::string_view data) {
  ready();
  ++statements_;
  PGresult* r = pq().PQexec(c_, sql.c_str());
  if (r == nullptr || pq().PQresultStatus(r) != PGRES_COPY_IN) raise(r, sql);
  pq().PQclear(r);
  // libpq sends the data as it is given; pieces of 1 MiB keep its buffer small.
  constexpr std::size_t kPiece = 1 << 20;
  bool sent = true;
  for (std::size_t at = 0; sent && at < data.size(); at += kPiece) {
    const auto n = std::min(kPiece, data.size() - at);
    sent = pq().PQputCopyData(c_, data.data() + at, static_cast<int>(n)) == 1;
  }
  // A failed send leaves the reason in the connection; ending the COPY, or
  // the result that follows, reports it.
  if (pq().PQputCopyEnd(c_, sent ? nullptr : "arctl could not send the data") != 1)
    raise(nullptr, sql);
  last_result(sql);
}

bool Conn::try_exec(const std::string& sql, const std::vector<BytesView>& params) {
  ready();
  PGresult* r = run(sql, params);
  const auto status = r ? pq().PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    pq().PQclear(r);
    return true;
  }
  const char* state = r ? pq().PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  if (state != nullptr && std::strcmp(state, "40001") == 0) {
    pq().PQclear(r);
    return false;
  }
  raise(r, sql);
}

// One table for every store table: plugins create tables as they go, and a
// new store table then needs no DDL inside a transaction. The head row is what
// write transactions lock; `tbl` sorts bytewise so table names list in the
// same order as LMDB's.
void create_schema(Conn& c, const StoreUrl& url) {
  const auto s = quote_ident(url.schema);
  c.exec("CREATE SCHEMA IF NOT EXISTS " + s);
  c.exec("CREATE TABLE IF NOT EXISTS " + s +
         ".kv (tbl text COLLATE \"C\" NOT NULL, k bytea NOT NULL, v bytea NOT NULL, "
         "PRIMARY KEY (tbl, k))");
  c.exec("CREATE TABLE IF NOT EXISTS " + s + ".head (id integer PRIMARY KEY, gen bigint NOT NULL)");
  c.exec("INSERT INTO " + s + ".head (id, gen) VALUES (1, 0) ON CONFLICT (id) DO NOTHING");
}

bool schema_exists(Conn& c, const StoreUrl& url) {
  const auto r = c.exec(
      "SELECT table_name::text FROM information_schema.tables WHERE table_schema = $1 AND "
      "table_name IN ('kv', 'head')",
      {url.schema});
  return r.rows() == 2;
}

}  // namespace arctl::pg
