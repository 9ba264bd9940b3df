// Unit tests of deduction cases and the payments plugin's receipt events
// (payment.reversed, payment.reassigned), published through the ledger's bus
// as the payments plugin will publish them.
#include <doctest/doctest.h>

#include "arctl/check.hpp"
#include "cases.hpp"
#include "deductions.hpp"
#include "ledger_fixture.hpp"
#include "test_access.hpp"

using namespace arctl;
using namespace arctl::disputes;
using arctl::test::LedgerFixture;

namespace {

// A ledger with the deduction handlers subscribed and customer C1 owing two
// invoices of 1000.00 that receipts paid 30.00 short (as
// `payment auto` leaves them): one deduction case each.
struct Deductions {
  LedgerFixture f;
  PluginHandle handle = TestAccess::handle("disputes");
  const PluginHandle* handle_ptr = &handle;

  Deductions() {
    subscribe_deductions(f.ledger->bus(), handle_ptr);
    f.add_customer("C1");
    f.add_customer("C2");
    for (const auto* n : {"1", "2"}) {
      const std::string inv = std::string("INV-") + n, rec = std::string("R-") + n;
      f.post(f.doc(inv, DocKind::kInvoice, "C1", "1000.00", "2026-01-05"));
      f.post(f.doc(rec, DocKind::kReceipt, "C1", "970.00", "2026-02-01"));
      f.ledger->write([&](Tx& tx) {
        tx.apply(rec, inv, f.usd_amount("970.00"), parse_date("2026-02-01"), "reference");
        tx.emit(events::PaymentShort::kName, Json{{"receipt", rec},
                                                  {"invoice", inv},
                                                  {"customer", "C1"},
                                                  {"short", "30.00"},
                                                  {"currency", "USD"},
                                                  {"date", "2026-02-01"}});
      });
    }
  }

  Case case_of(const std::string& invoice) {
    return f.ledger->read([&](Tx& tx) {
      Case found;
      Records(tx, handle).for_each_case([&](const Case& c) {
        if (c.invoice != invoice) return true;
        found = c;
        return false;
      });
      return found;
    });
  }

  // What the payments plugin does to a receipt it reverses: its
  // applications are reversed, then payment.reversed is published.
  void reverse_receipt(const std::string& receipt, const std::string& reason) {
    f.ledger->write([&](Tx& tx) {
      for (const auto& a : tx.applications_of(receipt))
        if (a.active()) tx.reverse(a.id, parse_date("2026-02-10"), "returned: " + reason);
      tx.emit(events::PaymentReversed::kName, Json{{"id", receipt},
                                                   {"customer", "C1"},
                                                   {"amount", "970.00"},
                                                   {"currency", "USD"},
                                                   {"reason", reason},
                                                   {"date", "2026-02-10"},
                                                   {"reopened", Json::array({"INV-1"})}});
    });
  }
};

}  // namespace

TEST_SUITE("disputes") {
  TEST_CASE("a short payment opens a deduction case for the short amount") {
    Deductions t;
    const auto c = t.case_of("INV-1");
    CHECK(c.reason == "deduction");
    CHECK(c.status == "open");
    CHECK(c.amount == t.f.usd_amount("30.00"));
    CHECK(c.source == events::PaymentShort::kName);
    CHECK(c.source_ref == "R-1");
  }

  TEST_CASE("reversing the receipt that caused a deduction cancels the case") {
    Deductions t;
    t.reverse_receipt("R-1", "bounced");
    const auto c = t.case_of("INV-1");
    CHECK(c.status == "resolved");
    CHECK(c.outcome == "cancelled");
    CHECK(c.resolved == parse_date("2026-02-10"));
    CHECK(c.resolved_amount.is_zero());
    t.f.ledger->read([&](Tx& tx) {
      Cases cases(tx, t.handle);
      const auto hist = cases.store().history(c.id);
      REQUIRE(!hist.empty());
      CHECK(hist.back().action == "resolved");
      CHECK(hist.back().to == "cancelled");
      CHECK(hist.back().note.find("R-1") != std::string::npos);
      CHECK(hist.back().note.find("bounced") != std::string::npos);
      // The invoice is open again, all of it collectible.
      const auto inv = tx.document("INV-1");
      CHECK(inv.open == t.f.usd_amount("1000.00"));
      CHECK(cases.disputed(inv).is_zero());
      CHECK(check_ledger(tx).ok());
    });
    CHECK(t.case_of("INV-2").status == "open");
  }

  TEST_CASE("moving the receipt to another customer cancels only its own deductions") {
    Deductions t;
    t.f.ledger->write([&](Tx& tx) {
      tx.emit(events::PaymentReassigned::kName, Json{{"id", "R-2"},
                                                     {"from", "C1"},
                                                     {"to", "C2"},
                                                     {"amount", "970.00"},
                                                     {"currency", "USD"},
                                                     {"reason", "paid by the parent company"},
                                                     {"date", "2026-02-12"},
                                                     {"reopened", Json::array({"INV-2"})}});
    });
    const auto moved = t.case_of("INV-2");
    CHECK(moved.status == "resolved");
    CHECK(moved.outcome == "cancelled");
    t.f.ledger->read([&](Tx& tx) {
      const auto hist = Records(tx, t.handle).history(moved.id);
      CHECK(hist.back().note.find("moved to customer C2") != std::string::npos);
    });
    CHECK(t.case_of("INV-1").status == "open");
  }

  TEST_CASE("a receipt event for a receipt without deductions changes nothing") {
    Deductions t;
    t.f.post(t.f.doc("R-3", DocKind::kReceipt, "C1", "5.00", "2026-02-01"));
    const auto before = t.f.ledger->read([](Tx& tx) { return tx.journal_head().seq; });
    t.reverse_receipt("R-3", "duplicate");
    CHECK(t.case_of("INV-1").status == "open");
    CHECK(t.case_of("INV-2").status == "open");
    // Only the payments event itself was written.
    CHECK(t.f.ledger->read([](Tx& tx) { return tx.journal_head().seq; }) == before + 1);
  }

  TEST_CASE("the whole write rolls back with the event that caused it") {
    Deductions t;
    CHECK_THROWS(t.f.ledger->write([&](Tx& tx) {
      tx.emit(events::PaymentReversed::kName, Json{{"id", "R-1"},
                                                   {"customer", "C1"},
                                                   {"amount", "970.00"},
                                                   {"currency", "USD"},
                                                   {"reason", "bounced"},
                                                   {"date", "2026-02-10"},
                                                   {"reopened", Json::array()}});
      throw std::runtime_error("the payments command failed after publishing");
    }));
    CHECK(t.case_of("INV-1").status == "open");
  }
}
