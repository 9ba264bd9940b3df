// The PostgreSQL store against a real server (the throwaway one of the pg
// fixture): byte order, own writes, snapshots, rollback, serialised writers,
// batches larger than one statement, and retries after a lost connection.
#include <doctest/doctest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "arctl/error.hpp"
#include "arctl/store.hpp"
#include "store_helpers.hpp"

namespace arctl {
namespace {

using test::read_value;
using test::write_with_retry;

// PG_URL from the state file that tests/pg/start.sh wrote.
std::string server_url() {
  const char* state = std::getenv("ARCTL_PG_STATE");
  REQUIRE_MESSAGE(state != nullptr, "ARCTL_PG_STATE must name the test server's state file");
  std::ifstream in(state);
  std::string line;
  while (std::getline(in, line))
    if (line.starts_with("PG_URL='")) return line.substr(8, line.size() - 9);
  FAIL("no PG_URL in " << state);
  return {};
}

// A fresh schema per test, named so that it can be found and its
// connections cut.
std::string fresh_url() {
  static int n = 0;
  const auto app = "kt" + std::to_string(::getpid()) + "_" + std::to_string(++n);
  return server_url() + "&application_name=" + app + "&schema=" + app;
}

std::string app_of(const std::string& url) {
  const auto at = url.find("application_name=") + 17;
  return url.substr(at, url.find('&', at) - at);
}

std::vector<std::string> keys_of(Cursor& c) {
  std::vector<std::string> out;
  for (bool ok = c.first(); ok; ok = c.next())
    out.emplace_back(c.key());
  return out;
}

// Ends every server connection of `app`, as a server restart would.
void cut_connections(const std::string& app) {
  PGconn* c = PQconnectdb(server_url().c_str());
  REQUIRE(PQstatus(c) == CONNECTION_OK);
  const std::string sql =
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + app +
      "'";
  PGresult* r = PQexec(c, sql.c_str());
  CHECK(PQresultStatus(r) == PGRES_TUPLES_OK);
  CHECK(PQntuples(r) >= 1);
  PQclear(r);
  PQfinish(c);
}

}  // namespace

TEST_CASE("keys come back in byte order, as memcmp orders them") {
  auto store = open_pg_store(fresh_url(), true);
  write_with_retry(*store, [](WriteTxn& t) {
    for (const auto* k : {"b", "ab", "a", "B", "\xff", "a\xff", "a\x01"})
      t.put("t", k, "v");
    t.put("t", std::string("\0z", 2), "nul");
    t.put("other", "x", "elsewhere");
  });
  auto r = store->begin_read();
  auto c = r->cursor("t");
  // 0xff sorts after 'b' (0x62): bytes are unsigned.
  const std::vector<std::string> want{
      std::string("\0z", 2), "B", "a", "a\x01", "ab", "a\xff", "b", "\xff"};
  CHECK(keys_of(*c) == want);
  REQUIRE(c->seek("a\x02"));
  CHECK(c->key() == "ab");
  REQUIRE(c->prev());
  CHECK(c->key() == "a\x01");
  CHECK_FALSE(c->seek(std::string("\xff\x00z", 3)));
  REQUIRE(c->prev());  // after running off the end, prev() is the last entry
  CHECK(c->key() == "\xff");
  REQUIRE(c->last());
  CHECK(c->value() == "v");
  CHECK_FALSE(r->cursor("missing")->first());
  CHECK(r->get("t", std::string("\0z", 2)) == "nul");
}

TEST_CASE("a write transaction reads its own puts and deletes, also through cursors") {
  auto store = open_pg_store(fresh_url(), true);
  write_with_retry(*store, [](WriteTxn& t) {
    t.put("t", "k1", "one");
    t.put("t", "k3", "three");
  });
  auto t = store->begin_write();
  t->put("t", "k2", "two");
  CHECK(t->get("t", "k2") == "two");
  CHECK(t->del("t", "k1"));
  CHECK_FALSE(t->del("t", "k1"));
  CHECK_FALSE(t->get("t", "k1"));
  auto c = t->cursor("t");
  CHECK(keys_of(*c) == std::vector<std::string>{"k2", "k3"});
  // A cursor sees writes made while it stands in the table.
  REQUIRE(c->seek("k2"));
  t->put("t", "k25", "late");
  t->del("t", "k3");
  REQUIRE(c->next());
  CHECK(c->key() == "k25");
  CHECK_FALSE(c->next());
  t->commit();
  CHECK(read_value(*store, "t", "k25") == "late");
  CHECK_FALSE(read_value(*store, "t", "k3"));
}

TEST_CASE("an uncommitted write transaction leaves nothing behind") {
  auto store = open_pg_store(fresh_url(), true);
  write_with_retry(*store, [](WriteTxn& t) { t.put("t", "a", "1"); });
  {
    auto t = store->begin_write();
    for (int i = 0; i < 2500; ++i)  // past one batch: some rows reached the server
      t->put("t", "n" + std::to_string(i), "x");
    t->put("t", "a", "2");
  }
  CHECK(read_value(*store, "t", "a") == "1");
  auto r = store->begin_read();
  CHECK(keys_of(*r->cursor("t")) == std::vector<std::string>{"a"});
}

TEST_CASE("a read transaction keeps its snapshot while others commit") {
  const auto url = fresh_url();
  auto reader = open_pg_store(url, true);
  auto writer = open_pg_store(url, false);
  write_with_retry(*writer, [](WriteTxn& t) { t.put("t", "a", "old"); });
  auto r = reader->begin_read();
  CHECK(r->get("t", "a") == "old");
  write_with_retry(*writer, [](WriteTxn& t) {
    t.put("t", "a", "new");
    t.put("t", "b", "added");
  });
  CHECK(r->get("t", "a") == "old");
  CHECK(keys_of(*r->cursor("t")) == std::vector<std::string>{"a"});
  CHECK(read_value(*reader, "t", "a") == "new");
}

TEST_CASE("large transactions stream out in batches and scan back in pages") {
  auto store = open_pg_store(fresh_url(), true);
  constexpr int kN = 5000;
  auto key = [](int i) { return KeyBuilder().u64(static_cast<std::uint64_t>(i)).bytes(); };
  write_with_retry(*store, [&](WriteTxn& t) {
    for (int i = kN - 1; i >= 0; --i)
      t.put("big", key(i), std::to_string(i));
    // Counting inside the transaction reads what went out and what waits.
    auto c = t.cursor("big");
    int n = 0;
    for (bool ok = c->first(); ok; ok = c->next())
      ++n;
    CHECK(n == kN);
  });
  auto r = store->begin_read();
  auto c = r->cursor("big");
  int i = 0;
  for (bool ok = c->first(); ok; ok = c->next(), ++i)
    if (c->value() != std::to_string(i)) break;
  CHECK(i == kN);
  CHECK(store_tables(*store) == std::vector<std::string>{"big"});
}

TEST_CASE("writers of one ledger are serialised: no increment is lost") {
  const auto url = fresh_url();
  write_with_retry(*open_pg_store(url, true), [](WriteTxn& t) { t.put("t", "n", "0"); });
  constexpr int kThreads = 4, kEach = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kThreads; ++w)
    threads.emplace_back([&] {
      try {
        auto store = open_pg_store(url, false);
        for (int i = 0; i < kEach; ++i)
          write_with_retry(*store, [](WriteTxn& t) {
            const int n = std::stoi(std::string(*t.get("t", "n")));
            t.put("t", "n", std::to_string(n + 1));
          });
      } catch (...) {
        ++failures;
      }
    });
  for (auto& t : threads)
    t.join();
  CHECK(failures == 0);
  CHECK(read_value(*open_pg_store(url, false), "t", "n") == std::to_string(kThreads * kEach));
}

TEST_CASE("a lost connection makes the transaction run again, and nothing half-written stays") {
  const auto url = fresh_url();
  auto store = open_pg_store(url, true);
  write_with_retry(*store, [](WriteTxn& t) { t.put("t", "a", "1"); });
  int runs = 0;
  const int retries = write_with_retry(*store, [&](WriteTxn& t) {
    ++runs;
    for (int i = 0; i < 1500; ++i)
      t.put("t", "b" + std::to_string(i), "x");
    if (runs == 1) cut_connections(app_of(url));
    t.put("t", "a", "2");
  });
  CHECK(retries == 1);
  CHECK(runs == 2);
  CHECK(read_value(*store, "t", "a") == "2");
  auto r = store->begin_read();
  CHECK(keys_of(*r->cursor("t")).size() == 1501);
}

TEST_CASE("a read transaction's views stay valid until it ends, however many gets follow") {
  auto store = open_pg_store(fresh_url(), true);
  constexpr int kKeys = 5000;  // more gets than any ring of recent values
  write_with_retry(*store, [](WriteTxn& t) {
    for (int i = 0; i < kKeys; ++i)
      t.put("t", "k" + std::to_string(i), "value of " + std::to_string(i));
  });
  auto r = store->begin_read();
  const auto first = r->get("t", "k0");
  REQUIRE(first);
  for (int i = 1; i < kKeys; ++i)
    REQUIRE(r->get("t", "k" + std::to_string(i)));
  CHECK(std::string(*first) == "value of 0");
  CHECK(std::string(*r->get("t", "k0")) == "value of 0");
}

TEST_CASE("a permanent error beginning a write is reported at once, not retried") {
  const auto url = fresh_url();
  auto store = open_pg_store(url, true);
  const auto schema = app_of(url);
  // A role that may read the ledger but not write it.
  PGconn* c = PQconnectdb(server_url().c_str());
  REQUIRE(PQstatus(c) == CONNECTION_OK);
  for (const std::string& sql : std::vector<std::string>{
           "DO $$BEGIN CREATE ROLE kt_reader LOGIN; EXCEPTION WHEN duplicate_object THEN END$$",
           "GRANT USAGE ON SCHEMA " + schema + " TO kt_reader",
           "GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO kt_reader"}) {
    PGresult* res = PQexec(c, sql.c_str());
    CHECK_MESSAGE(PQresultStatus(res) == PGRES_COMMAND_OK, PQresultErrorMessage(res));
    PQclear(res);
  }
  PQfinish(c);
  auto reader_url = url;
  reader_url.replace(reader_url.find("arctl@"), 6, "kt_reader@");
  auto reader = open_pg_store(reader_url, false);
  CHECK(!read_value(*reader, "t", "a"));
  try {
    reader->begin_write();
    FAIL("a write without the right to write began");
  } catch (const Error& e) {
    CHECK(exit_code(e.kind()) == 1);
    CHECK(std::string(e.what()).find("permission denied") != std::string::npos);
  } catch (const RetryTransaction& r) {
    // Ledger::write would run the transaction again, twelve times.
    FAIL("permission denied was treated as transient: " << r.reason);
  }
}

TEST_CASE("opening a schema without a store is 'not found' unless creating") {
  const auto url = fresh_url();
  try {
    open_pg_store(url, false);
    FAIL("opened a store that does not exist");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kNotFound);
  }
  CHECK(open_pg_store(url, true) != nullptr);
  CHECK(open_pg_store(url, false) != nullptr);
}

TEST_CASE("store URLs: schema split off for libpq, passwords refused and masked") {
  const auto u =
      parse_store_url("postgresql://ar@db.example:5433/ledgers?schema=team_a&sslmode=require");
  CHECK(u.backend == "postgresql");
  CHECK(u.schema == "team_a");
  CHECK(u.conninfo == "postgresql://ar@db.example:5433/ledgers?sslmode=require");
  CHECK(parse_store_url("postgres://ar@h/db").schema == "arctl");
  CHECK(parse_store_url("/var/lib/ar").backend == "lmdb");
  CHECK(mask_store_url("postgresql://ar:s3cret@h/db") == "postgresql://ar:***@h/db");
  CHECK(mask_store_url("postgresql://ar@h/db?password=s3cret&x=1") ==
        "postgresql://ar@h/db?password=***&x=1");
  for (const auto* bad : {"postgresql://ar:s3cret@h/db", "postgresql://ar@h/db?password=s3cret",
                          "postgresql://ar@h/db?schema=Bad-Name", "mysql://h/db"}) {
    try {
      parse_store_url(bad);
      FAIL("accepted " << bad);
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::kUsage);
      CHECK(std::string(e.what()).find("s3cret") == std::string::npos);
    }
  }
}

}  // namespace arctl
