// The PostgreSQL store: a schema holding one key-value table and the head row
// that writers lock, reached through a small pool of connections (one per
// open transaction; a process rarely holds more than two).
#include <chrono>
#include <thread>

#include "arctl/error.hpp"
#include "arctl/log.hpp"
#include "store/pg_store.hpp"

namespace arctl::pg {
namespace {

constexpr std::size_t kMaxIdle = 4;
constexpr int kFirstBackoffMs = 50;
constexpr int kMaxBackoffMs = 1000;

}  // namespace

PgStore::PgStore(StoreUrl url, std::unique_ptr<Conn> first)
    : url_(std::move(url)),
      kv_(quote_ident(url_.schema) + ".kv"),
      head_(quote_ident(url_.schema) + ".head") {
  idle_.push_back(std::move(first));
}

PgStore::~PgStore() = default;

std::unique_ptr<Conn> PgStore::take(bool retry_connect) {
  while (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    if (c->healthy()) return c;
  }
  try {
    return std::make_unique<Conn>(url_.conninfo, url_.masked);
  } catch (const Error& e) {
    // The server may be restarting: connecting again is part of the retry.
    if (retry_connect) throw RetryTransaction{e.what()};
    throw;
  }
}

void PgStore::give_back(std::unique_ptr<Conn> c) {
  if (c && c->healthy() && idle_.size() < kMaxIdle) idle_.push_back(std::move(c));
}

std::unique_ptr<ReadTxn> PgStore::begin_read() {
  return make_read_txn(*this);
}

std::unique_ptr<WriteTxn> PgStore::begin_write() {
  // Only a failure to connect and what Conn sorts as transient (serialization
  // failure, deadlock, a lost connection, a server shutting down) are
  // retried; a permanent error, such as permission denied, is the user's.
  auto txn = make_write_txn(*this);
  retries_ = 0;
  return txn;
}

void PgStore::prepare_retry() {
  // Whatever failed, the pooled connections may share its fate.
  idle_.clear();
  const int shift = std::min(retries_++, 5);
  const int ms = std::min(kFirstBackoffMs << shift, kMaxBackoffMs);
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

std::vector<std::string> PgStore::tables(ReadTxn& txn) {
  auto& src = dynamic_cast<Source&>(txn);
  // DISTINCT over the primary key's leading column, as a loose index scan:
  // one probe per table rather than one row per entry.
  std::vector<std::string> out;
  std::string after;
  for (;;) {
    const auto r =
        src.query("SELECT tbl FROM " + kv_ + " WHERE tbl > $1 ORDER BY tbl LIMIT 1", {after});
    if (r.rows() == 0) break;
    after = std::string(r.get(0, 0));
    out.push_back(after);
  }
  return out;
}

StoreInfo PgStore::info() const {
  StoreInfo out;
  out.backend = kPgBackend;
  out.location = url_.masked;
  try {
    Conn c(url_.conninfo, url_.masked);
    const auto r = c.exec(
        "SELECT (pg_total_relation_size($1::text::regclass) + "
        "pg_total_relation_size($2::text::regclass))::text",
        {kv_, head_});
    if (r.rows() > 0) out.size_bytes = std::stoull(std::string(r.get(0, 0)));
  } catch (const std::exception& e) {
    // Servers without pg_total_relation_size report no size.
    log::debug(std::string("store: size unknown: ") + e.what());
  } catch (const RetryTransaction&) {
  }
  return out;
}

}  // namespace arctl::pg

namespace arctl {

std::unique_ptr<Store> open_pg_store(std::string_view url, bool create) {
  auto parsed = parse_store_url(url);
  if (parsed.backend != kPgBackend) fail_usage("not a PostgreSQL URL: " + parsed.masked);
  auto conn = std::make_unique<pg::Conn>(parsed.conninfo, parsed.masked);
  try {
    if (!pg::schema_exists(*conn, parsed)) {
      if (!create)
        fail(ErrorKind::kNotFound,
             "no ledger in schema '" + parsed.schema + "' at " + parsed.masked);
      pg::create_schema(*conn, parsed);
    }
  } catch (const RetryTransaction& r) {
    fail(ErrorKind::kError, "store: " + r.reason);
  }
  return std::make_unique<pg::PgStore>(std::move(parsed), std::move(conn));
}

}  // namespace arctl
