// Posting date versus document date: what an action touching documents of a
// locked period posts on, and what its events say about both dates.
#include <doctest/doctest.h>

#include "arctl/check.hpp"
#include "arctl/error.hpp"
#include "error_kind.hpp"
#include "ledger_fixture.hpp"

using namespace arctl;
using arctl::test::kind_of;
using arctl::test::LedgerFixture;

namespace {

JournalEntry last_event(Ledger& l) {
  return l.read([](Tx& tx) { return *tx.journal_entry(tx.journal_head().seq); });
}

bool clean(Ledger& l) {
  return l.read([](Tx& tx) { return check_ledger(tx).ok(); });
}

Date d(const char* text) {
  return parse_date(text);
}

}  // namespace

TEST_CASE("posting_date keeps an open date and moves a locked one to the first open day") {
  LedgerFixture f;
  f.ledger->read([&](Tx& tx) { CHECK(tx.posting_date(d("2026-01-10")) == d("2026-01-10")); });
  f.ledger->write([&](Tx& tx) { tx.lock_period(d("2026-02-28")); });
  f.ledger->read([&](Tx& tx) {
    CHECK(tx.posting_date(d("2026-03-02")) == d("2026-03-02"));
    CHECK(tx.posting_date(d("2026-02-28")) == d("2026-03-01"));
    CHECK(tx.posting_date(d("2026-02-20")) == d("2026-03-01"));
  });
}

TEST_CASE("posting_date of a locked date is the business date when that is later") {
  LedgerFixture f;
  f.ledger->write([&](Tx& tx) { tx.lock_period(d("2026-02-28")); });
  f.ledger->session().today = d("2026-03-10");
  f.ledger->read([&](Tx& tx) {
    CHECK(tx.posting_date(d("2026-02-20")) == d("2026-03-10"));
    CHECK(tx.posting_date(d("2026-03-05")) == d("2026-03-05"));
  });
  f.ledger->session().today = d("2026-02-15");
  f.ledger->read([&](Tx& tx) { CHECK(tx.posting_date(d("2026-02-20")) == d("2026-03-01")); });
}

TEST_CASE("assigning a suspense receipt of a locked period posts on the posting date") {
  LedgerFixture f;
  f.add_customer("C1");
  f.post(f.doc("RCPT-1", DocKind::kReceipt, "", "40.00", "2026-01-15"));
  f.post(f.doc("RCPT-2", DocKind::kReceipt, "", "60.00", "2026-02-20"));
  f.ledger->write([&](Tx& tx) { tx.assign_customer("RCPT-1", "C1"); });
  auto e = last_event(*f.ledger);
  CHECK(e.payload["date"] == "2026-01-15");
  CHECK_FALSE(e.payload.contains("document_date"));

  f.ledger->write([&](Tx& tx) { tx.lock_period(d("2026-02-28")); });
  f.ledger->session().today = d("2026-03-10");
  f.ledger->write([&](Tx& tx) { tx.assign_customer("RCPT-2", "C1"); });
  e = last_event(*f.ledger);
  CHECK(e.type == event::kDocumentAssigned);
  CHECK(e.payload["date"] == "2026-03-10");
  CHECK(e.payload["document_date"] == "2026-02-20");
  f.ledger->read([&](Tx& tx) { CHECK(tx.document("RCPT-2").issued == d("2026-02-20")); });
  CHECK(clean(*f.ledger));
}

TEST_CASE("cash applied to documents of a locked period carries their date beside its own") {
  LedgerFixture f;
  f.add_customer("C1");
  f.post(f.doc("INV-1", DocKind::kInvoice, "C1", "100.00", "2026-02-05"));
  f.post(f.doc("RCPT-1", DocKind::kReceipt, "C1", "100.00", "2026-02-20"));
  f.ledger->write([&](Tx& tx) { tx.lock_period(d("2026-02-28")); });
  CHECK(kind_of([&] {
          f.ledger->write([&](Tx& tx) {
            tx.apply("RCPT-1", "INV-1", f.usd_amount("100.00"), d("2026-02-25"), "");
          });
        }) == ErrorKind::kPeriodLocked);
  const auto a = f.ledger->write([&](Tx& tx) {
    return tx.apply("RCPT-1", "INV-1", f.usd_amount("100.00"), tx.posting_date(d("2026-02-20")),
                    "");
  });
  CHECK(a.date == d("2026-03-01"));
  auto e = last_event(*f.ledger);
  CHECK(e.payload["date"] == "2026-03-01");
  CHECK(e.payload["document_date"] == "2026-02-20");
  f.ledger->write([&](Tx& tx) { tx.reverse(a.id, d("2026-03-02"), ""); });
  e = last_event(*f.ledger);
  CHECK_FALSE(e.payload.contains("document_date"));
  CHECK(clean(*f.ledger));
}

TEST_CASE("a void posts in the open period and never before its document") {
  LedgerFixture f;
  f.add_customer("C1");
  f.post(f.doc("INV-1", DocKind::kInvoice, "C1", "100.00", "2026-02-05"));
  f.post(f.doc("INV-2", DocKind::kInvoice, "C1", "50.00", "2026-03-05"));
  CHECK(kind_of([&] {
          f.ledger->write([&](Tx& tx) { tx.void_document("INV-2", "typo", d("2026-03-04")); });
        }) == ErrorKind::kConflict);
  f.ledger->write([&](Tx& tx) { tx.lock_period(d("2026-02-28")); });
  CHECK(kind_of([&] {
          f.ledger->write([&](Tx& tx) { tx.void_document("INV-1", "typo", d("2026-02-27")); });
        }) == ErrorKind::kPeriodLocked);
  f.ledger->write([&](Tx& tx) { tx.void_document("INV-1", "typo", d("2026-03-01")); });
  const auto e = last_event(*f.ledger);
  CHECK(e.payload["date"] == "2026-03-01");
  CHECK(e.payload["document_date"] == "2026-02-05");
  f.ledger->read([&](Tx& tx) { CHECK(tx.balance("C1").receivable == f.usd_amount("50.00")); });
  CHECK(clean(*f.ledger));
}
