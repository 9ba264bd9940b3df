// Fuzz target for the date parsers: parse_date and try_parse_date agree, an
// accepted date prints back as the same text, and month arithmetic on it
// stays on real calendar days.
#include <cstdint>
#include <string>
#include <string_view>

#include "arctl/date.hpp"
#include "arctl/error.hpp"
#include "fuzz_support.hpp"

namespace arctl::fuzz {
namespace {

void check_date(std::string_view text, int months) {
  const auto maybe = try_parse_date(text);
  Date d{};
  bool parsed = true;
  try {
    d = parse_date(text);
  } catch (const Error& e) {
    require(e.kind() == ErrorKind::kConflict, "parse_date error kind", e.what());
    parsed = false;
  }
  require(parsed == maybe.has_value(), "parse_date and try_parse_date disagree", std::string(text));
  if (!parsed) return;
  require(*maybe == d, "parse_date and try_parse_date give different days");
  // Strict YYYY-MM-DD: the only accepted spelling is the canonical one.
  require(format_date(d) == text, "date does not print back", std::string(text));
  require(make_date(year_of(d), month_of(d), day_of(d)) == d, "make_date disagrees");

  const Date eom = end_of_month(d);
  require(eom >= d && month_of(eom) == month_of(d) &&
              month_of(eom + std::chrono::days(1)) != month_of(d),
          "end_of_month is not the month's last day", format_date(d));
  const Date later = add_months(d, months);
  const int month_index = year_of(d) * 12 + static_cast<int>(month_of(d)) - 1 + months;
  require(year_of(later) * 12 + static_cast<int>(month_of(later)) - 1 == month_index,
          "add_months landed in the wrong month", format_date(d));
  require(day_of(later) == std::min(day_of(d), day_of(end_of_month(later))),
          "add_months did not clamp the day", format_date(d));

  const Period p = Period::of(d);
  require(Period::parse(p.str()) == p, "period does not print back", p.str());
  require(p.first_day() <= d && d <= p.last_day(), "date outside its own period");
}

void check_period(std::string_view text) {
  try {
    const Period p = Period::parse(text);
    require(p.str() == text, "period does not print back", std::string(text));
    require(Period::of(p.last_day()) == p, "period's last day is in another period");
  } catch (const Error& e) {
    require(e.kind() == ErrorKind::kConflict, "Period::parse error kind", e.what());
  }
}

}  // namespace
}  // namespace arctl::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  // The first byte is a month offset of -128..127 for add_months.
  const int months = static_cast<std::int8_t>(data[0]);
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  arctl::fuzz::check_date(text, months);
  arctl::fuzz::check_period(text);
  return 0;
}
