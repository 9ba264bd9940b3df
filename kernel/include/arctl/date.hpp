// Civil dates (no time zone) as std::chrono::sys_days, ISO 8601 in and out, and
// the business date that makes month-end runs reproducible.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "arctl/api.hpp"

namespace arctl {

using Date = std::chrono::sys_days;

// Strict "YYYY-MM-DD"; rejects impossible dates (2026-02-30) and years outside
// 1900..9999. Throws Error(kConflict) naming the text.
ARCTL_API Date parse_date(std::string_view text);
ARCTL_API std::optional<Date> try_parse_date(std::string_view text) noexcept;
ARCTL_API std::string format_date(Date d);

ARCTL_API Date make_date(int year, unsigned month, unsigned day);  // validated
ARCTL_API int year_of(Date d);
ARCTL_API unsigned month_of(Date d);
ARCTL_API unsigned day_of(Date d);
ARCTL_API Date end_of_month(Date d);
ARCTL_API Date add_months(Date d, int months);  // clamps the day to the target month's end
inline std::int64_t days_between(Date from, Date to) {
  return (to - from).count();
}

// A calendar month "YYYY-MM".
struct ARCTL_API Period {
  int year = 0;
  unsigned month = 0;
  static Period parse(std::string_view text);  // strict "YYYY-MM"
  static Period of(Date d);
  Date first_day() const;
  Date last_day() const;
  std::string str() const;
  friend bool operator==(const Period&, const Period&) = default;
  friend auto operator<=>(const Period&, const Period&) = default;
};

// The business date: `as_of` if given (from --as-of), else ARCTL_TODAY, else the
// system clock's UTC date. Throws Error(kUsage) for a malformed ARCTL_TODAY.
ARCTL_API Date business_date(const std::optional<Date>& as_of);

// Current UTC time in microseconds since the Unix epoch, for journal stamps.
ARCTL_API std::int64_t now_micros();
// "2026-01-31T12:00:00.123456Z"; "out-of-range:<micros>" outside years 1..9999
ARCTL_API std::string format_timestamp(std::int64_t micros);

}  // namespace arctl
