// One libpq connection: binary parameters and results, and the sorting of
// server errors into "run the transaction again" and "tell the user".
#include <sys/socket.h>

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
  const std::lock_guard lock(live().mutex);
  live().conns.insert(c_);
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
  if (c_ == nullptr || broken_) throw RetryTransaction{"lost the connection to " + masked_};
  return checked(run(sql, params), sql);
}

Result Conn::exec_prepared(const std::string& sql, const std::vector<BytesView>& params) {
  if (c_ == nullptr || broken_) throw RetryTransaction{"lost the connection to " + masked_};
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    const auto name = "arctl_" + std::to_string(prepared_.size());
    checked(pq().PQprepare(c_, name.c_str(), sql.c_str(), static_cast<int>(params.size()), nullptr),
            sql);
    it = prepared_.emplace(sql, name).first;
  }
  return checked(run(sql, params, &it->second), sql);
}

bool Conn::try_exec(const std::string& sql, const std::vector<BytesView>& params) {
  if (c_ == nullptr || broken_) throw RetryTransaction{"lost the connection to " + masked_};
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
