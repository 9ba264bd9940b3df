// Account-name rules and the exact text of each export syntax.
#include <doctest/doctest.h>

#include <sstream>

#include "accounts.hpp"
#include "arctl/error.hpp"
#include "writers.hpp"

using namespace arctl;
using namespace arctl::gl;

TEST_SUITE("gl") {
  TEST_CASE("gl: account names that ledger files cannot carry are refused") {
    CHECK_NOTHROW(validate_account("k", "Assets:Receivable"));
    CHECK_NOTHROW(validate_account("k", "Assets:Accounts Receivable:Trade"));
    for (const char* bad : {"", "Assets:  Receivable", "Assets:Receivable ", "Assets;x",
                            "Assets::Receivable", ":Assets", "(Assets)", "Assets\tX", "#x"})
      CHECK_THROWS_AS(validate_account("gl.account.receivable", bad), Error);
    try {
      validate_account("gl.account.tax", "Liabilities::Tax");
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(std::string(e.what()).find("gl.account.tax") != std::string::npos);
      CHECK(exit_code(e.kind()) == 4);
    }
  }

  TEST_CASE("gl: beancount account names") {
    CHECK(beancount_account("Assets:Receivable:Unapplied"));
    CHECK(beancount_account("Income:Sales-EU:2026"));
    CHECK_FALSE(beancount_account("Asset:Receivable"));
    CHECK_FALSE(beancount_account("Assets:receivable"));
    CHECK_FALSE(beancount_account("Assets:Accounts Receivable"));
    CHECK_FALSE(beancount_account("Assets"));
    CHECK_FALSE(beancount_account("Assets:"));
  }

  Entry invoice() {
    Entry e;
    e.date = parse_date("2026-10-05");
    e.seq = 42;
    e.kind = "invoice";
    e.document = "INV-1";
    e.customer = "ACME";
    e.description = "Invoice INV-1, Acme; \"Ltd\"";
    e.currency = Currency::parse("USD");
    e.postings = {
        {"Assets:Receivable", 10825}, {"Income:Sales", -10000}, {"Liabilities:SalesTax", -825}};
    return e;
  }

  TEST_CASE("gl: hledger and ledger text") {
    std::ostringstream out;
    Writer w(out, Syntax::kHledger);
    w.begin({"Assets:Receivable", "Income:Sales"}, {"USD"}, {"title"});
    w.entry(invoice());
    CHECK(out.str() ==
          "; title\n\n"
          "account Assets:Receivable\n"
          "account Income:Sales\n"
          "commodity USD\n\n"
          "2026-10-05 * (INV-1) Invoice INV-1, Acme, \"Ltd\"\n"
          "    ; arctl-seq: 42\n"
          "    ; arctl-doc: INV-1\n"
          "    ; arctl-kind: invoice\n"
          "    ; arctl-customer: ACME\n"
          "    Assets:Receivable                     108.25 USD\n"
          "    Income:Sales                         -100.00 USD\n"
          "    Liabilities:SalesTax                   -8.25 USD\n\n");
  }

  TEST_CASE("gl: beancount text quotes and declares") {
    std::ostringstream out;
    Writer w(out, Syntax::kBeancount);
    w.begin({"Assets:Receivable"}, {}, {});
    w.entry(invoice());
    const auto s = out.str();
    CHECK(s.find("1970-01-01 open Assets:Receivable\n") != std::string::npos);
    CHECK(s.find("2026-10-05 * \"ACME\" \"Invoice INV-1, Acme, \\\"Ltd\\\"\"\n") !=
          std::string::npos);
    CHECK(s.find("  Liabilities:SalesTax  -8.25 USD\n") != std::string::npos);
    std::ostringstream bad;
    Writer wb(bad, Syntax::kBeancount);
    CHECK_THROWS_AS(wb.begin({"Assets:Accounts Receivable"}, {}, {}), Error);
  }

  TEST_CASE("gl: csv rows are one per posting with debit and credit columns") {
    std::ostringstream out;
    Writer w(out, Syntax::kCsv);
    w.begin({}, {}, {});
    auto e = invoice();
    e.description = "=HYPERLINK(\"x\")";
    w.entry(e);
    CHECK(out.str() ==
          "entry,date,seq,document,kind,customer,description,account,debit,credit,currency\n"
          "arctl-42,2026-10-05,42,INV-1,invoice,ACME,\"'=HYPERLINK(\"\"x\"\")\",Assets:Receivable,"
          "108.25,,USD\n"
          "arctl-42,2026-10-05,42,INV-1,invoice,ACME,\"'=HYPERLINK(\"\"x\"\")\",Income:Sales,,"
          "100.00,USD\n"
          "arctl-42,2026-10-05,42,INV-1,invoice,ACME,\"'=HYPERLINK(\"\"x\"\")\",Liabilities:"
          "SalesTax,,8.25,USD\n");
  }

  TEST_CASE("gl: jsonl and a zero-decimal currency") {
    std::ostringstream out;
    Writer w(out, Syntax::kJsonl);
    auto e = invoice();
    e.currency = Currency::parse("JPY");
    e.postings = {{"Assets:Receivable", 1500}, {"Income:Sales", -1500}};
    w.entry(e);
    const auto j = Json::parse(out.str());
    CHECK(j["entry"] == "arctl-42");
    CHECK(j["postings"][0]["debit"] == "1500");
    CHECK(j["postings"][1]["credit"] == "1500");
    CHECK(j["currency"] == "JPY");
  }

  TEST_CASE("gl: unknown export format") {
    CHECK(parse_syntax("beancount") == Syntax::kBeancount);
    CHECK_THROWS_AS(parse_syntax("xlsx"), Error);
  }
}
