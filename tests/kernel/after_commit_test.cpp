// Work queued for after the commit (Tx::after_commit), files staged with it,
// and ARCTL_ASSERT.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "arctl/error.hpp"
#include "arctl/staged_file.hpp"
#include "ledger_fixture.hpp"

using namespace arctl;
using arctl::test::LedgerFixture;
namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::size_t files_under(const fs::path& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    n += e.is_regular_file() && e.path().filename() != "data.mdb" &&
         e.path().filename() != "lock.mdb";
  return n;
}

}  // namespace

TEST_CASE("work after commit runs once the data is committed, in the order queued") {
  LedgerFixture f;
  std::vector<std::string> ran;
  f.ledger->write([&](Tx& tx) {
    tx.set_config("test.a", "1");
    tx.after_commit([&] {
      // The data it follows is already visible to a new reader.
      ran.push_back("first:" + f.ledger->read([](Tx& r) { return r.config_or("test.a", "?"); }));
    });
    tx.after_commit([&] { ran.push_back("second"); });
    CHECK(ran.empty());
  });
  CHECK(ran == std::vector<std::string>{"first:1", "second"});
}

TEST_CASE("work after commit may write; listeners hear the writes in journal order") {
  LedgerFixture f;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> heard;
  f.ledger->on_commit([&](std::uint64_t a, std::uint64_t b) { heard.emplace_back(a, b); });
  f.ledger->write([&](Tx& tx) {
    tx.set_config("test.a", "1");
    tx.after_commit([&] {
      // A write of its own (a delivery recording what the server said).
      f.ledger->write([](Tx& t) { t.set_config("test.b", "2"); });
    });
  });
  CHECK(f.ledger->read([](Tx& r) { return r.config_or("test.b", "?"); }) == "2");
  REQUIRE(heard.size() == 2);
  CHECK(heard[0].first < heard[1].first);  // the outer write first
  CHECK(heard[0].second + 1 == heard[1].first);
}

TEST_CASE("work after commit never runs for a dry run, a failed or a retried attempt") {
  LedgerFixture f;
  int ran = 0;
  f.ledger->session().dry_run = true;
  f.ledger->write([&](Tx& tx) { tx.after_commit([&] { ++ran; }); });
  f.ledger->session().dry_run = false;
  CHECK(ran == 0);

  CHECK_THROWS_AS(f.ledger->write([&](Tx& tx) {
    tx.after_commit([&] { ++ran; });
    fail_conflict("vetoed");
  }),
                  Error);
  CHECK(ran == 0);

  int attempt = 0;
  std::vector<int> attempts_run;
  f.ledger->write([&](Tx& tx) {
    const int mine = ++attempt;
    tx.after_commit([&, mine] { attempts_run.push_back(mine); });
    if (mine == 1) throw RetryTransaction{"test"};
  });
  CHECK(attempts_run == std::vector<int>{2});
}

TEST_CASE("work after commit is refused in a read transaction") {
  LedgerFixture f;
  try {
    f.ledger->read([](Tx& tx) { tx.after_commit([] {}); });
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kInternal);
    CHECK(exit_code(e.kind()) == 70);
    CHECK(std::string(e.what()).starts_with("internal error: after_commit in a read"));
    CHECK(std::string(e.what()).ends_with("; please report"));
  }
}

TEST_CASE("a failure after the commit keeps the data, runs the rest and names what failed") {
  LedgerFixture f;
  bool later_ran = false;
  try {
    f.ledger->write([&](Tx& tx) {
      tx.set_config("test.kept", "yes");
      tx.after_commit([] { fail(ErrorKind::kError, "cannot write out/x.txt"); });
      tx.after_commit([&] { later_ran = true; });
    });
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kError);
    CHECK(std::string(e.what()) == "committed, but: cannot write out/x.txt");
  }
  CHECK(later_ran);
  CHECK(f.ledger->read([](Tx& tx) { return tx.config_or("test.kept", "no"); }) == "yes");
}

TEST_CASE("a file written on commit appears only when its transaction commits") {
  LedgerFixture f;
  const auto out = f.dir.path() / "out";
  f.ledger->session().dry_run = true;
  f.ledger->write([&](Tx& tx) { write_file_on_commit(tx, out / "a" / "dry.txt", "dry"); });
  f.ledger->session().dry_run = false;
  CHECK_FALSE(fs::exists(out));  // not even the directories it made

  CHECK_THROWS(f.ledger->write([&](Tx& tx) {
    write_file_on_commit(tx, out / "a" / "one.txt", "1");
    write_file_on_commit(tx, out / "a" / "two.txt", "2");
    fail_conflict("vetoed");
  }));
  CHECK_FALSE(fs::exists(out));

  f.ledger->write([&](Tx& tx) {
    write_file_on_commit(tx, out / "a" / "one.txt", "1");
    CHECK(files_under(out) == 1);  // the staged copy only
    CHECK_FALSE(fs::exists(out / "a" / "one.txt"));
  });
  CHECK(read_all(out / "a" / "one.txt") == "1");
  CHECK(files_under(out) == 1);
}
