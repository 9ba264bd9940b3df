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
