// Money: an exact amount in the minor units of an ISO 4217 currency. Amounts
// never touch floating point: parsing, formatting, arithmetic and allocation
// are integer operations that fail loudly on overflow.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/api.hpp"

namespace arctl {

// A currency code known to arctl, with its number of decimal places.
class ARCTL_API Currency {
 public:
  constexpr Currency() = default;
  // Throws Error(kConflict) for a code that is not in the ISO 4217 table.
  static Currency parse(std::string_view code);
  static bool known(std::string_view code) noexcept;

  std::string_view code() const noexcept { return {code_.data(), 3}; }
  int exponent() const noexcept { return exponent_; }
  bool empty() const noexcept { return code_[0] == '\0'; }
  std::int64_t scale() const noexcept;  // 10^exponent

  friend bool operator==(const Currency& a, const Currency& b) noexcept {
    return a.code_ == b.code_;
  }

 private:
  std::array<char, 4> code_{};
  int exponent_ = 0;
};

// How a parser treats thousands separators.
enum class Grouping : std::uint8_t { kNone, kComma };

class ARCTL_API Money {
 public:
  constexpr Money() = default;
  Money(std::int64_t minor, Currency currency) : minor_(minor), currency_(currency) {}

  static Money zero(Currency c) { return Money(0, c); }
  // Strict decimal parse: optional '-', digits, optional '.' followed by at
  // most currency.exponent() digits. No exponent notation, no '+', no spaces.
  // With Grouping::kComma, groups of three digits may be separated by ','.
  // Throws Error(kConflict) naming the text on any violation or overflow.
  static Money parse(std::string_view text, Currency currency, Grouping g = Grouping::kNone);

  std::int64_t minor() const noexcept { return minor_; }
  const Currency& currency() const noexcept { return currency_; }
  bool is_zero() const noexcept { return minor_ == 0; }
  bool is_negative() const noexcept { return minor_ < 0; }
  bool is_positive() const noexcept { return minor_ > 0; }

  // "1234.56", "-0.05", "100" for JPY: the form parse() accepts.
  std::string str() const;
  // "1,234.56" for tables.
  std::string grouped() const;

  // Checked arithmetic: throws Error(kConflict) on currency mismatch and
  // Error(kError) on overflow.
  Money operator+(const Money& o) const;
  Money operator-(const Money& o) const;
  Money operator-() const;
  Money& operator+=(const Money& o) { return *this = *this + o; }
  Money& operator-=(const Money& o) { return *this = *this - o; }
  Money abs() const { return minor_ < 0 ? -*this : *this; }

  // Multiplies by num/den, rounding half away from zero. Overflow-checked.
  Money mul_ratio(std::int64_t num, std::int64_t den) const;

  // Splits the amount into `parts` pieces that sum exactly to it. Rule: every
  // part gets the truncated quotient; the remainder goes one minor unit at a
  // time to the first parts. Throws Error(kUsage) when parts == 0.
  std::vector<Money> split(std::size_t parts) const;
  // Splits in proportion to `weights` (non-negative, not all zero). Rule:
  // largest remainder: each part gets floor(total*w/W); the units left over go
  // to the parts with the largest remainders, ties to the earlier part.
  std::vector<Money> allocate(const std::vector<std::int64_t>& weights) const;

  friend bool operator==(const Money& a, const Money& b) noexcept {
    return a.minor_ == b.minor_ && a.currency_ == b.currency_;
  }
  // Ordering compares amounts; currencies must match (checked).
  friend bool operator<(const Money& a, const Money& b);
  friend bool operator>(const Money& a, const Money& b) { return b < a; }
  friend bool operator<=(const Money& a, const Money& b) { return !(b < a); }
  friend bool operator>=(const Money& a, const Money& b) { return !(a < b); }

 private:
  std::int64_t minor_ = 0;
  Currency currency_;
};

// Declared here as well as a friend, so that libarctl exports it.
ARCTL_API bool operator<(const Money& a, const Money& b);

// Overflow-checked helpers on raw minor units, for code summing many amounts.
ARCTL_API std::int64_t checked_add(std::int64_t a, std::int64_t b);
ARCTL_API std::int64_t checked_mul(std::int64_t a, std::int64_t b);

// A decimal quantity or rate with up to 6 decimals, held as an integer count of
// millionths (e.g. a quantity 2.5 is 2500000; "8.25%" read by parse_percent is
// the rate 0.0825, 82500). Parsing is as strict as Money::parse.
struct ARCTL_API Decimal {
  static constexpr std::int64_t kScale = 1'000'000;
  std::int64_t micros = 0;

  static Decimal parse(std::string_view text);          // "3", "2.5", "0.125"
  static Decimal parse_percent(std::string_view text);  // "8.25%" or "8.25" -> 0.0825
  std::string str() const;                              // shortest exact form
  friend bool operator==(const Decimal&, const Decimal&) = default;
};

// amount * factor, rounded half away from zero to the currency's minor unit.
ARCTL_API Money multiply(const Money& amount, const Decimal& factor);

}  // namespace arctl
