// Civil dates: strict ISO parsing, calendar arithmetic, periods, timestamps and
// the business date taken from --as-of, ARCTL_TODAY or the clock.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string>

#include "arctl/date.hpp"
#include "arctl/error.hpp"
#include "error_kind.hpp"

using namespace arctl;
using arctl::test::kind_of;

namespace {

// Sets ARCTL_TODAY for one test and restores the previous state afterwards.
class TodayEnv {
 public:
  explicit TodayEnv(const char* value) {
    if (const char* old = std::getenv("ARCTL_TODAY")) saved_ = old;
    had_ = std::getenv("ARCTL_TODAY") != nullptr;
    if (value != nullptr) {
      ::setenv("ARCTL_TODAY", value, 1);
    } else {
      ::unsetenv("ARCTL_TODAY");
    }
  }
  ~TodayEnv() {
    if (had_) {
      ::setenv("ARCTL_TODAY", saved_.c_str(), 1);
    } else {
      ::unsetenv("ARCTL_TODAY");
    }
  }
  TodayEnv(const TodayEnv&) = delete;
  TodayEnv& operator=(const TodayEnv&) = delete;

 private:
  bool had_ = false;
  std::string saved_;
};

}  // namespace

TEST_CASE("ISO dates round-trip through parse_date and format_date") {
  const Date d = parse_date("2026-01-31");
  CHECK(year_of(d) == 2026);
  CHECK(month_of(d) == 1u);
  CHECK(day_of(d) == 31u);
  CHECK(format_date(d) == "2026-01-31");
  CHECK(format_date(parse_date("1900-01-01")) == "1900-01-01");
  CHECK(format_date(parse_date("9999-12-31")) == "9999-12-31");
  CHECK(parse_date("1970-01-01").time_since_epoch().count() == 0);
}

TEST_CASE("leap years: Feb 29 exists in 2024 and 2000 but not in 2026 or 1900") {
  CHECK(format_date(parse_date("2024-02-29")) == "2024-02-29");
  CHECK(format_date(parse_date("2000-02-29")) == "2000-02-29");
  CHECK(kind_of([] { parse_date("2026-02-29"); }) == ErrorKind::kConflict);
  CHECK(kind_of([] { parse_date("1900-02-29"); }) == ErrorKind::kConflict);
  CHECK(format_date(end_of_month(parse_date("2024-02-10"))) == "2024-02-29");
  CHECK(format_date(end_of_month(parse_date("2100-02-10"))) == "2100-02-28");
}

TEST_CASE("impossible and malformed dates are rejected as conflicts") {
  for (const char* bad : {"2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
                          "2026-1-5", "26-01-05", "2026/01/05", "2026-01-05 ", " 2026-01-05",
                          "2026-01-05T00:00", "1899-12-31", "", "２０２６-01-05", "+026-01-05"}) {
    CAPTURE(bad);
    CHECK(kind_of([&] { parse_date(bad); }) == ErrorKind::kConflict);
    CHECK_FALSE(try_parse_date(bad).has_value());
  }
  try {
    parse_date("2026-02-30");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("'2026-02-30'") != std::string::npos);
  }
  REQUIRE(try_parse_date("2026-03-01").has_value());
  CHECK(format_date(*try_parse_date("2026-03-01")) == "2026-03-01");
}

TEST_CASE("make_date validates the calendar day") {
  CHECK(format_date(make_date(2026, 3, 9)) == "2026-03-09");
  CHECK(kind_of([] { make_date(2026, 2, 30); }) == ErrorKind::kConflict);
  CHECK(kind_of([] { make_date(2026, 257, 1); }) == ErrorKind::kConflict);
  CHECK(kind_of([] { make_date(2026, 1, 257); }) == ErrorKind::kConflict);
}

TEST_CASE("end_of_month gives the last day of each month") {
  CHECK(format_date(end_of_month(parse_date("2026-01-01"))) == "2026-01-31");
  CHECK(format_date(end_of_month(parse_date("2026-02-15"))) == "2026-02-28");
  CHECK(format_date(end_of_month(parse_date("2026-04-30"))) == "2026-04-30");
  CHECK(format_date(end_of_month(parse_date("2026-12-05"))) == "2026-12-31");
}

TEST_CASE("add_months clamps the day to the end of the target month") {
  CHECK(format_date(add_months(parse_date("2026-01-31"), 1)) == "2026-02-28");
  CHECK(format_date(add_months(parse_date("2024-01-31"), 1)) == "2024-02-29");
  CHECK(format_date(add_months(parse_date("2026-03-31"), -1)) == "2026-02-28");
  CHECK(format_date(add_months(parse_date("2026-01-15"), 12)) == "2027-01-15");
  CHECK(format_date(add_months(parse_date("2026-01-15"), -13)) == "2024-12-15");
  CHECK(format_date(add_months(parse_date("2026-05-31"), 1)) == "2026-06-30");
}

TEST_CASE("days_between counts calendar days") {
  CHECK(days_between(parse_date("2026-01-31"), parse_date("2026-03-01")) == 29);
  CHECK(days_between(parse_date("2024-03-01"), parse_date("2024-02-28")) == -2);
}

TEST_CASE("periods parse strictly and span their month") {
  const Period p = Period::parse("2024-02");
  CHECK(p.year == 2024);
  CHECK(p.month == 2u);
  CHECK(p.str() == "2024-02");
  CHECK(format_date(p.first_day()) == "2024-02-01");
  CHECK(format_date(p.last_day()) == "2024-02-29");
  CHECK(Period::of(parse_date("2026-11-30")) == Period{2026, 11});
  CHECK(Period{2025, 12} < Period{2026, 1});
  for (const char* bad : {"2024-2", "2024-13", "2024-00", "2024-02-01", "202402", "", "1899-12"}) {
    CAPTURE(bad);
    CHECK(kind_of([&] { Period::parse(bad); }) == ErrorKind::kConflict);
  }
}

TEST_CASE("business_date prefers as_of, then ARCTL_TODAY, then the clock") {
  {
    TodayEnv env("2026-01-31");
    CHECK(format_date(business_date(std::nullopt)) == "2026-01-31");
    CHECK(format_date(business_date(parse_date("2025-12-31"))) == "2025-12-31");
  }
  {
    TodayEnv env(nullptr);
    const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    const Date d = business_date(std::nullopt);
    // The clock may cross midnight between the two readings.
    CHECK(days_between(today, d) >= 0);
    CHECK(days_between(today, d) <= 1);
  }
}

TEST_CASE("a malformed ARCTL_TODAY is a usage error naming the variable") {
  TodayEnv env("2026-02-30");
  try {
    business_date(std::nullopt);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kUsage);
    CHECK(std::string(e.what()).find("ARCTL_TODAY") != std::string::npos);
  }
  CHECK(format_date(business_date(parse_date("2026-03-01"))) == "2026-03-01");
}

TEST_CASE("timestamps are UTC with microseconds and a trailing Z") {
  CHECK(format_timestamp(0) == "1970-01-01T00:00:00.000000Z");
  CHECK(format_timestamp(1'769'860'800'123'456) == "2026-01-31T12:00:00.123456Z");
  CHECK(format_timestamp(-1) == "1969-12-31T23:59:59.999999Z");
  const auto before = now_micros();
  CHECK(before > 1'700'000'000'000'000);
  CHECK(now_micros() >= before);
}

TEST_CASE("timestamps at the int64 limits format without overflow") {
  // A corrupt journal stamp once overflowed converting its day back to
  // microseconds; years outside 1..9999 have no ISO form and say so.
  CHECK(format_timestamp(INT64_MIN) == "out-of-range:-9223372036854775808");
  CHECK(format_timestamp(INT64_MAX) == "out-of-range:9223372036854775807");
  // 0001-01-01 is 719162 days before the epoch; 9999-12-31 is 2932896 after.
  CHECK(format_timestamp(-719'162 * 86'400'000'000LL) == "0001-01-01T00:00:00.000000Z");
  CHECK(format_timestamp(-719'162 * 86'400'000'000LL - 1) == "out-of-range:-62135596800000001");
  CHECK(format_timestamp(2'932'897 * 86'400'000'000LL - 1) == "9999-12-31T23:59:59.999999Z");
  CHECK(format_timestamp(2'932'897 * 86'400'000'000LL) == "out-of-range:253402300800000000");
}
