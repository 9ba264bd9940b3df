// The LMDB store: tables of byte keys and values, transactions, cursors, map
// growth, file permissions and backups, each against a real temporary ledger.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "arctl/error.hpp"
#include "arctl/store.hpp"
#include "store_helpers.hpp"
#include "tmpdir.hpp"

namespace arctl {
namespace {

using test::read_value;
using test::TempDir;
using test::write_with_retry;

constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;

Bytes k64(std::uint64_t v) {
  return KeyBuilder().u64(v).bytes();
}

unsigned mode_of(const std::filesystem::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

std::vector<std::uint64_t> keys_of(Cursor& c) {
  std::vector<std::uint64_t> out;
  for (bool ok = c.first(); ok; ok = c.next())
    out.push_back(KeyReader(c.key()).u64());
  return out;
}

struct UmaskGuard {
  explicit UmaskGuard(mode_t mask) : old(::umask(mask)) {}
  ~UmaskGuard() { ::umask(old); }
  mode_t old;
};

}  // namespace

TEST_CASE("put, get and del work within a write transaction and persist after commit") {
  TempDir tmp;
  auto store = open_lmdb_store(tmp.path() / "ledger", true);
  {
    auto txn = store->begin_write();
    txn->put("customers", "ACME", "Acme Corp");
    txn->put("customers", "BETA", "Beta Ltd");
    txn->put("other", "ACME", "elsewhere");
    CHECK(txn->get("customers", "ACME") == "Acme Corp");
    txn->put("customers", "ACME", "Acme Corporation");
    CHECK(txn->get("customers", "ACME") == "Acme Corporation");
    CHECK(txn->del("customers", "BETA"));
    CHECK_FALSE(txn->del("customers", "BETA"));
    CHECK_FALSE(txn->get("customers", "BETA"));
    txn->commit();
  }
  CHECK(read_value(*store, "customers", "ACME") == "Acme Corporation");
  CHECK_FALSE(read_value(*store, "customers", "BETA"));
  CHECK(read_value(*store, "other", "ACME") == "elsewhere");
}

TEST_CASE("a table that does not exist reads as empty") {
  TempDir tmp;
  auto store = open_lmdb_store(tmp.path() / "ledger", true);
  auto check_empty = [](ReadTxn& txn) {
    CHECK_FALSE(txn.get("nowhere", "k"));
    auto c = txn.cursor("nowhere");
    CHECK_FALSE(c->valid());
    CHECK_FALSE(c->first());
    CHECK_FALSE(c->last());
    CHECK_FALSE(c->next());
    CHECK_FALSE(c->prev());
    CHECK_FALSE(c->seek("k"));
    CHECK(c->key().empty());
    CHECK(c->value().empty());
  };
  check_empty(*store->begin_read());
  auto txn = store->begin_write();
  check_empty(*txn);
  CHECK_FALSE(txn->del("nowhere", "k"));
  txn->put("nowhere", "k", "v");
  CHECK(txn->get("nowhere", "k") == "v");
}

TEST_CASE("destroying an uncommitted write transaction leaves nothing behind") {
  TempDir tmp;
  auto store = open_lmdb_store(tmp.path() / "ledger", true);
  write_with_retry(*store, [](WriteTxn& t) { t.put("kept", "a", "1"); });
  {
    auto txn = store->begin_write();
    txn->put("kept", "b", "2");
    txn->put("fresh", "x", "never");
    CHECK(txn->del("kept", "a"));
  }
  CHECK(read_value(*store, "kept", "a") == "1");
  CHECK_FALSE(read_value(*store, "kept", "b"));
  CHECK_FALSE(read_value(*store, "fresh", "x"));

  // The aborted table's handle must not linger: a different table created next
  // may reuse its slot.
  write_with_retry(*store, [](WriteTxn& t) { t.put("other", "y", "yes"); });
  CHECK_FALSE(read_value(*store, "fresh", "x"));
  CHECK(read_value(*store, "other", "y") == "yes");
  write_with_retry(*store, [](WriteTxn& t) { t.put("fresh", "x", "now"); });
  CHECK(read_value(*store, "fresh", "x") == "now");
  CHECK(read_value(*store, "other", "y") == "yes");
}

TEST_CASE("a read transaction does not see commits made after it began") {
  TempDir tmp;
  auto store = open_lmdb_store(tmp.path() / "ledger", true);
  write_with_retry(*store, [](WriteTxn& t) { t.put("t", "old", "1"); });

  auto before = store->begin_read();
  CHECK(before->get("t", "old") == "1");
  {
    auto writer = store->begin_write();
    writer->put("t", "old", "2");
    writer->put("t", "new", "3");
    writer->put("created_later", "k", "v");
    CHECK_FALSE(before->get("created_later", "k"));
    CHECK(before->get("t", "old") == "1");
    writer->commit();
  }
  CHECK(before->get("t", "old") == "1");
  CHECK_FALSE(before->get("t", "new"));
  CHECK_FALSE(before->get("created_later", "k"));
  CHECK_FALSE(before->cursor("created_later")->first());

  auto after = store->begin_read();
  CHECK(after->get("t", "old") == "2");
  CHECK(after->get("t", "new") == "3");
  CHECK(after->get("created_later", "k") == "v");
}

TEST_CASE("a reopened store keeps snapshots apart while a write commits") {
  TempDir tmp;
  const auto dir = tmp.path() / "ledger";
  write_with_retry(*open_lmdb_store(dir, true), [](WriteTxn& t) { t.put("t", "a", "1"); });

  auto store = open_lmdb_store(dir, false);
  auto reader = store->begin_read();
  CHECK(reader->get("t", "a") == "1");
  write_with_retry(*store, [](WriteTxn& t) {
    t.put("t", "a", "2");
    t.put("u", "b", "3");
  });
  CHECK(reader->get("t", "a") == "1");
  CHECK_FALSE(reader->get("u", "b"));
  reader.reset();
  CHECK(read_value(*store, "t", "a") == "2");
  CHECK(read_value(*store, "u", "b") == "3");
}

TEST_CASE("only one write transaction may be open at a time") {
  TempDir tmp;
  auto store = open_lmdb_store(tmp.path() / "ledger", true);
  auto first = store->begin_write();
  CHECK_THROWS_AS(store->begin_write(), Error);
}

TEST_CASE("cursor seeks and steps forward and backward in key order") {
  TempDir tmp;
  auto store = open_lmdb_store(tmp.path() / "ledger", true);
  write_with_retry(*store, [](WriteTxn& t) {
    for (std::uint64_t k : {70, 10, 40, 100, 20, 90, 30, 60, 50, 80})
      t.put("n", k64(k), "v" + std::to_string(k));
  });
  auto txn = store->begin_read();
  auto c = txn->cursor("n");
  CHECK_FALSE(c->valid());
  CHECK(keys_of(*c) == std::vector<std::uint64_t>{10, 20, 30, 40, 50, 60, 70, 80, 90, 100});

  REQUIRE(c->seek(k64(35)));
  CHECK(KeyReader(c->key()).u64() == 40);
  CHECK(c->value() == "v40");
  REQUIRE(c->next());
  CHECK(KeyReader(c->key()).u64() == 50);
  REQUIRE(c->prev());
  REQUIRE(c->prev());
  CHECK(KeyReader(c->key()).u64() == 30);
  REQUIRE(c->seek(k64(60)));
  CHECK(KeyReader(c->key()).u64() == 60);

  REQUIRE(c->last());
  CHECK(KeyReader(c->key()).u64() == 100);
  CHECK_FALSE(c->next());
  CHECK_FALSE(c->valid());
  CHECK_FALSE(c->next());
  REQUIRE(c->prev());  // back from past the end to the last entry
  CHECK(KeyReader(c->key()).u64() == 100);

  REQUIRE(c->first());
  CHECK_FALSE(c->prev());
  REQUIRE(c->next());  // back from before the start to the first entry
  CHECK(KeyReader(c->key()).u64() == 10);

  CHECK_FALSE(c->seek(k64(101)));
  REQUIRE(c->prev());  // the last key below the sought one
  CHECK(KeyReader(c->key()).u64() == 100);

  // Backward over a range: everything below 45, highest first.
  std::vector<std::uint64_t> down;
  for (bool ok = c->seek(k64(45)) ? c->prev() : c->last(); ok; ok = c->prev())
    down.push_back(KeyReader(c->key()).u64());
  CHECK(down == std::vector<std::uint64_t>{40, 30, 20, 10});
}

TEST_CASE("a cursor scans exactly the keys under a composite prefix") {
  TempDir tmp;
  auto store = open_lmdb_store(tmp.path() / "ledger", true);
  write_with_retry(*store, [](WriteTxn& t) {
    for (const char* customer : {"A", "B", "BB", "C"})
      for (std::uint64_t n = 3; n > 0; --n)
        t.put("docs", KeyBuilder().str(customer).u64(n).bytes(), customer);
  });
  auto txn = store->begin_read();
  auto c = txn->cursor("docs");
  const Bytes prefix = KeyBuilder().str("B").bytes();
  std::vector<std::uint64_t> seen;
  for (bool ok = c->seek(prefix); ok && c->key().starts_with(prefix); ok = c->next()) {
    KeyReader r(c->key());
    CHECK(r.str() == "B");
    seen.push_back(r.u64());
    CHECK(c->value() == "B");
  }
  CHECK(seen == std::vector<std::uint64_t>{1, 2, 3});
}

TEST_CASE("cursor views survive puts and deletes in the same write transaction") {
  TempDir tmp;
  auto store = open_lmdb_store(tmp.path() / "ledger", true);
  write_with_retry(*store, [](WriteTxn& t) {
    for (std::uint64_t k = 0; k < 100; ++k)
      t.put("n", k64(k), std::string(100, 'a'));
  });
  write_with_retry(*store, [](WriteTxn& t) {
    auto c = t.cursor("n");
    REQUIRE(c->seek(k64(50)));
    const BytesView key = c->key();
    const BytesView value = c->value();
    for (std::uint64_t k = 0; k < 50; ++k)
      t.put("n", k64(k), std::string(100, 'b'));
    t.put("n", k64(50), std::string(100, 'c'));
    CHECK(KeyReader(key).u64() == 50);
    CHECK(value == std::string(100, 'a'));
    // Deleting entries while stepping through them visits each once.
    std::uint64_t visited = 0;
    for (bool ok = c->first(); ok; ok = c->next()) {
      ++visited;
      if (KeyReader(c->key()).u64() % 2 == 0) t.del("n", c->key());
    }
    CHECK(visited == 100);
    t.put("n", k64(1000), "x");
  });
  auto txn = store->begin_read();
  auto c = txn->cursor("n");
  const auto keys = keys_of(*c);
  CHECK(keys.size() == 51);
  CHECK(keys.front() == 1);
  CHECK(keys.back() == 1000);
}

TEST_CASE("a cursor may outlive its transaction") {
  TempDir tmp;
  auto store = open_lmdb_store(tmp.path() / "ledger", true);
  std::unique_ptr<Cursor> c;
  {
    auto txn = store->begin_write();
    txn->put("t", "k", "v");
    c = txn->cursor("t");
    REQUIRE(c->first());
    txn->commit();
  }
  CHECK_FALSE(c->valid());
  CHECK_FALSE(c->next());
  {
    auto txn = store->begin_read();
    auto r = txn->cursor("t");
    REQUIRE(r->first());
    c = std::move(r);
  }
  CHECK_FALSE(c->valid());
  c.reset();
}

TEST_CASE("keys longer than the store allows are refused as a conflict") {
  TempDir tmp;
  auto store = open_lmdb_store(tmp.path() / "ledger", true);
  const std::string longest(511, 'k');
  const std::string too_long(512, 'k');
  auto txn = store->begin_write();
  txn->put("t", longest, "ok");
  try {
    txn->put("t", too_long, "no");
    FAIL("expected a conflict");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kConflict);
    CHECK(std::string(e.what()).find("key too long") != std::string::npos);
  }
  txn->put("t", "l", "after");
  CHECK(txn->get("t", longest) == "ok");
  CHECK_FALSE(txn->get("t", too_long));
  CHECK_FALSE(txn->del("t", too_long));
  auto c = txn->cursor("t");
  REQUIRE(c->seek(too_long));  // sorts after `longest`, before "l"
  CHECK(c->key() == "l");
  REQUIRE(c->seek(std::string(511, 'a') + "z"));
  CHECK(c->key() == longest);
  txn->commit();
}

TEST_CASE("the map grows on demand until every value fits") {
  TempDir tmp;
  const auto dir = tmp.path() / "ledger";
  auto store = open_lmdb_store(dir, true);
  CHECK(store->info().map_bytes == 64 * kMiB);

  constexpr std::uint64_t kValues = 200'000;
  constexpr std::uint64_t kPerTxn = 50'000;
  auto value_for = [](std::uint64_t i) {
    std::string v(1024, static_cast<char>('a' + i % 26));
    v.replace(0, 20, std::to_string(i));
    return v;
  };
  int retries = 0;
  for (std::uint64_t start = 0; start < kValues; start += kPerTxn) {
    retries += write_with_retry(*store, [&](WriteTxn& t) {
      for (std::uint64_t i = start; i < start + kPerTxn; ++i)
        t.put("big", k64(i), value_for(i));
    });
  }
  CHECK(retries > 0);
  const auto info = store->info();
  CHECK(info.map_bytes >= 256 * kMiB);
  CHECK(info.size_bytes > 200 * kMiB);

  auto verify = [&](Store& s) {
    auto txn = s.begin_read();
    auto c = txn->cursor("big");
    std::uint64_t expected = 0;
    std::uint64_t mismatches = 0;
    for (bool ok = c->first(); ok; ok = c->next(), ++expected)
      if (KeyReader(c->key()).u64() != expected || c->value() != value_for(expected)) ++mismatches;
    CHECK(expected == kValues);
    CHECK(mismatches == 0);
  };
  verify(*store);
  store.reset();
  auto reopened = open_lmdb_store(dir, false);
  CHECK(reopened->info().map_bytes >= reopened->info().size_bytes);
  verify(*reopened);
}

TEST_CASE("a map grown by another process is adopted") {
  TempDir tmp;
  const auto dir = tmp.path() / "ledger";
  auto store = open_lmdb_store(dir, true);
  write_with_retry(*store, [](WriteTxn& t) { t.put("t", k64(0), "first"); });
  REQUIRE(store->info().map_bytes == 64 * kMiB);

  constexpr std::uint64_t kValues = 100'000;
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // A separate process with its own environment grows the map.
    int status = 0;
    try {
      auto other = open_lmdb_store(dir, false);
      const std::string value(1024, 'x');
      for (std::uint64_t start = 1; start <= kValues; start += kValues / 4) {
        auto attempt = [&](WriteTxn& t) {
          for (std::uint64_t i = start; i < start + kValues / 4; ++i)
            t.put("t", k64(i), value);
        };
        for (int tries = 0;; ++tries) {
          try {
            auto txn = other->begin_write();
            attempt(*txn);
            txn->commit();
            break;
          } catch (const RetryTransaction&) {
            if (tries > 10) throw;
            other->prepare_retry();
          }
        }
      }
    } catch (...) {
      status = 1;
    }
    ::_exit(status);
  }
  int status = -1;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);

  {
    auto txn = store->begin_read();
    auto c = txn->cursor("t");
    std::uint64_t n = 0;
    for (bool ok = c->first(); ok; ok = c->next())
      ++n;
    CHECK(n == kValues + 1);
  }
  CHECK(store->info().map_bytes > 64 * kMiB);
  write_with_retry(*store, [](WriteTxn& t) { t.put("t", k64(0), "again"); });
  CHECK(read_value(*store, "t", k64(0)) == "again");
}

TEST_CASE("a new ledger directory is private whatever the umask") {
  TempDir tmp;
  const auto dir = tmp.path() / "nested" / "ledger";
  {
    const UmaskGuard mask(0277);
    auto store = open_lmdb_store(dir, true);
    write_with_retry(*store, [](WriteTxn& t) { t.put("t", "k", "v"); });
  }
  CHECK(mode_of(dir) == 0700);
  CHECK(mode_of(dir / "data.mdb") == 0600);
  CHECK(mode_of(dir / "lock.mdb") == 0600);
}

TEST_CASE("reopening a store finds its data") {
  TempDir tmp;
  const auto dir = tmp.path() / "ledger";
  {
    auto store = open_lmdb_store(dir, true);
    write_with_retry(*store, [](WriteTxn& t) {
      t.put("a", "k1", "v1");
      t.put("b", "k2", "v2");
    });
  }
  auto store = open_lmdb_store(dir, false);
  CHECK(read_value(*store, "a", "k1") == "v1");
  CHECK(read_value(*store, "b", "k2") == "v2");
  const auto info = store->info();
  CHECK(info.backend == "lmdb");
  CHECK(info.location == dir.string());
  CHECK(info.size_bytes > 0);
  CHECK(info.map_bytes >= 64 * kMiB);
}

TEST_CASE("opening a missing ledger without create is not found") {
  TempDir tmp;
  try {
    open_lmdb_store(tmp.path() / "absent", false);
    FAIL("expected not found");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kNotFound);
    CHECK(std::string(e.what()).find("no ledger at") != std::string::npos);
  }
  CHECK_FALSE(std::filesystem::exists(tmp.path() / "absent"));
}

TEST_CASE("backup writes a copy that opens as a store and never overwrites a file") {
  TempDir tmp;
  auto store = open_lmdb_store(tmp.path() / "ledger", true);
  write_with_retry(*store, [](WriteTxn& t) {
    for (std::uint64_t k = 0; k < 1000; ++k)
      t.put("t", k64(k), std::to_string(k * k));
    t.put("u", "x", "y");
  });
  write_with_retry(*store, [](WriteTxn& t) {
    for (std::uint64_t k = 0; k < 1000; k += 2)
      t.del("t", k64(k));
  });

  const auto copy_dir = tmp.path() / "copy";
  std::filesystem::create_directories(copy_dir);
  const auto target = copy_dir / "data.mdb";
  store->backup(target);
  CHECK(mode_of(target) == 0600);

  auto copy = open_lmdb_store(copy_dir, false);
  auto txn = copy->begin_read();
  auto c = txn->cursor("t");
  std::uint64_t expected = 1;
  for (bool ok = c->first(); ok; ok = c->next(), expected += 2) {
    REQUIRE(KeyReader(c->key()).u64() == expected);
    CHECK(c->value() == std::to_string(expected * expected));
  }
  CHECK(expected == 1001);
  CHECK(txn->get("u", "x") == "y");

  const auto size = std::filesystem::file_size(target);
  try {
    store->backup(target);
    FAIL("expected a refusal");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kConflict);
  }
  CHECK(std::filesystem::file_size(target) == size);
}

}  // namespace arctl
