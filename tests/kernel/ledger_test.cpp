// The ledger model: posting, idempotency, applications and reversals, voids,
// running balances, the period lock, the event bus and dry runs.
#include <doctest/doctest.h>

#include <map>
#include <utility>

#include "arctl/check.hpp"
#include "arctl/error.hpp"
#include "arctl/host_access.hpp"
#include "error_kind.hpp"
#include "ledger/records.hpp"
#include "ledger_fixture.hpp"

using namespace arctl;
using arctl::test::kind_of;
using arctl::test::LedgerFixture;

namespace {

std::uint64_t head(Ledger& l) {
  return l.read([](Tx& tx) { return tx.journal_head().seq; });
}

// The journal's last event and the one before it.
std::pair<JournalEntry, JournalEntry> last_two_events(Ledger& l) {
  return l.read([](Tx& tx) {
    const auto h = tx.journal_head();
    const auto last = tx.journal_entry(h.seq);
    const auto before = tx.journal_entry(h.seq - 1);
    REQUIRE(last);
    REQUIRE(before);
    return std::pair{*last, *before};
  });
}

// Writes C's stored receivable as `receivable`, straight in the store, as a
// corruption (or a bug) would, leaving its documents alone.
void overwrite_balance(LedgerFixture& f, const char* customer, const char* receivable) {
  auto w = HostAccess::store(*f.ledger).begin_write();
  Encoder e(1);
  e.money(f.usd_amount(receivable)).i64(0).u64(1);
  w->put("balances", customer, e.bytes());
  w->commit();
}

bool clean(Ledger& l) {
  return l.read([](Tx& tx) { return check_ledger(tx).ok(); });
}

// The first thing check finds on a ledger it must find fault with.
CheckFinding first_finding(Ledger& l) {
  const auto rep = l.read([](Tx& tx) { return check_ledger(tx); });
  REQUIRE_FALSE(rep.ok());
  return rep.findings.front();
}

}  // namespace

TEST_CASE("posting an invoice raises the customer's receivable and indexes it as open") {
  LedgerFixture f;
  f.add_customer("C1");
  auto r = f.post(f.doc("INV-1", DocKind::kInvoice, "C1", "100.00"));
  CHECK(r.outcome == Outcome::kCreated);
  CHECK(r.document.open == f.usd_amount("100.00"));
  f.ledger->read([&](Tx& tx) {
    const auto b = tx.balance("C1");
    CHECK(b.receivable == f.usd_amount("100.00"));
    CHECK(b.unapplied == f.usd_amount("0"));
    CHECK(b.open_items == 1);
    int items = 0;
    tx.open_items([&](const OpenItem& it) {
      CHECK(it.id == "INV-1");
      CHECK(it.open == f.usd_amount("100.00"));
      ++items;
      return true;
    });
    CHECK(items == 1);
  });
  CHECK(clean(*f.ledger));
}

TEST_CASE("re-posting identical content is a no-op that writes no event") {
  LedgerFixture f;
  f.add_customer("C1");
  f.post(f.doc("INV-1", DocKind::kInvoice, "C1", "100.00"));
  const auto before = head(*f.ledger);
  auto again = f.post(f.doc("INV-1", DocKind::kInvoice, "C1", "100.00"));
  CHECK(again.outcome == Outcome::kUnchanged);
  CHECK(head(*f.ledger) == before);
}

TEST_CASE("re-posting an id with different content is a conflict") {
  LedgerFixture f;
  f.add_customer("C1");
  f.post(f.doc("INV-1", DocKind::kInvoice, "C1", "100.00"));
  CHECK(kind_of([&] { f.post(f.doc("INV-1", DocKind::kInvoice, "C1", "100.01")); }) ==
        ErrorKind::kConflict);
}

TEST_CASE("a document in another currency than its customer's is refused") {
  LedgerFixture f;
  f.add_customer("C1");
  auto d = f.doc("INV-1", DocKind::kInvoice, "C1", "100.00");
  d.amount = Money::parse("100.00", Currency::parse("EUR"));
  CHECK(kind_of([&] { f.post(d); }) == ErrorKind::kConflict);
  CHECK(head(*f.ledger) == 1);
}

TEST_CASE("a document for an unknown customer is not found") {
  LedgerFixture f;
  CHECK(kind_of([&] { f.post(f.doc("INV-1", DocKind::kInvoice, "NOPE", "1.00")); }) ==
        ErrorKind::kNotFound);
}

TEST_CASE("applying a receipt settles the invoice and moves both open amounts") {
  LedgerFixture f;
  f.add_customer("C1");
  f.post(f.doc("INV-1", DocKind::kInvoice, "C1", "100.00"));
  f.post(f.doc("RCPT-1", DocKind::kReceipt, "C1", "60.00", "2026-01-20"));
  f.ledger->write([&](Tx& tx) {
    tx.apply("RCPT-1", "INV-1", f.usd_amount("60.00"), parse_date("2026-01-20"), "manual");
  });
  f.ledger->read([&](Tx& tx) {
    CHECK(tx.document("INV-1").open == f.usd_amount("40.00"));
    CHECK(tx.document("RCPT-1").open == f.usd_amount("0.00"));
    CHECK(tx.document("RCPT-1").status == DocStatus::kClosed);
    const auto b = tx.balance("C1");
    CHECK(b.receivable == f.usd_amount("40.00"));
    CHECK(b.unapplied == f.usd_amount("0.00"));
    CHECK(b.open_items == 1);
  });
  CHECK(clean(*f.ledger));
}

TEST_CASE("applying more than is open on either side is refused and changes nothing") {
  LedgerFixture f;
  f.add_customer("C1");
  f.post(f.doc("INV-1", DocKind::kInvoice, "C1", "50.00"));
  f.post(f.doc("RCPT-1", DocKind::kReceipt, "C1", "60.00", "2026-01-20"));
  const auto before = head(*f.ledger);
  CHECK(kind_of([&] {
          f.ledger->write([&](Tx& tx) {
            tx.apply("RCPT-1", "INV-1", f.usd_amount("60.00"), parse_date("2026-01-20"), "");
          });
        }) == ErrorKind::kConflict);
  CHECK(head(*f.ledger) == before);
  CHECK(f.ledger->read([](Tx& tx) { return tx.document("INV-1").open.minor(); }) == 5000);
}

TEST_CASE("applications between different customers are refused") {
  LedgerFixture f;
  f.add_customer("C1");
  f.add_customer("C2");
  f.post(f.doc("INV-1", DocKind::kInvoice, "C1", "50.00"));
  f.post(f.doc("RCPT-1", DocKind::kReceipt, "C2", "50.00", "2026-01-20"));
  CHECK(kind_of([&] {
          f.ledger->write([&](Tx& tx) {
            tx.apply("RCPT-1", "INV-1", f.usd_amount("50.00"), parse_date("2026-01-20"), "");
          });
        }) == ErrorKind::kConflict);
}

// Group accounts: the parent is the customer attribute "parent".
static void set_parent(LedgerFixture& f, const std::string& id, const std::string& parent) {
  f.ledger->write([&](Tx& tx) {
    auto c = tx.customer(id);
    c.attrs["parent"] = parent;
    tx.update_customer(c);
  });
}

TEST_CASE("a parent's receipt pays a grandchild's invoice; a child's never pays upward or across") {
  LedgerFixture f;
  for (const char* id : {"P", "C1", "C2", "G"})
    f.add_customer(id);
  set_parent(f, "C1", "P");
  set_parent(f, "C2", "P");
  set_parent(f, "G", "C1");
  f.post(f.doc("INV-P", DocKind::kInvoice, "P", "50.00"));
  f.post(f.doc("INV-C1", DocKind::kInvoice, "C1", "50.00"));
  f.post(f.doc("INV-G", DocKind::kInvoice, "G", "50.00"));
  f.post(f.doc("R-P", DocKind::kReceipt, "P", "80.00", "2026-01-20"));
  f.post(f.doc("R-C2", DocKind::kReceipt, "C2", "80.00", "2026-01-20"));
  const auto date = parse_date("2026-01-20");
  const auto app = f.ledger->write(
      [&](Tx& tx) { return tx.apply("R-P", "INV-G", f.usd_amount("50.00"), date, ""); });
  f.ledger->read([&](Tx& tx) {
    CHECK(tx.balance("P").unapplied.minor() == 3000);
    CHECK(tx.balance("G").receivable.minor() == 0);
  });
  for (const char* to : {"INV-P", "INV-C1"})
    CHECK(kind_of([&] {
            f.ledger->write([&](Tx& tx) { tx.apply("R-C2", to, f.usd_amount("10.00"), date, ""); });
          }) == ErrorKind::kConflict);
  f.ledger->write([&](Tx& tx) { tx.reverse(app.id, date, "mistake"); });
  f.ledger->read([&](Tx& tx) {
    CHECK(tx.balance("P").unapplied.minor() == 8000);
    CHECK(tx.balance("G").receivable.minor() == 5000);
    CHECK(check_ledger(tx).findings.empty());
  });
}

TEST_CASE("a parent must exist, be another customer in the same currency and make no loop") {
  LedgerFixture f;
  f.add_customer("P");
  f.add_customer("C");
  f.ledger->write([&](Tx& tx) {
    Customer e;
    e.id = "E";
    e.name = "Euro";
    e.currency = Currency::parse("EUR");
    tx.add_customer(e);
  });
  set_parent(f, "C", "P");
  for (const auto& [id, parent] : std::vector<std::pair<std::string, std::string>>{
           {"C", "NOPE"}, {"C", "C"}, {"E", "P"}, {"P", "C"}})
    CHECK(kind_of([&] { set_parent(f, id, parent); }) == ErrorKind::kConflict);
  CHECK(f.ledger->read([](Tx& tx) { return tx.customer("P").attrs.count("parent"); }) == 0);
}

TEST_CASE("reversing an application restores open amounts exactly and keeps both records") {
  LedgerFixture f;
  f.add_customer("C1");
  f.post(f.doc("INV-1", DocKind::kInvoice, "C1", "100.00"));
  f.post(f.doc("RCPT-1", DocKind::kReceipt, "C1", "100.00", "2026-01-20"));
  const auto app = f.ledger->write([&](Tx& tx) {
    return tx.apply("RCPT-1", "INV-1", f.usd_amount("100.00"), parse_date("2026-01-20"), "");
  });
  const auto rev = f.ledger->write(
      [&](Tx& tx) { return tx.reverse(app.id, parse_date("2026-01-25"), "returned"); });
  CHECK(rev.reverses == app.id);
  f.ledger->read([&](Tx& tx) {
    CHECK(tx.document("INV-1").open == f.usd_amount("100.00"));
    CHECK(tx.document("RCPT-1").open == f.usd_amount("100.00"));
    CHECK(tx.application(app.id).reversed_by == rev.id);
    CHECK(tx.applications_of("INV-1").size() == 2);
  });
  CHECK(kind_of([&] {
          f.ledger->write([&](Tx& tx) { tx.reverse(app.id, parse_date("2026-01-26"), ""); });
        }) == ErrorKind::kConflict);
  CHECK(clean(*f.ledger));
}

TEST_CASE("void refuses a document with applications and voids one without") {
  LedgerFixture f;
  f.add_customer("C1");
  f.post(f.doc("INV-1", DocKind::kInvoice, "C1", "100.00"));
  f.post(f.doc("INV-2", DocKind::kInvoice, "C1", "30.00"));
  f.post(f.doc("CN-1", DocKind::kCreditNote, "C1", "10.00"));
  f.ledger->write([&](Tx& tx) {
    tx.apply("CN-1", "INV-1", f.usd_amount("10.00"), parse_date("2026-01-10"), "");
  });
  CHECK(kind_of([&] {
          f.ledger->write(
              [&](Tx& tx) { tx.void_document("INV-1", "wrong", parse_date("2026-01-11")); });
        }) == ErrorKind::kConflict);
  f.ledger->write(
      [&](Tx& tx) { tx.void_document("INV-2", "duplicate", parse_date("2026-01-11")); });
  f.ledger->read([&](Tx& tx) {
    CHECK(tx.document("INV-2").status == DocStatus::kVoid);
    CHECK(tx.balance("C1").receivable == f.usd_amount("90.00"));
  });
  CHECK(clean(*f.ledger));
}

TEST_CASE("postings and applications dated on or before the lock date are refused") {
  LedgerFixture f;
  f.add_customer("C1");
  f.post(f.doc("INV-1", DocKind::kInvoice, "C1", "100.00", "2026-01-10"));
  f.post(f.doc("RCPT-1", DocKind::kReceipt, "C1", "100.00", "2026-01-20"));
  f.ledger->write([&](Tx& tx) { tx.lock_period(parse_date("2026-01-31")); });
  CHECK(kind_of([&] { f.post(f.doc("INV-2", DocKind::kInvoice, "C1", "5.00", "2026-01-31")); }) ==
        ErrorKind::kPeriodLocked);
  CHECK(kind_of([&] {
          f.ledger->write([&](Tx& tx) {
            tx.apply("RCPT-1", "INV-1", f.usd_amount("1.00"), parse_date("2026-01-31"), "");
          });
        }) == ErrorKind::kPeriodLocked);
  f.post(f.doc("INV-3", DocKind::kInvoice, "C1", "5.00", "2026-02-01"));
  CHECK(kind_of([&] {
          f.ledger->write([&](Tx& tx) { tx.lock_period(parse_date("2026-01-15")); });
        }) == ErrorKind::kConflict);
  f.ledger->write([&](Tx& tx) { tx.reopen_period("late invoice", std::nullopt); });
  f.post(f.doc("INV-2", DocKind::kInvoice, "C1", "5.00", "2026-01-31"));
  CHECK(clean(*f.ledger));
}

TEST_CASE("a subscriber's veto rolls back the whole transaction") {
  LedgerFixture f;
  f.add_customer("C1");
  f.ledger->bus().subscribe("document.posted", "test-veto", [](Tx&, const JournalEntry& e) {
    if (e.payload["amount"] == "13.00") fail_conflict("unlucky amount");
  });
  const auto before = head(*f.ledger);
  try {
    f.post(f.doc("INV-13", DocKind::kInvoice, "C1", "13.00"));
    FAIL("veto ignored");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kConflict);
    CHECK(std::string(e.what()).find("test-veto") != std::string::npos);
  }
  CHECK(head(*f.ledger) == before);
  CHECK_FALSE(f.ledger->read([](Tx& tx) { return tx.find_document("INV-13").has_value(); }));
}

TEST_CASE("a subscriber's writes commit with the publisher's in one transaction") {
  LedgerFixture f;
  f.add_customer("C1");
  f.ledger->bus().subscribe("document.posted", "test-echo", [](Tx& tx, const JournalEntry& e) {
    tx.emit("test.echo", Json{{"of", e.payload["id"]}});
  });
  f.post(f.doc("INV-1", DocKind::kInvoice, "C1", "1.00"));
  const auto [echo, posted] = last_two_events(*f.ledger);
  CHECK(echo.type == "test.echo");
  CHECK(echo.txn == posted.txn);
}

TEST_CASE("work queued before commit runs once per key, after the command, in its transaction") {
  LedgerFixture f;
  f.add_customer("C1");
  std::vector<std::string> seen;  // ids posted in the transaction, judged at commit
  int runs = 0;
  f.ledger->bus().subscribe("document.posted", "test-once", [&](Tx& tx, const JournalEntry& e) {
    if (tx.before_commit("test-once.summary", [&](Tx& t) {
          ++runs;
          t.emit("test.summary", Json{{"documents", seen}});
        }))
      seen.clear();
    seen.push_back(e.payload["id"].get<std::string>());
  });
  f.ledger->write([&](Tx& tx) {
    for (const char* id : {"INV-1", "INV-2", "INV-3"}) {
      Document d = f.doc(id, DocKind::kInvoice, "C1", "1.00");
      tx.post(d);
    }
  });
  CHECK(runs == 1);
  const auto [summary, last_post] = last_two_events(*f.ledger);
  CHECK(summary.type == "test.summary");
  CHECK(summary.payload["documents"] == Json{"INV-1", "INV-2", "INV-3"});
  CHECK(summary.txn == last_post.txn);  // the same transaction, after its postings
  // A new transaction queues it afresh; queuing again from inside the work
  // runs it once more, in a later round.
  f.post(f.doc("INV-4", DocKind::kInvoice, "C1", "1.00"));
  CHECK(runs == 2);
  int rounds = 0;
  f.ledger->write([&](Tx& tx) {
    CHECK(tx.before_commit("test-again.x", [&](Tx& t) {
      if (++rounds < 3) t.before_commit("test-again.x", [](Tx&) {});
    }));
    CHECK_FALSE(tx.before_commit("test-again.x", [](Tx&) {}));
  });
  CHECK(rounds == 3);
}

TEST_CASE("an error in work queued before commit aborts the transaction and names the plugin") {
  LedgerFixture f;
  f.add_customer("C1");
  const auto before = head(*f.ledger);
  try {
    f.ledger->write([&](Tx& tx) {
      tx.post(f.doc("INV-1", DocKind::kInvoice, "C1", "1.00"));
      tx.before_commit("late.check", [](Tx&) { fail_conflict("refused at commit"); });
    });
    FAIL("the error was lost");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kConflict);
    CHECK(std::string(e.what()) == "late: refused at commit");
  }
  CHECK(head(*f.ledger) == before);
  CHECK_FALSE(f.ledger->read([](Tx& tx) { return tx.find_document("INV-1").has_value(); }));
  // Work that keeps queuing more is stopped.
  CHECK(kind_of([&] {
          f.ledger->write([&](Tx& tx) {
            std::function<void(Tx&)> loop = [&](Tx& t) { t.before_commit("spin.x", loop); };
            tx.before_commit("spin.x", loop);
          });
        }) == ErrorKind::kError);
}

TEST_CASE("a dry run does the work and then discards it") {
  LedgerFixture f;
  f.add_customer("C1");
  const auto before = head(*f.ledger);
  f.ledger->session().dry_run = true;
  auto r = f.post(f.doc("INV-1", DocKind::kInvoice, "C1", "1.00"));
  CHECK(r.outcome == Outcome::kCreated);
  f.ledger->session().dry_run = false;
  CHECK(head(*f.ledger) == before);
  CHECK_FALSE(f.ledger->read([](Tx& tx) { return tx.find_document("INV-1").has_value(); }));
}

TEST_CASE("a suspense receipt can be assigned to a customer and then applied") {
  LedgerFixture f;
  f.add_customer("C1");
  f.post(f.doc("INV-1", DocKind::kInvoice, "C1", "75.00"));
  f.post(f.doc("RCPT-9", DocKind::kReceipt, "", "75.00", "2026-01-15"));
  f.ledger->read([&](Tx& tx) { CHECK(tx.balance("").unapplied == f.usd_amount("75.00")); });
  f.ledger->write([&](Tx& tx) {
    tx.assign_customer("RCPT-9", "C1");
    tx.apply("RCPT-9", "INV-1", f.usd_amount("75.00"), parse_date("2026-01-15"), "");
  });
  f.ledger->read([&](Tx& tx) {
    CHECK(tx.balance("").unapplied == f.usd_amount("0.00"));
    CHECK(tx.balance("C1").balance() == f.usd_amount("0.00"));
  });
  CHECK(clean(*f.ledger));
}

TEST_CASE("reassigning a receipt moves its credit, indexes and balances to the new customer") {
  LedgerFixture f;
  f.add_customer("C1");
  f.add_customer("C2");
  f.post(f.doc("INV-1", DocKind::kInvoice, "C1", "40.00"));
  f.post(f.doc("RCPT-1", DocKind::kReceipt, "C1", "75.00", "2026-01-15"));
  f.ledger->write([&](Tx& tx) {
    tx.apply("RCPT-1", "INV-1", f.usd_amount("40.00"), parse_date("2026-01-15"), "");
  });
  CHECK(kind_of([&] { f.ledger->write([](Tx& tx) { tx.reassign_receipt("RCPT-1", "C2"); }); }) ==
        ErrorKind::kConflict);
  CHECK(kind_of([&] { f.ledger->write([](Tx& tx) { tx.reassign_receipt("INV-1", "C2"); }); }) ==
        ErrorKind::kConflict);
  f.ledger->write([&](Tx& tx) {
    tx.reverse(tx.applications_of("RCPT-1").at(0).id, parse_date("2026-01-16"), "wrong customer");
    tx.reassign_receipt("RCPT-1", "C2");
  });
  CHECK(kind_of([&] { f.ledger->write([](Tx& tx) { tx.reassign_receipt("RCPT-1", "C2"); }); }) ==
        ErrorKind::kConflict);
  f.ledger->read([&](Tx& tx) {
    CHECK(tx.balance("C1").receivable == f.usd_amount("40.00"));
    CHECK(tx.balance("C1").unapplied == f.usd_amount("0.00"));
    CHECK(tx.balance("C2").unapplied == f.usd_amount("75.00"));
    int seen = 0;
    tx.documents_of("C2", Date{}, parse_date("2026-12-31"), [&](const Document& d) {
      CHECK(d.id == "RCPT-1");
      return ++seen;
    });
    CHECK(seen == 1);
  });
  CHECK(clean(*f.ledger));
}

TEST_CASE("the journal chains every event and check names an altered one") {
  LedgerFixture f;
  f.add_customer("C1");
  f.post(f.doc("INV-1", DocKind::kInvoice, "C1", "100.00"));
  f.post(f.doc("INV-2", DocKind::kInvoice, "C1", "100.00"));
  CHECK(clean(*f.ledger));
  // Rewrite event 2 with a changed payload but its old hash, as an attacker
  // without the chain's later hashes would have to.
  auto& store = HostAccess::store(*f.ledger);
  {
    auto w = store.begin_write();
    auto v = w->get("journal", KeyBuilder().u64(2));
    REQUIRE(v);
    Bytes changed(*v);
    const auto pos = changed.find("100.00");
    REQUIRE(pos != Bytes::npos);
    changed[pos] = '9';
    w->put("journal", KeyBuilder().u64(2), changed);
    w->commit();
  }
  CHECK(first_finding(*f.ledger).record == "seq 2");
}

TEST_CASE("check finds a running balance that no longer matches its documents") {
  LedgerFixture f;
  f.add_customer("C1");
  f.post(f.doc("INV-1", DocKind::kInvoice, "C1", "100.00"));
  overwrite_balance(f, "C1", "99.00");
  CHECK(first_finding(*f.ledger).area == "balance");
}

TEST_CASE("a transaction that would leave a balance off its open items fails as a bug, exit 70") {
  LedgerFixture f;
  f.add_customer("C1");
  f.add_customer("C2");
  f.post(f.doc("INV-1", DocKind::kInvoice, "C1", "100.00"));
  overwrite_balance(f, "C1", "99.00");
  const auto before = head(*f.ledger);
  const auto kind = kind_of([&] { f.post(f.doc("INV-2", DocKind::kInvoice, "C1", "10.00")); });
  CHECK(kind == ErrorKind::kInternal);
  CHECK(exit_code(ErrorKind::kInternal) == 70);
  CHECK(head(*f.ledger) == before);
  // A transaction that leaves C1's balance alone is not held up by it.
  f.post(f.doc("INV-3", DocKind::kInvoice, "C2", "10.00"));
  CHECK(head(*f.ledger) > before);
}

TEST_CASE("open items carry the discount date; entries of the first format still read and check") {
  LedgerFixture f;
  f.add_customer("C1");
  auto with = f.doc("INV-1", DocKind::kInvoice, "C1", "100.00");
  with.attrs["discount_date"] = "2026-01-20";
  f.post(with);
  f.post(f.doc("INV-2", DocKind::kInvoice, "C1", "50.00"));
  auto items = [&] {
    std::map<std::string, OpenItem> out;
    f.ledger->read([&](Tx& tx) {
      tx.open_items([&](const OpenItem& it) { return out.emplace(it.id, it), true; });
    });
    return out;
  };
  auto now = items();
  CHECK(now.at("INV-1").discount_known);
  CHECK(now.at("INV-1").discount_date == parse_date("2026-01-20"));
  CHECK(now.at("INV-2").discount_known);
  CHECK_FALSE(now.at("INV-2").discount_date);

  // Rewrite INV-1's entry as arctl wrote it before the discount date.
  const auto doc = f.ledger->read([](Tx& tx) { return tx.document("INV-1"); });
  const auto key = records::open_item_key(doc);
  {
    auto w = HostAccess::store(*f.ledger).begin_write();
    w->put("open_items", key, records::open_item_value_v1(records::open_item_value(doc)));
    w->commit();
  }
  now = items();
  CHECK_FALSE(now.at("INV-1").discount_known);  // the reader goes to the document
  CHECK(now.at("INV-1").open == f.usd_amount("100.00"));
  CHECK(clean(*f.ledger));

  // A first-format entry that disagrees with its document is still found.
  auto other = doc;
  other.open = f.usd_amount("90.00");
  {
    auto w = HostAccess::store(*f.ledger).begin_write();
    w->put("open_items", key, records::open_item_value_v1(records::open_item_value(other)));
    w->commit();
  }
  CHECK(first_finding(*f.ledger).record == "open_items INV-1");
}

TEST_CASE("gap-free counters roll back with their transaction") {
  LedgerFixture f;
  CHECK(f.ledger->write([](Tx& tx) { return tx.next_counter("invoice"); }) == 1);
  try {
    f.ledger->write([](Tx& tx) {
      tx.next_counter("invoice");
      fail_conflict("abort");
    });
  } catch (const Error&) {
  }
  CHECK(f.ledger->write([](Tx& tx) { return tx.next_counter("invoice"); }) == 2);
}
