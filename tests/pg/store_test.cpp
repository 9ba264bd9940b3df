// The PostgreSQL store against a real server (the throwaway one of the pg
// fixture): byte order, own writes, snapshots, rollback, serialised writers,
// batches larger than one statement, and retries after a lost connection.
#include <doctest/doctest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
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

// NAME='value' from the state file that tests/pg/start.sh wrote.
std::string server_state(const std::string& name) {
  const char* state = std::getenv("ARCTL_PG_STATE");
  REQUIRE_MESSAGE(state != nullptr, "ARCTL_PG_STATE must name the test server's state file");
  std::ifstream in(state);
  std::string line;
  const auto prefix = name + "='";
  while (std::getline(in, line))
    if (line.starts_with(prefix))
      return line.substr(prefix.size(), line.size() - prefix.size() - 1);
  FAIL("no " << name << " in " << state);
  return {};
}

std::string server_url() {
  return server_state("PG_URL");
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

// Counts the statements on `schema`'s table that the server has logged
// (connections opened with log_statement=all) since the last call.
class StatementLog {
 public:
  explicit StatementLog(std::string schema)
      : path_(server_state("PG_DIR") + "/server.log"), table_('"' + schema + "\".kv") {
    count();
  }
  int count() {
    std::ifstream in(path_);
    REQUIRE_MESSAGE(in, "cannot read the server's log " << path_);
    in.seekg(static_cast<std::streamoff>(offset_));
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      offset_ += line.size() + 1;
      if (line.find("execute") != std::string::npos && line.find(table_) != std::string::npos) ++n;
    }
    return n;
  }

 private:
  std::string path_;
  std::string table_;
  std::size_t offset_ = 0;
};

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
    for (int i = 0; i < 20000; ++i)  // past one flush: some rows reached the server
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
  // Past two flushes of 16,384 entries: sent by COPY, as is the rest at
  // commit; smaller transactions send multi-row statements.
  constexpr int kN = 40000;
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
    for (int i = 0; i < 20000; ++i)  // past one flush
      t.put("t", "b" + std::to_string(i), "x");
    if (runs == 1) cut_connections(app_of(url));
    t.put("t", "a", "2");
  });
  CHECK(retries == 1);
  CHECK(runs == 2);
  CHECK(read_value(*store, "t", "a") == "2");
  auto r = store->begin_read();
  CHECK(keys_of(*r->cursor("t")).size() == 20001);
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

TEST_CASE("a transaction asks the server once for what it has read") {
  const auto url = fresh_url();
  const auto schema = app_of(url);
  auto store = open_pg_store(url, true);
  auto key = [](int i) { return "k" + std::to_string(1000 + i); };
  write_with_retry(*store, [&](WriteTxn& t) {
    for (int i = 0; i < 500; ++i)
      t.put("small", key(i), "s" + std::to_string(i));
    for (int i = 0; i < 25000; ++i)  // more than a table fetched whole
      t.put("large", key(i), "l" + std::to_string(i));
  });
  auto logged = open_pg_store(url + "&options=-c%20log_statement%3Dall", false);
  StatementLog log(schema);
  std::vector<int> order(500);
  for (int i = 0; i < 500; ++i)
    order[static_cast<std::size_t>(i)] = i * 7919 % 500;  // every key once, out of order
  // What a close does customer after customer: a point read, then a seek
  // and a few steps from it, again in every step.
  auto visit = [&](ReadTxn& r, std::string_view table, const char* tag) {
    for (const int i : order) {
      REQUIRE(r.get(table, key(i)) == tag + std::to_string(i));
      auto c = r.cursor(table);
      REQUIRE(c->seek(key(i)));
      for (int j = i; j < std::min(i + 3, 499); ++j) {
        REQUIRE(c->next());
        CHECK(c->key() == key(j + 1));
      }
    }
  };
  {
    auto r = logged->begin_read();
    visit(*r, "small", "s");
    const int first = log.count();
    // Unkept, a pass costs 1,000 statements; the table is fetched whole
    // after a few dozen misses.
    CHECK(first < 60);
    visit(*r, "small", "s");
    visit(*r, "small", "s");
    CHECK(log.count() == 0);
  }
  {
    auto r = logged->begin_read();
    const std::vector<int> some(order.begin(), order.begin() + 100);
    for (const int i : some)
      REQUIRE(r->get("large", key(i)) == "l" + std::to_string(i));
    CHECK(log.count() <= 102);  // one window per key, and one refused whole fetch
    for (const int i : some)
      REQUIRE(r->get("large", key(i)) == "l" + std::to_string(i));
    CHECK(log.count() == 0);
  }
  {
    // A scan that writes to another table at every step, as the GL export
    // indexes the journal it reads, reads each page of the scan once.
    auto t = logged->begin_write();
    log.count();
    auto c = t->cursor("large");
    int n = 0;
    for (bool ok = c->first(); ok; ok = c->next(), ++n)
      t->put("index", c->key(), "seen");
    CHECK(n == 25000);
    // 25 pages of 1,024 rows, the batches of the index, and the lock.
    CHECK(log.count() < 60);
  }
  {
    // A write transaction keeps what it read exact through its own writes,
    // including those already sent to the server.
    auto t = logged->begin_write();
    REQUIRE(t->get("small", key(10)) == "s10");
    auto c = t->cursor("small");
    REQUIRE(c->seek(key(10)));
    for (int i = 0; i < 1500; ++i)
      t->put("small", key(i) + "x", "new");
    for (int i = 0; i < 17000; ++i)  // past one flush: the writes above go out before the reads
      t->put("elsewhere", key(i), "x");
    t->del("small", key(11));
    t->put("small", key(12), "changed");
    REQUIRE(c->next());
    CHECK(c->key() == key(10) + "x");
    REQUIRE(c->next());  // key(11) is gone
    CHECK(c->key() == key(11) + "x");
    REQUIRE(c->next());
    CHECK(c->key() == key(12));
    CHECK(c->value() == "changed");
    CHECK_FALSE(t->get("small", key(11)));
    CHECK(t->get("small", key(499) + "x") == "new");
  }
}

namespace {

// The plans the server logged (auto_explain) for statements on `schema`'s
// table since the last call, one string each.
std::vector<std::string> logged_plans(const std::string& schema, std::size_t& offset) {
  std::ifstream in(server_state("PG_DIR") + "/server.log");
  REQUIRE(in);
  in.seekg(static_cast<std::streamoff>(offset));
  const std::string table = '"' + schema + "\".kv";
  std::vector<std::string> plans;
  bool in_plan = false;
  std::string line;
  while (std::getline(in, line)) {
    offset += line.size() + 1;
    if (line.find("LOG:") != std::string::npos) {
      in_plan = line.find("plan:") != std::string::npos;
      if (in_plan) plans.emplace_back();
      continue;
    }
    if (in_plan) plans.back() += line + "\n";
  }
  std::erase_if(plans, [&](const std::string& p) { return p.find(table) == std::string::npos; });
  return plans;
}

}  // namespace

TEST_CASE("a seek after a large write reads the index in key order, not the whole table") {
  // The table's statistics do not know the rows a transaction wrote: the
  // planner guessed a few rows, and a seek of 16 entries read every row from
  // the key on and sorted them. An import
  // of 100,000 invoices spent a third of its time so.
  const auto url = fresh_url();
  const auto schema = app_of(url);
  auto store = open_pg_store(
      url +
          "&options=-c%20session_preload_libraries%3Dauto_explain%20-c%20auto_explain.log_min_"
          "duration%3D0",
      true);
  // Statistics from the ledger's first days: customers, no open items yet.
  write_with_retry(*store, [&](WriteTxn& t) {
    for (int i = 0; i < 1000; ++i) {
      t.put("customers", "C" + std::to_string(10000 + i), "customer");
      t.put("balances", "C" + std::to_string(10000 + i), "balance");
    }
    for (int i = 0; i < 20; ++i)
      t.put("config" + std::to_string(i), "key", "value");
  });
  PGconn* admin = PQconnectdb(server_url().c_str());
  REQUIRE(PQstatus(admin) == CONNECTION_OK);
  PQclear(PQexec(admin, ("ANALYZE \"" + schema + "\".kv").c_str()));
  PQfinish(admin);
  std::size_t offset = 0;
  logged_plans(schema, offset);
  auto t = store->begin_write();
  auto key = [](int c, int i) {
    return "C" + std::to_string(100 + c) + "/" + std::to_string(10000 + i);
  };
  for (int i = 0; i < 400; ++i)
    for (int c = 0; c < 100; ++c)
      t->put("open", key(c, i), "item");
  for (int c = 0; c < 100; c += 7) {
    auto cur = t->cursor("open");
    REQUIRE(cur->seek("C" + std::to_string(100 + c) + "/"));
    CHECK(cur->key() == key(c, 0));
  }
  t->commit();
  const auto plans = logged_plans(schema, offset);
  int seeks = 0;
  for (const auto& p : plans) {
    if (p.find("k >= $2") == std::string::npos) continue;
    ++seeks;
    INFO(p);
    CHECK(p.find("Bitmap") == std::string::npos);
    CHECK(p.find("Sort") == std::string::npos);
    CHECK(p.find("Seq Scan") == std::string::npos);
  }
  CHECK(seeks >= 10);
}

TEST_CASE("reads in a transaction match a map through random writes, flushes and cursors") {
  // A model check: the same random operations on the store and on a
  // std::map; every read must agree. Keys share prefixes and contain 0x00
  // and 0xff, to reach the edges of known ranges.
  auto store = open_pg_store(fresh_url(), true);
  std::map<std::string, std::string> model;
  const std::uint32_t seed = 20261207;
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint32_t>(n)); };
  const std::vector<std::string> parts{"a", "b", std::string(1, '\0'), "\xff", "ab", "c"};
  auto random_key = [&] {
    std::string k = "p";
    for (int n = 1 + pick(3); n > 0; --n)
      k += parts[static_cast<std::size_t>(pick(static_cast<int>(parts.size())))];
    return k;
  };
  auto check_cursor = [&](auto& txn, int step) {
    auto c = txn.cursor("m");
    const auto from = random_key();
    bool ok = c->seek(from);
    auto it = model.lower_bound(from);
    const bool backwards = pick(3) == 0;
    for (int i = 0; i < 1 + pick(12); ++i) {
      INFO("seed " << seed << ", step " << step << ", from " << from);
      REQUIRE(ok == (it != model.end()));
      if (!ok) break;
      CHECK(c->key() == it->first);
      CHECK(c->value() == it->second);
      if (backwards) {
        ok = c->prev();
        if (it == model.begin())
          it = model.end();
        else
          --it;
      } else {
        ok = c->next();
        ++it;
      }
      if (backwards && it == model.end()) {
        REQUIRE_FALSE(ok);
        break;
      }
    }
  };
  for (int round = 0; round < 3; ++round) {
    auto t = store->begin_write();
    for (int step = 0; step < 4000; ++step) {
      const int op = pick(10);
      const auto k = random_key();
      if (op < 4) {
        const auto v = std::to_string(round) + "." + std::to_string(step);
        t->put("m", k, v);
        model[k] = v;
      } else if (op < 5) {
        CHECK(t->del("m", k) == (model.erase(k) == 1));
      } else if (op < 8) {
        const auto v = t->get("m", k);
        const auto m = model.find(k);
        REQUIRE_MESSAGE(v.has_value() == (m != model.end()), "seed " << seed << " step " << step);
        if (v) CHECK(*v == m->second);
      } else {
        check_cursor(*t, step);
      }
      // Writes elsewhere reach the server in batches, between the reads.
      for (int f = 0; f < 5; ++f)
        t->put("filler", "f" + std::to_string((round * 10000 + step) * 5 + f), "x");
    }
    t->commit();
    auto r = store->begin_read();
    std::vector<std::string> want;
    for (const auto& [k, v] : model)
      want.push_back(k);
    CHECK(keys_of(*r->cursor("m")) == want);
    for (int step = 0; step < 300; ++step)
      check_cursor(*r, step);
  }
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
