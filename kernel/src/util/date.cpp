// Civil dates: strict ISO 8601 parsing and formatting, month arithmetic, and
// the business date (--as-of, then ARCTL_TODAY, then the UTC clock).
#include "arctl/date.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "arctl/error.hpp"

namespace arctl {
namespace {

using namespace std::chrono;

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 9999;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The value of text[from, from + count), all of which the caller has checked are digits.
int digits_value(std::string_view text, std::size_t from, std::size_t count) {
  int value = 0;
  for (std::size_t i = from; i < from + count; ++i)
    value = value * 10 + (text[i] - '0');
  return value;
}

bool has_shape(std::string_view text, std::string_view shape) {
  if (text.size() != shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 'D' ? !is_digit(text[i]) : text[i] != shape[i]) return false;
  }
  return true;
}

// Why `text` is not a valid date, or nullptr with `out` set. Exception-free so
// that try_parse_date can be noexcept.
const char* parse_date_into(std::string_view text, Date& out) noexcept {
  if (!has_shape(text, "DDDD-DD-DD")) return "expected YYYY-MM-DD";
  const int y = digits_value(text, 0, 4);
  if (y < kMinYear || y > kMaxYear) return "year must be between 1900 and 9999";
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(digits_value(text, 5, 2))},
                           day{static_cast<unsigned>(digits_value(text, 8, 2))}};
  if (!ymd.month().ok()) return "no such month";
  if (!ymd.ok()) return "no such day in that month";
  out = sys_days{ymd};
  return nullptr;
}

std::string two_digits(unsigned v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u", v);
  return buf;
}

std::string four_digits(int v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", v);
  return buf;
}

}  // namespace

Date parse_date(std::string_view text) {
  Date d;
  if (const char* why = parse_date_into(text, d)) {
    fail(ErrorKind::kConflict, "invalid date '" + std::string(text) + "': " + why);
  }
  return d;
}

std::optional<Date> try_parse_date(std::string_view text) noexcept {
  Date d;
  if (parse_date_into(text, d) != nullptr) return std::nullopt;
  return d;
}

std::string format_date(Date d) {
  const year_month_day ymd{d};
  const int y = static_cast<int>(ymd.year());
  if (y < 0 || y > 9999)
    return four_digits(y) + "-" + two_digits(unsigned(ymd.month())) + "-" +
           two_digits(unsigned(ymd.day()));
  // Every date the ledger holds is in 1900..9999: written by hand, as this
  // runs for every date of every record shown or journaled.
  const auto m = static_cast<unsigned>(ymd.month());
  const auto dd = static_cast<unsigned>(ymd.day());
  const char out[10] = {char('0' + y / 1000),
                        char('0' + y / 100 % 10),
                        char('0' + y / 10 % 10),
                        char('0' + y % 10),
                        '-',
                        char('0' + m / 10),
                        char('0' + m % 10),
                        '-',
                        char('0' + dd / 10),
                        char('0' + dd % 10)};
  return std::string(out, sizeof out);
}

Date make_date(int y, unsigned m, unsigned d) {
  // Range checks come first: chrono keeps year, month and day in narrow types.
  if (y < kMinYear || y > kMaxYear || m < 1 || m > 12 || d < 1 || d > 31 ||
      !year_month_day{year{y}, month{m}, day{d}}.ok()) {
    fail(ErrorKind::kConflict, "invalid date " + four_digits(y) + "-" + two_digits(m) + "-" +
                                   two_digits(d) + ": no such calendar day");
  }
  return sys_days{year{y} / month{m} / day{d}};
}

int year_of(Date d) {
  return static_cast<int>(year_month_day{d}.year());
}
unsigned month_of(Date d) {
  return static_cast<unsigned>(year_month_day{d}.month());
}
unsigned day_of(Date d) {
  return static_cast<unsigned>(year_month_day{d}.day());
}

Date end_of_month(Date d) {
  const year_month_day ymd{d};
  return sys_days{ymd.year() / ymd.month() / last};
}

Date add_months(Date d, int months_to_add) {
  const year_month_day ymd{d};
  const year_month target = ymd.year() / ymd.month() + months{months_to_add};
  const day last_day = year_month_day_last{target.year(), month_day_last{target.month()}}.day();
  return sys_days{target / (ymd.day() < last_day ? ymd.day() : last_day)};
}

Period Period::parse(std::string_view text) {
  auto reject = [&](const char* why) {
    fail(ErrorKind::kConflict, "invalid period '" + std::string(text) + "': " + why);
  };
  if (!has_shape(text, "DDDD-DD")) reject("expected YYYY-MM");
  const int y = digits_value(text, 0, 4);
  const int m = digits_value(text, 5, 2);
  if (y < kMinYear || y > kMaxYear) reject("year must be between 1900 and 9999");
  if (m < 1 || m > 12) reject("no such month");
  return Period{y, static_cast<unsigned>(m)};
}

Period Period::of(Date d) {
  return Period{year_of(d), month_of(d)};
}

Date Period::first_day() const {
  return make_date(year, month, 1);
}

Date Period::last_day() const {
  return end_of_month(first_day());
}

std::string Period::str() const {
  return four_digits(year) + "-" + two_digits(month);
}

Date business_date(const std::optional<Date>& as_of) {
  if (as_of) return *as_of;
  // An empty value counts as unset so that `ARCTL_TODAY= arctl ...` clears it.
  if (const char* env = std::getenv("ARCTL_TODAY"); env != nullptr && *env != '\0') {
    Date d;
    if (const char* why = parse_date_into(env, d)) {
      fail(ErrorKind::kUsage, "ARCTL_TODAY is invalid: '" + std::string(env) + "': " + why);
    }
    return d;
  }
  return floor<days>(system_clock::now());
}

std::int64_t now_micros() {
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

std::string format_timestamp(std::int64_t micros) {
  // Splitting in integers: floor<days> on a time near the int64 limits would
  // overflow when converted back to microseconds (a corrupt journal stamp).
  constexpr std::int64_t kMicrosPerDay = 86'400'000'000;
  std::int64_t day_count = micros / kMicrosPerDay;
  std::int64_t rest = micros % kMicrosPerDay;
  if (rest < 0) {
    rest += kMicrosPerDay;
    --day_count;
  }
  const sys_days day_part{days{day_count}};
  // Outside years 1..9999 there is no ISO 8601 form; say so rather than print
  // a calendar date that chrono's narrow year cannot hold.
  if (day_part < sys_days{year{1} / January / 1} || day_part > sys_days{year{9999} / December / 31})
    return "out-of-range:" + std::to_string(micros);
  const hh_mm_ss<microseconds> tod{microseconds{rest}};
  char buf[32];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d.%06lldZ", static_cast<int>(tod.hours().count()),
                static_cast<int>(tod.minutes().count()), static_cast<int>(tod.seconds().count()),
                static_cast<long long>(tod.subseconds().count()));
  return format_date(day_part) + buf;
}

}  // namespace arctl
