// Invoice line arithmetic: one rounding rule, lines and totals always agree.
#include <doctest/doctest.h>

#include "arctl/error.hpp"
#include "lines.hpp"

using namespace arctl;
using namespace arctl::invoicing;

TEST_CASE("Widget;3;19.99;8.25% and Freight;1;12.50 total 77.42") {
  const auto usd = Currency::parse("USD");
  const std::vector<Line> lines = {parse_line("Widget;3;19.99;8.25%", usd),
                                   parse_line("Freight;1;12.50", usd)};
  CHECK(lines[0].net.str() == "59.97");
  // 59.97 x 8.25% = 4.947525 -> 4.95
  CHECK(lines[0].tax.str() == "4.95");
  CHECK(lines[1].tax.str() == "0.00");
  const auto t = totals(lines, usd);
  CHECK(t.subtotal.str() == "72.47");
  CHECK(t.tax.str() == "4.95");
  CHECK(t.total.str() == "77.42");
}

TEST_CASE("fractional quantities and sub-cent prices round half away from zero per line") {
  const auto usd = Currency::parse("USD");
  CHECK(line_net(Decimal::parse("2.5"), Decimal::parse("0.125"), usd).str() == "0.31");  // 0.3125
  CHECK(line_net(Decimal::parse("1"), Decimal::parse("0.005"), usd).str() == "0.01");
  CHECK(line_net(Decimal::parse("1"), Decimal::parse("0.004999"), usd).str() == "0.00");
  CHECK(line_net(Decimal::parse("3"), Decimal::parse("-0.005"), usd).str() == "-0.02");  // -0.015
  const auto jpy = Currency::parse("JPY");
  CHECK(line_net(Decimal::parse("3"), Decimal::parse("333.5"), jpy).str() == "1001");  // 1000.5
}

TEST_CASE("a malformed line names what is wrong") {
  const auto usd = Currency::parse("USD");
  for (const char* bad : {"Widget;3", "Widget;x;1.00", "Widget;0;1.00", ";1;1.00",
                          "Widget;1;1.00;abc", "Widget;1;1.00;5%;extra", "Widget;-1;2.00"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_line(bad, usd), Error);
  }
}

TEST_CASE("lines survive their binary encoding") {
  const auto usd = Currency::parse("USD");
  std::vector<Line> lines = {parse_line("A;1.5;2.25;7%", usd), parse_line("B;2;3", usd)};
  lines[1].account = "4100";
  CHECK(decode_lines(encode_lines(lines), usd) == lines);
}

TEST_CASE("an amount is split over lines by gross, tax computed, the rest revenue") {
  const auto usd = Currency::parse("USD");
  const std::vector<Line> lines = {parse_line("Service;2;100.00;10%", usd),
                                   parse_line("Setup;1;80.00", usd)};
  // 270.00 over grosses 220.00 and 80.00: 198.00 and 72.00; 198.00 / 1.1 = 180.00 + 18.00.
  const auto part = split_amount(lines, Money::parse("270.00", usd));
  REQUIRE(part.size() == 2);
  CHECK(part[0].net.str() == "180.00");
  CHECK(part[0].tax.str() == "18.00");
  CHECK(part[0].tax_rate == lines[0].tax_rate);
  CHECK(part[1].net.str() == "72.00");
  CHECK(totals(part, usd).total.str() == "270.00");
  // The whole total copies the lines as they are.
  CHECK(split_amount(lines, Money::parse("300.00", usd)) == lines);
  // Shares always add up: 0.16 at 10% has no net whose tax rounds to fit, so
  // the tax is computed from the share (0.01) and the rest (0.15) is revenue.
  const auto tiny = split_amount({parse_line("Pin;1;1.00;10%", usd)}, Money::parse("0.16", usd));
  CHECK(tiny[0].tax.str() == "0.01");
  CHECK(tiny[0].net.str() == "0.15");
  CHECK(split_amount({}, Money::parse("1.00", usd)).empty());
}
