// The index of dated changes: what Tx::changes_after lists, what `arctl
// check` says of it, and its build on the first write of a ledger without it.
#include <doctest/doctest.h>

#include <vector>

#include "arctl/check.hpp"
#include "arctl/host_access.hpp"
#include "ledger/tables.hpp"
#include "ledger_fixture.hpp"

using namespace arctl;
using arctl::test::LedgerFixture;

namespace {

// "date document application effect" per change after `after`, or "none"
// when the ledger has no index.
std::vector<std::string> changes(Ledger& l, const char* after) {
  return l.read([&](Tx& tx) {
    std::vector<std::string> out;
    const bool indexed = tx.changes_after(parse_date(after), [&](const DatedChange& c) {
      out.push_back(format_date(c.date) + " " + c.document + " " + std::to_string(c.application) +
                    " " + format_date(c.issued) + " " + std::to_string(c.effect));
      return true;
    });
    if (!indexed) out.push_back("none");
    return out;
  });
}

bool clean(Ledger& l) {
  return l.read([](Tx& tx) { return check_ledger(tx).ok(); });
}

// A ledger with an application, its reversal and a void.
void build(LedgerFixture& f) {
  f.add_customer("C1");
  f.post(f.doc("INV-1", DocKind::kInvoice, "C1", "100.00"));
  f.post(f.doc("INV-2", DocKind::kInvoice, "C1", "50.00"));
  f.post(f.doc("RCPT-1", DocKind::kReceipt, "C1", "60.00", "2026-01-20"));
  const auto app = f.ledger->write([&](Tx& tx) {
    return tx.apply("RCPT-1", "INV-1", f.usd_amount("60.00"), parse_date("2026-01-20"), "manual");
  });
  f.ledger->write([&](Tx& tx) { tx.reverse(app.id, parse_date("2026-02-05"), "mistake"); });
  f.ledger->write([&](Tx& tx) { tx.void_document("INV-2", "twice", parse_date("2026-02-10")); });
}

const std::vector<std::string> kAfterJan19{
    "2026-01-20 INV-1 1 2026-01-10 -6000", "2026-01-20 RCPT-1 1 2026-01-20 -6000",
    "2026-02-05 INV-1 2 2026-01-10 6000", "2026-02-05 RCPT-1 2 2026-01-20 6000",
    "2026-02-10 INV-2 0 2026-01-10 -5000"};

}  // namespace

TEST_CASE("changes_after lists applications, reversals and voids dated after the date") {
  LedgerFixture f;
  build(f);
  CHECK(changes(*f.ledger, "2026-01-19") == kAfterJan19);
  CHECK(changes(*f.ledger, "2026-02-05") ==
        std::vector<std::string>{"2026-02-10 INV-2 0 2026-01-10 -5000"});
  CHECK(changes(*f.ledger, "2026-02-10").empty());
  CHECK(clean(*f.ledger));
}

TEST_CASE("a ledger without the index has none until its next write builds it") {
  LedgerFixture f;
  build(f);
  {
    auto w = HostAccess::store(*f.ledger).begin_write();
    std::vector<Bytes> keys;
    auto c = w->cursor(tables::kChangesByDate);
    for (bool ok = c->first(); ok; ok = c->next())
      keys.emplace_back(c->key());
    c.reset();
    REQUIRE(keys.size() == 5);
    w->del(tables::kChangesByDate, keys.front());
    w->del(tables::kMeta, tables::kMetaChangeIndex);
    w->commit();
  }
  CHECK(changes(*f.ledger, "2026-01-19") == std::vector<std::string>{"none"});
  CHECK(clean(*f.ledger));  // nothing reads an index without its mark
  f.add_customer("C2");
  CHECK(changes(*f.ledger, "2026-01-19") == kAfterJan19);
  CHECK(clean(*f.ledger));
}

TEST_CASE("check reports a change the index lacks") {
  LedgerFixture f;
  build(f);
  {
    auto w = HostAccess::store(*f.ledger).begin_write();
    auto c = w->cursor(tables::kChangesByDate);
    REQUIRE(c->last());
    const Bytes key(c->key());
    c.reset();
    w->del(tables::kChangesByDate, key);
    w->commit();
  }
  const auto rep = f.ledger->read([](Tx& tx) { return check_ledger(tx); });
  REQUIRE(rep.findings.size() == 1);
  CHECK(rep.findings[0].area == "index");
  CHECK(rep.findings[0].record == "changes_by_date INV-2");
  CHECK(rep.findings[0].message ==
        "change index has no entry for the void of 'INV-2' on 2026-02-10");
}
