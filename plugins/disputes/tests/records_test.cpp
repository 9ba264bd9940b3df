// Unit tests of the plugin's records: every field survives the store, and
// the index of unresolved cases follows a case's status.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>

#include "arctl/error.hpp"
#include "records.hpp"
#include "test_access.hpp"

using namespace arctl;
using namespace arctl::disputes;

namespace {

struct TempLedger {
  std::filesystem::path dir;
  std::unique_ptr<Ledger> ledger;
  TempLedger() {
    dir = std::filesystem::temp_directory_path() /
          ("disputes-records-" + std::to_string(::getpid()) + "-" + std::to_string(now_micros()));
    ledger = Ledger::open(dir, Session{"tester", "unit", false, {}}, true);
  }
  ~TempLedger() {
    ledger.reset();
    std::filesystem::remove_all(dir);
  }
};

}  // namespace

TEST_SUITE("disputes") {
  TEST_CASE("a case, its history and the unresolved index round-trip through the store") {
    TempLedger t;
    auto h = TestAccess::handle("disputes");
    const auto usd = Currency::parse("USD");
    t.ledger->write([&](Tx& tx) {
      Records s(tx, h);
      Case c;
      c.id = "DSP-2026-00001";
      c.customer = "ACME";
      c.invoice = "INV-1";
      c.amount = Money(4000, usd);
      c.reason = "price";
      c.level = "analyst";
      c.level_since = c.opened = make_date(2026, 1, 1);
      c.owner = "ann";
      c.resolved_amount = Money(0, usd);
      c.documents = {"CN-1", "INV-2"};
      s.add_history(c, {0, make_date(2026, 1, 1), "ann", "opened", "", "analyst", "40.00", "x"});
      s.add_history(c, {0, make_date(2026, 1, 2), "bob", "noted", "", "", "", "called"});
      s.put_case(c);
      Case other = c;
      other.id = "DSP-2026-00002";
      other.invoice = "INV-9";
      s.put_case(other);

      const auto back = s.get_case(c.id);
      CHECK(back.amount == Money(4000, usd));
      CHECK(back.level_since == make_date(2026, 1, 1));
      CHECK(back.documents == std::vector<std::string>{"CN-1", "INV-2"});
      CHECK(back.history_count == 2);
      const auto hist = s.history(c.id);
      REQUIRE(hist.size() == 2);
      CHECK(hist[1].n == 2);
      CHECK(hist[1].actor == "bob");
      CHECK(hist[1].note == "called");
      CHECK(s.unresolved(std::string_view("ACME")).size() == 2);
      CHECK(s.unresolved(std::string_view("ACME"), std::string_view("INV-1")).size() == 1);
      CHECK(s.unresolved(std::string_view("ACM")).empty());

      c.status = "resolved";
      s.put_case(c);
      CHECK(s.unresolved(std::string_view("ACME"), std::string_view("INV-1")).empty());
      CHECK(s.unresolved(std::nullopt).size() == 1);
      CHECK_THROWS_AS(s.get_case("nope"), Error);
    });
  }

  TEST_CASE("a stored case with a corrupt count is an error naming the table and key") {
    TempLedger t;
    auto h = TestAccess::handle("disputes");
    t.ledger->write([&](Tx& tx) {
      Records s(tx, h);
      // Every field up to the documents, then a count of 2^62 documents.
      Encoder e(1);
      for (int i = 0; i < 4; ++i)
        e.str("x");
      e.money(Money(100, Currency::parse("USD"))).str("price").str("open").str("analyst");
      e.date(make_date(2026, 1, 1)).str("ann").date(make_date(2026, 1, 1)).str("ann");
      e.str("manual").str("").date(Date{}).str("").i64(0).u64(std::uint64_t{1} << 62);
      tx.table(h, "cases").put(KeyBuilder().str("DSP-1"), e.bytes());
      try {
        s.find_case("DSP-1");
        FAIL("expected a corrupt record error");
      } catch (const Error& err) {
        CHECK(err.kind() == ErrorKind::kError);
        CHECK(std::string(err.what()) ==
              "corrupt record in x.disputes.cases at key 'DSP-1\\x00\\x01': truncated");
      }
    });
  }

  TEST_CASE("proposals and activities keep every field") {
    TempLedger t;
    auto h = TestAccess::handle("disputes");
    const auto eur = Currency::parse("EUR");
    t.ledger->write([&](Tx& tx) {
      Records s(tx, h);
      Proposal p;
      p.id = "WOP-1";
      p.invoice = "INV-1";
      p.customer = "ACME";
      p.amount = Money(123456, eur);
      p.required = 2;
      p.approvals = {{"ann", make_date(2026, 2, 1), "ann"}, {"bob", make_date(2026, 2, 2), "root"}};
      s.put_proposal(p);
      const auto q = s.find_proposal("WOP-1");
      REQUIRE(q);
      CHECK(q->amount == Money(123456, eur));
      CHECK(q->required == 2);
      REQUIRE(q->approvals.size() == 2);
      CHECK(q->approvals[1].actor == "bob");
      CHECK(q->approvals[1].date == make_date(2026, 2, 2));
      CHECK(q->approvals[1].login == "root");

      Activity a{7,
                 "ACME",
                 "call",
                 "promised Friday",
                 make_date(2026, 3, 1),
                 make_date(2026, 3, 6),
                 "ann",
                 "promised",
                 "Jane Roe",
                 "review",
                 "PTP-1",
                 ""};
      Activity b{
          8,  "BETA", "letter", "final notice", make_date(2026, 3, 2), std::nullopt, "bob", "", "",
          "", "",     ""};
      s.put_activity(b);
      s.put_activity(a);
      std::vector<Activity> seen;
      s.for_each_activity(std::nullopt, [&](const Activity& x) {
        seen.push_back(x);
        return true;
      });
      REQUIRE(seen.size() == 2);
      CHECK(seen[0].customer == "ACME");
      CHECK(seen[0].next_action == make_date(2026, 3, 6));
      CHECK(seen[0].result == "promised");
      CHECK(seen[0].contact == "Jane Roe");
      CHECK(seen[0].next_action_type == "review");
      CHECK(seen[0].promise == "PTP-1");
      CHECK_FALSE(seen[1].next_action.has_value());
      CHECK(seen[1].result.empty());
    });
  }
}
