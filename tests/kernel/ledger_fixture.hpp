// A real ledger in a temporary directory, with helpers to post documents.
#pragma once

#include "arctl/ledger.hpp"
#include "tmpdir.hpp"

namespace arctl::test {

struct LedgerFixture {
  TempDir dir;
  std::unique_ptr<Ledger> ledger =
      Ledger::open(dir.path() / "ledger", {"tester", "test", false, {}}, true);
  Currency usd = Currency::parse("USD");

  Money usd_amount(const char* text) { return Money::parse(text, usd); }

  void add_customer(const std::string& id) {
    ledger->write([&](Tx& tx) {
      Customer c;
      c.id = id;
      c.name = "Customer " + id;
      c.currency = usd;
      tx.add_customer(c);
    });
  }

  Document doc(const std::string& id, DocKind kind, const std::string& customer, const char* amount,
               const char* date = "2026-01-10") {
    Document d;
    d.id = id;
    d.kind = kind;
    d.customer = customer;
    d.issued = parse_date(date);
    d.due = d.issued + std::chrono::days(30);
    d.amount = usd_amount(amount);
    return d;
  }

  PostResult post(const Document& d) {
    return ledger->write([&](Tx& tx) { return tx.post(d); });
  }
};

}  // namespace arctl::test
