// Payment terms: due dates, discount windows and strict parsing.
#include <doctest/doctest.h>

#include "arctl/error.hpp"
#include "arctl/terms.hpp"

using namespace arctl;

TEST_CASE("2/10 net30 on 2026-01-31 gives discount date 2026-02-10 and due date 2026-03-02") {
  const auto t = Terms::parse("2/10 net30");
  const auto d = parse_date("2026-01-31");
  CHECK(format_date(*t.discount_date(d)) == "2026-02-10");
  CHECK(format_date(t.due_date(d)) == "2026-03-02");
  const auto usd = Currency::parse("USD");
  CHECK(t.discount_amount(Money::parse("1000.00", usd)) == Money::parse("20.00", usd));
  // 2% of 0.25 is 0.005: half a cent rounds away from zero.
  CHECK(t.discount_amount(Money::parse("0.25", usd)) == Money::parse("0.01", usd));
}

TEST_CASE("eom+30 counts 30 days from the end of the invoice's month") {
  CHECK(format_date(Terms::parse("eom+30").due_date(parse_date("2026-01-15"))) == "2026-03-02");
  CHECK(format_date(Terms::parse("eom").due_date(parse_date("2026-02-03"))) == "2026-02-28");
  CHECK(format_date(Terms::parse("eom").due_date(parse_date("2028-02-03"))) == "2028-02-29");
}

TEST_CASE("netN, net45 and due-on-receipt") {
  const auto d = parse_date("2026-12-15");
  CHECK(format_date(Terms::parse("net30").due_date(d)) == "2027-01-14");
  CHECK(format_date(Terms::parse("net45").due_date(d)) == "2027-01-29");
  CHECK(Terms::parse("due-on-receipt").due_date(d) == d);
  CHECK_FALSE(Terms::parse("net30").has_discount());
  CHECK(Terms::parse("net30")
            .discount_amount(Money::parse("5.00", Currency::parse("USD")))
            .is_zero());
}

TEST_CASE("terms are parsed strictly") {
  for (const char* bad :
       {"", "net", "net-5", "NET30", "net 30", "eom+", "eom+x", "2/10", "2/10 ", "x/10 net30",
        "2/x net30", "0/10 net30", "100/10 net30", "2/40 net30", "net30 ", "fortnightly"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(Terms::parse(bad), Error);
  }
  CHECK(Terms::parse("1.5/10 net30")
            .discount_amount(Money::parse("200.00", Currency::parse("USD"))) ==
        Money::parse("3.00", Currency::parse("USD")));
}
