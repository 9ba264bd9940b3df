// Credit arithmetic on a real ledger: exposure, ceiling, the order-release
// decision and the automatic findings, with figures worked out by hand.
#include <doctest/doctest.h>

#include "credit.hpp"
#include "holds.hpp"
#include "ledger_fixture.hpp"
#include "test_access.hpp"

using namespace arctl;
using namespace arctl::holds;

namespace {

struct Fixture : test::LedgerFixture {
  PluginHandle handle = TestAccess::handle("holds");
  Holds holds{handle};
  Rules rules;

  Fixture() {
    ledger->write([&](Tx& tx) {
      Customer c;
      c.id = "ACME";
      c.name = "Acme";
      c.currency = usd;
      c.credit_limit = usd_amount("10000.00");
      tx.add_customer(c);
    });
  }
  AssessOptions opts(const char* today) {
    AssessOptions o;
    o.today = parse_date(today);
    o.rules = &rules;
    return o;
  }
  Decision check(const char* amount, const char* today = "2026-03-31") {
    return ledger->read([&](Tx& tx) {
      return decide(check_base(tx, holds.store(), "ACME", opts(today)), amount, "");
    });
  }
  Position position(const char* today = "2026-03-31") {
    return ledger->read([&](Tx& tx) { return assess(tx, holds.store(), "ACME", opts(today)); });
  }
};

}  // namespace

TEST_CASE("holds: limit 10,000.00 with 9,000.00 open releases 999.99 and blocks 1000.01 by 0.01") {
  Fixture f;
  f.post(f.doc("INV-1", DocKind::kInvoice, "ACME", "9000.00", "2026-03-01"));
  const auto ok = f.check("999.99");
  CHECK(ok.release);
  CHECK(ok.exposure.str() == "9000.00");
  CHECK(ok.available->str() == "1000.00");
  CHECK(f.check("1000.00").release);  // exactly the limit still fits
  const auto no = f.check("1000.01");
  CHECK_FALSE(no.release);
  REQUIRE(no.reasons.size() == 1);
  CHECK(no.reasons[0].reason == "over_limit");
  CHECK(no.reasons[0].detail == "would exceed limit 10000.00 by 0.01");
}

TEST_CASE(
    "holds: a valid guarantee adds to the ceiling, an expired one adds nothing and is found") {
  Fixture f;
  f.post(f.doc("INV-1", DocKind::kInvoice, "ACME", "9000.00", "2026-03-01"));
  f.ledger->write([&](Tx& tx) {
    f.holds.store().put_profile(tx, "ACME",
                                {f.usd_amount("2500.00"), parse_date("2026-03-31"), std::nullopt});
  });
  // 10,000 + 2,500 - 9,000 = 3,500 available on the last valid day.
  CHECK(f.position("2026-03-31").available->str() == "3500.00");
  CHECK(f.check("3500.00", "2026-03-31").release);
  CHECK_FALSE(f.check("3500.01", "2026-03-31").release);
  // The day after expiry the guarantee is gone: 1,000 available.
  f.rules.guarantee_expired = true;
  const auto p = f.position("2026-04-01");
  CHECK(p.guarantee_status == "expired");
  CHECK(p.available->str() == "1000.00");
  REQUIRE(p.findings.size() == 1);
  CHECK(p.findings[0].reason == "guarantee_expired");
}

TEST_CASE("holds: over_limit_pct tolerates exposure up to limit x (1 + pct)") {
  Fixture f;
  f.post(f.doc("INV-1", DocKind::kInvoice, "ACME", "10500.00", "2026-03-01"));
  CHECK(f.position().findings.size() == 1);  // 10,500 > 10,000
  f.rules.over_limit_pct = Decimal::parse_percent("5");
  CHECK(f.position().findings.empty());  // 10,500 <= 10,500
  CHECK(f.position().ceiling->str() == "10500.00");
}

TEST_CASE("holds: past_due counts days after the due date and needs more than N") {
  Fixture f;
  f.rules.past_due = true;
  // Issued 2026-01-01, due 30 days later: 2026-01-31; 2026-04-01 is 60 days on.
  f.post(f.doc("INV-OLD", DocKind::kInvoice, "ACME", "100.00", "2026-01-01"));
  auto p = f.position("2026-04-01");
  CHECK(p.oldest_past_due_days == 60);
  CHECK(p.findings.empty());
  p = f.position("2026-04-02");
  CHECK(p.oldest_past_due_days == 61);
  REQUIRE(p.findings.size() == 1);
  CHECK(p.findings[0].reason == "past_due");
  CHECK(p.oldest_past_due_item == "INV-OLD");
  // An item open for no more than the minimum is ignored.
  f.rules.past_due_min_amount = "100.00";
  CHECK(f.position("2026-04-02").findings.empty());
  f.rules.past_due_min_amount = "99.999";
  CHECK(f.position("2026-04-02").findings.size() == 1);
}

TEST_CASE("holds: unapplied cash reduces exposure only with net_unapplied") {
  Fixture f;
  f.post(f.doc("INV-1", DocKind::kInvoice, "ACME", "9000.00", "2026-03-01"));
  f.post(f.doc("RCT-1", DocKind::kReceipt, "ACME", "2000.00", "2026-03-02"));
  CHECK(f.position().exposure.str() == "9000.00");
  CHECK(f.position().unapplied.str() == "2000.00");
  f.rules.net_unapplied = true;
  CHECK(f.position().exposure.str() == "7000.00");
}

TEST_CASE("holds: evaluate places and releases automatic holds but never a manual one") {
  Fixture f;
  f.post(f.doc("INV-1", DocKind::kInvoice, "ACME", "10000.01", "2026-03-01"));
  auto changes = f.ledger->write([&](Tx& tx) {
    f.holds.place_manual(tx, "ACME", "legal review", parse_date("2026-03-31"));
    return f.holds.evaluate(tx, "ACME", f.opts("2026-03-31"));
  });
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].action == "placed");
  CHECK(changes[0].reason == "over_limit");
  f.post(f.doc("CN-1", DocKind::kCreditNote, "ACME", "0.01", "2026-03-02"));
  changes = f.ledger->write([&](Tx& tx) {
    tx.apply("CN-1", "INV-1", f.usd_amount("0.01"), parse_date("2026-03-02"), "test");
    return f.holds.evaluate(tx, "ACME", f.opts("2026-03-31"));
  });
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].action == "released");
  const auto st = f.ledger->read([&](Tx& tx) { return f.holds.status(tx, "ACME"); });
  CHECK(st.on_hold);
  CHECK(st.reasons == std::vector<std::string>{"manual"});
  const auto hist = f.ledger->read([&](Tx& tx) { return f.holds.store().history(tx, "ACME"); });
  REQUIRE(hist.size() == 3);
  CHECK(hist[0].action == "placed");
  CHECK(hist[0].reason == "manual");
  CHECK(hist[0].actor == "tester");
  CHECK(hist[2].action == "released");
  CHECK(hist[2].reason == "over_limit");
}
