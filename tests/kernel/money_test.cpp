// Money, Currency and Decimal: strict parsing, exact formatting, checked
// arithmetic and splits that always add back up to the whole.
#include <doctest/doctest.h>

#include <functional>
#include <limits>
#include <numeric>
#include <string>

#include "arctl/error.hpp"
#include "arctl/money.hpp"
#include "error_kind.hpp"

using namespace arctl;
using arctl::test::kind_of;

namespace {

const Currency kUsd = Currency::parse("USD");
const Currency kEur = Currency::parse("EUR");
const Currency kJpy = Currency::parse("JPY");
const Currency kKwd = Currency::parse("KWD");

std::string thrown_message(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  FAIL("expected arctl::Error");
  return {};
}

Money usd(std::string_view text) {
  return Money::parse(text, kUsd);
}

std::vector<std::string> strs(const std::vector<Money>& parts) {
  std::vector<std::string> out;
  for (const auto& m : parts)
    out.push_back(m.str());
  return out;
}

Money sum(const std::vector<Money>& parts, Currency c) {
  return std::accumulate(parts.begin(), parts.end(), Money::zero(c));
}

}  // namespace

TEST_CASE("currency table knows exponents of 0, 2 and 3 decimals") {
  CHECK(kUsd.exponent() == 2);
  CHECK(kUsd.scale() == 100);
  CHECK(kJpy.exponent() == 0);
  CHECK(kJpy.scale() == 1);
  CHECK(kKwd.exponent() == 3);
  CHECK(kKwd.scale() == 1000);
  for (const char* code : {"KRW", "CLP", "ISK", "VND"})
    CHECK(Currency::parse(code).exponent() == 0);
  for (const char* code : {"BHD", "OMR", "JOD", "TND", "IQD", "LYD"}) {
    CHECK(Currency::parse(code).exponent() == 3);
  }
  for (const char* code : {"GBP", "CHF", "INR", "ZAR", "BRL", "ARS"}) {
    CHECK(Currency::parse(code).exponent() == 2);
  }
  CHECK(kUsd.code() == "USD");
  CHECK(Currency::known("EUR"));
  CHECK_FALSE(Currency::known("usd"));
  CHECK_FALSE(Currency::known("XXX"));
  CHECK(kind_of([] { Currency::parse("ZZZ"); }) == ErrorKind::kConflict);
  CHECK(Currency().empty());
}

TEST_CASE("amounts round-trip through parse and str in 0-, 2- and 3-decimal currencies") {
  CHECK(usd("1234.56").minor() == 123456);
  CHECK(usd("1234.56").str() == "1234.56");
  CHECK(usd("-0.05").minor() == -5);
  CHECK(usd("-0.05").str() == "-0.05");
  CHECK(usd("7").str() == "7.00");
  CHECK(usd("7.5").minor() == 750);
  CHECK(usd("7.5").str() == "7.50");
  CHECK(usd("-0").str() == "0.00");

  CHECK(Money::parse("100", kJpy).minor() == 100);
  CHECK(Money::parse("100", kJpy).str() == "100");
  CHECK(Money::parse("-42", kJpy).str() == "-42");

  CHECK(Money::parse("1.234", kKwd).minor() == 1234);
  CHECK(Money::parse("1.234", kKwd).str() == "1.234");
  CHECK(Money::parse("-0.5", kKwd).minor() == -500);
  CHECK(Money::parse("-0.5", kKwd).str() == "-0.500");
}

TEST_CASE("the extreme int64 amounts parse and format exactly") {
  CHECK(usd("92233720368547758.07").minor() == std::numeric_limits<std::int64_t>::max());
  CHECK(usd("-92233720368547758.08").minor() == std::numeric_limits<std::int64_t>::min());
  CHECK(Money(std::numeric_limits<std::int64_t>::min(), kUsd).str() == "-92233720368547758.08");
}

TEST_CASE("malformed amounts are rejected as conflicts") {
  for (const char* bad : {"1e3", "12.345", "--5", "", "-", "+5", " 5", "5 ", ".5", "5.", "1,234",
                          "12a", "0x10", "1.2.3", "5-"}) {
    CAPTURE(bad);
    CHECK(kind_of([&] { usd(bad); }) == ErrorKind::kConflict);
  }
  CHECK(kind_of([] { Money::parse("100.5", kJpy); }) == ErrorKind::kConflict);
  CHECK(kind_of([] { Money::parse("1.2345", kKwd); }) == ErrorKind::kConflict);
}

TEST_CASE("amounts beyond int64 minor units are rejected as conflicts") {
  CHECK(kind_of([] { usd("92233720368547758.08"); }) == ErrorKind::kConflict);
  CHECK(kind_of([] { usd("-92233720368547758.09"); }) == ErrorKind::kConflict);
  CHECK(kind_of([] { usd("99999999999999999999999999999999999999"); }) == ErrorKind::kConflict);
  CHECK(kind_of([] { Money::parse("9223372036854775808", kJpy); }) == ErrorKind::kConflict);
}

TEST_CASE("rejection messages quote the text and say why") {
  CHECK(thrown_message([] { usd("12.345"); }) ==
        "invalid amount '12.345': USD allows at most 2 decimals");
  CHECK(thrown_message([] { Money::parse("1.5", kJpy); }) ==
        "invalid amount '1.5': JPY allows no decimals");
  CHECK(thrown_message([] { usd("1e3"); }) == "invalid amount '1e3': unexpected character 'e'");
  CHECK(thrown_message([] { usd(""); }) == "invalid amount '': empty");
}

TEST_CASE("comma grouping accepts only groups of three") {
  CHECK(Money::parse("1,234.56", kUsd, Grouping::kComma).minor() == 123456);
  CHECK(Money::parse("-12,345,678", kUsd, Grouping::kComma).str() == "-12345678.00");
  CHECK(Money::parse("999", kUsd, Grouping::kComma).minor() == 99900);
  for (const char* bad : {"1,23.00", "1234,567", ",123", "1,", "1,,234", "12,34", "1,2345"}) {
    CAPTURE(bad);
    CHECK(kind_of([&] { Money::parse(bad, kUsd, Grouping::kComma); }) == ErrorKind::kConflict);
  }
}

TEST_CASE("grouped() inserts thousands separators") {
  CHECK(usd("1234.56").grouped() == "1,234.56");
  CHECK(usd("-1234567.00").grouped() == "-1,234,567.00");
  CHECK(usd("123.00").grouped() == "123.00");
  CHECK(Money::parse("1000000", kJpy).grouped() == "1,000,000");
}

TEST_CASE("addition and subtraction are exact and currency-checked") {
  CHECK((usd("0.10") + usd("0.20")).str() == "0.30");
  CHECK((usd("1.00") - usd("2.50")).str() == "-1.50");
  CHECK((-usd("3.00")).str() == "-3.00");
  CHECK(usd("-3.00").abs().str() == "3.00");
  Money m = usd("1.00");
  m += usd("0.01");
  m -= usd("0.02");
  CHECK(m.str() == "0.99");
  CHECK(kind_of([] { (void)(usd("1.00") + Money::parse("1.00", kEur)); }) == ErrorKind::kConflict);
  const auto msg = thrown_message([] { (void)(usd("1.00") - Money::parse("1.00", kEur)); });
  CHECK(msg.find("USD") != std::string::npos);
  CHECK(msg.find("EUR") != std::string::npos);
}

TEST_CASE("addition overflow throws kError") {
  const Money max(std::numeric_limits<std::int64_t>::max(), kUsd);
  const Money min(std::numeric_limits<std::int64_t>::min(), kUsd);
  CHECK(kind_of([&] { (void)(max + usd("0.01")); }) == ErrorKind::kError);
  CHECK(kind_of([&] { (void)(min - usd("0.01")); }) == ErrorKind::kError);
  CHECK(kind_of([&] { (void)(-min); }) == ErrorKind::kError);
  CHECK(kind_of([] { checked_add(std::numeric_limits<std::int64_t>::max(), 1); }) ==
        ErrorKind::kError);
  CHECK(kind_of([] { checked_mul(std::numeric_limits<std::int64_t>::max() / 2, 3); }) ==
        ErrorKind::kError);
  CHECK(checked_add(40, 2) == 42);
  CHECK(checked_mul(-6, 7) == -42);
}

TEST_CASE("ordering compares amounts of the same currency only") {
  CHECK(usd("1.00") < usd("2.00"));
  CHECK(usd("-5.00") < usd("0.00"));
  CHECK(usd("2.00") >= usd("2.00"));
  CHECK_FALSE(usd("2.00") > usd("2.00"));
  CHECK(kind_of([] { (void)(usd("1.00") < Money::parse("2.00", kEur)); }) == ErrorKind::kConflict);
}

TEST_CASE("mul_ratio rounds half away from zero") {
  CHECK(usd("10.00").mul_ratio(1, 3).str() == "3.33");
  CHECK(usd("0.05").mul_ratio(1, 2).str() == "0.03");
  CHECK(usd("-0.05").mul_ratio(1, 2).str() == "-0.03");
  CHECK(usd("0.05").mul_ratio(-1, 2).str() == "-0.03");
  CHECK(usd("0.03").mul_ratio(1, 2).str() == "0.02");
  CHECK(usd("0.01").mul_ratio(1, 3).str() == "0.00");
  // The intermediate product exceeds int64 but the result does not.
  const Money max(std::numeric_limits<std::int64_t>::max(), kUsd);
  CHECK(max.mul_ratio(1000, 1000) == max);
  CHECK(kind_of([&] { (void)max.mul_ratio(3, 2); }) == ErrorKind::kError);
}

TEST_CASE("split of 100.00 into 3 parts sums to 100.00") {
  const auto parts = usd("100.00").split(3);
  CHECK(strs(parts) == std::vector<std::string>{"33.34", "33.33", "33.33"});
  CHECK(sum(parts, kUsd) == usd("100.00"));
}

TEST_CASE("split of a negative total hands the remainder to the first parts") {
  const auto parts = usd("-100.00").split(3);
  CHECK(strs(parts) == std::vector<std::string>{"-33.34", "-33.33", "-33.33"});
  CHECK(sum(parts, kUsd) == usd("-100.00"));
  CHECK(strs(usd("0.02").split(4)) == std::vector<std::string>{"0.01", "0.01", "0.00", "0.00"});
  CHECK(kind_of([] { (void)usd("1.00").split(0); }) == ErrorKind::kUsage);
}

TEST_CASE("allocate by weights gives leftover units to the largest remainders") {
  // 100.00 by 1:1:1 -> 33.33 each, one cent left, ties to the earliest part.
  CHECK(strs(usd("100.00").allocate({1, 1, 1})) ==
        std::vector<std::string>{"33.34", "33.33", "33.33"});
  // 10.00 by 3:7 -> exact.
  CHECK(strs(usd("10.00").allocate({3, 7})) == std::vector<std::string>{"3.00", "7.00"});
  // 1.00 by 1:2:2: shares 20, 40, 40 of 1/5 -> 0.20 0.40 0.40.
  CHECK(strs(usd("1.00").allocate({1, 2, 2})) == std::vector<std::string>{"0.20", "0.40", "0.40"});
  // 0.05 by 1:3: floors 1 and 3 (remainders 1/4 and 3/4): the cent goes to the second part.
  CHECK(strs(usd("0.05").allocate({1, 3})) == std::vector<std::string>{"0.01", "0.04"});
  // A zero weight gets nothing.
  CHECK(strs(usd("0.03").allocate({0, 1, 1})) == std::vector<std::string>{"0.00", "0.02", "0.01"});
}

TEST_CASE("allocate of a negative total mirrors the positive one and sums exactly") {
  const auto parts = usd("-0.05").allocate({1, 3});
  CHECK(strs(parts) == std::vector<std::string>{"-0.01", "-0.04"});
  CHECK(sum(parts, kUsd) == usd("-0.05"));
  const auto big = Money(std::numeric_limits<std::int64_t>::max(), kUsd)
                       .allocate({std::numeric_limits<std::int64_t>::max(), 1, 7});
  CHECK(sum(big, kUsd).minor() == std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("allocate refuses negative, all-zero and missing weights") {
  CHECK(kind_of([] { (void)usd("1.00").allocate({1, -1}); }) == ErrorKind::kUsage);
  CHECK(kind_of([] { (void)usd("1.00").allocate({0, 0}); }) == ErrorKind::kUsage);
  CHECK(kind_of([] { (void)usd("1.00").allocate({}); }) == ErrorKind::kUsage);
}

TEST_CASE("Decimal parses up to 6 decimals and prints its shortest exact form") {
  CHECK(Decimal::parse("3").micros == 3'000'000);
  CHECK(Decimal::parse("2.5").micros == 2'500'000);
  CHECK(Decimal::parse("0.125").micros == 125'000);
  CHECK(Decimal::parse("-1.000001").micros == -1'000'001);
  CHECK(Decimal::parse("2.5").str() == "2.5");
  CHECK(Decimal::parse("3").str() == "3");
  CHECK(Decimal::parse("0.0825").str() == "0.0825");
  CHECK(Decimal::parse("-0.5").str() == "-0.5");
  CHECK(Decimal::parse("3.000").str() == "3");
  for (const char* bad : {"1.0000001", "1e3", "", "-", "+1", ".5", "5.", " 1", "1,000"}) {
    CAPTURE(bad);
    CHECK(kind_of([&] { Decimal::parse(bad); }) == ErrorKind::kConflict);
  }
  CHECK(kind_of([] { Decimal::parse("9223372036854.775808"); }) == ErrorKind::kConflict);
}

TEST_CASE("parse_percent reads 8.25% and 8.25 as 0.0825") {
  CHECK(Decimal::parse_percent("8.25%").micros == 82'500);
  CHECK(Decimal::parse_percent("8.25").micros == 82'500);
  CHECK(Decimal::parse_percent("100%").str() == "1");
  CHECK(Decimal::parse_percent("0.0001%").micros == 1);
  CHECK(kind_of([] { Decimal::parse_percent("0.00001%"); }) == ErrorKind::kConflict);
  CHECK(kind_of([] { Decimal::parse_percent("8.25%%"); }) == ErrorKind::kConflict);
  CHECK(kind_of([] { Decimal::parse_percent("%"); }) == ErrorKind::kConflict);
}

TEST_CASE("multiply rounds amount times factor half away from zero") {
  CHECK(multiply(usd("100.00"), Decimal::parse_percent("8.25")).str() == "8.25");
  CHECK(multiply(usd("19.99"), Decimal::parse("2.5")).str() == "49.98");  // 49.975
  CHECK(multiply(usd("-19.99"), Decimal::parse("2.5")).str() == "-49.98");
  CHECK(multiply(usd("0.10"), Decimal::parse("0.333333")).str() == "0.03");
  CHECK(multiply(Money::parse("999", kJpy), Decimal::parse("0.5")).str() == "500");
  CHECK(multiply(usd("1.00"), Decimal::parse("3")).currency() == kUsd);
  CHECK(kind_of([] {
          (void)multiply(Money(std::numeric_limits<std::int64_t>::max(), kUsd),
                         Decimal::parse("2"));
        }) == ErrorKind::kError);
}

TEST_CASE("Error describes its location parts that are known") {
  CHECK(exit_code(ErrorKind::kConflict) == 4);
  CHECK(exit_code(ErrorKind::kCreditRefused) == 10);
  CHECK(std::string(to_string(ErrorKind::kNotFound)) == "not_found");
  CHECK(Error(ErrorKind::kError, "boom").describe() == "boom");
  CHECK(Error(ErrorKind::kConflict, "bad", {"in.csv", 3, "amount"}).describe() ==
        "in.csv:3: field 'amount': bad");
  CHECK(Error(ErrorKind::kConflict, "bad", {"in.csv", 0, ""}).describe() == "in.csv: bad");
  CHECK(Error(ErrorKind::kConflict, "bad", {"", 0, "due"}).describe() == "field 'due': bad");
  const Error inner(ErrorKind::kConflict, "bad", {"", 0, "amount"});
  const Error outer = inner.located({"in.csv", 7, "ignored"});
  CHECK(outer.kind() == ErrorKind::kConflict);
  CHECK(outer.describe() == "in.csv:7: field 'amount': bad");
  CHECK(kind_of([] { fail_not_found("no such customer"); }) == ErrorKind::kNotFound);
}
