// Decimal quantities and rates held as integer millionths, and the one place
// where an amount is multiplied by such a factor (rounding half away from zero).
#include <limits>
#include <string>

#include "arctl/error.hpp"
#include "arctl/money.hpp"

namespace arctl {
namespace {

// __extension__ keeps -Wpedantic quiet about the GCC/Clang 128-bit integer.
__extension__ typedef __int128 I128;

constexpr int kDecimals = 6;
// A percentage is a hundredth, so two of the six decimals are used up by it.
constexpr int kPercentDecimals = kDecimals - 2;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string quoted(std::string_view text) {
  constexpr std::size_t kMaxQuoted = 64;
  if (text.size() <= kMaxQuoted) return "'" + std::string(text) + "'";
  return "'" + std::string(text.substr(0, kMaxQuoted)) + "...'";
}

// Parses "-12.5" strictly and returns it in units of 10^-max_decimals.
std::int64_t parse_scaled(std::string_view text, int max_decimals, std::string_view label,
                          std::string_view original) {
  auto reject = [&](const std::string& why) {
    fail(ErrorKind::kConflict,
         "invalid " + std::string(label) + " " + quoted(original) + ": " + why);
  };
  if (text.empty()) reject("empty");
  std::size_t pos = 0;
  const bool negative = text[0] == '-';
  if (negative) pos = 1;
  if (pos == text.size()) reject("no digits");
  if (!is_digit(text[pos])) {
    if (text[pos] == '.') reject("digits required before '.'");
    reject(std::string("unexpected character '") + text[pos] + "'");
  }
  const std::size_t whole_start = pos;
  while (pos < text.size() && is_digit(text[pos]))
    ++pos;
  const std::string_view whole = text.substr(whole_start, pos - whole_start);
  std::string_view frac;
  if (pos < text.size() && text[pos] == '.') {
    const std::size_t frac_start = ++pos;
    while (pos < text.size() && is_digit(text[pos]))
      ++pos;
    frac = text.substr(frac_start, pos - frac_start);
    if (frac.empty()) reject("digits required after '.'");
  }
  if (pos < text.size()) reject(std::string("unexpected character '") + text[pos] + "'");
  if (frac.size() > static_cast<std::size_t>(max_decimals)) {
    reject("at most " + std::to_string(max_decimals) + " decimals");
  }

  constexpr I128 kMax = std::numeric_limits<std::int64_t>::max();
  I128 value = 0;
  for (char c : whole) {
    value = value * 10 + (c - '0');
    if (value > kMax) reject("out of range");
  }
  for (int i = 0; i < max_decimals; ++i) {
    const auto k = static_cast<std::size_t>(i);
    value = value * 10 + (k < frac.size() ? frac[k] - '0' : 0);
    if (value > kMax) reject("out of range");
  }
  return static_cast<std::int64_t>(negative ? -value : value);
}

}  // namespace

Decimal Decimal::parse(std::string_view text) {
  return Decimal{parse_scaled(text, kDecimals, "number", text)};
}

Decimal Decimal::parse_percent(std::string_view text) {
  std::string_view number = text;
  if (!number.empty() && number.back() == '%') number.remove_suffix(1);
  return Decimal{parse_scaled(number, kPercentDecimals, "percentage", text)};
}

std::string Decimal::str() const {
  const bool negative = micros < 0;
  const std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(micros) : static_cast<std::uint64_t>(micros);
  const auto scale = static_cast<std::uint64_t>(kScale);
  std::string out = (negative ? "-" : "") + std::to_string(magnitude / scale);
  const std::uint64_t frac = magnitude % scale;
  if (frac == 0) return out;
  std::string digits = std::to_string(frac);
  digits.insert(0, static_cast<std::size_t>(kDecimals) - digits.size(), '0');
  digits.erase(digits.find_last_not_of('0') + 1);
  return out + "." + digits;
}

Money multiply(const Money& amount, const Decimal& factor) {
  const I128 product = static_cast<I128>(amount.minor()) * factor.micros;
  I128 q = product / Decimal::kScale;
  const I128 r = product % Decimal::kScale;
  if ((r < 0 ? -r : r) * 2 >= Decimal::kScale) q += product < 0 ? -1 : 1;
  if (q > std::numeric_limits<std::int64_t>::max() ||
      q < std::numeric_limits<std::int64_t>::min()) {
    fail(ErrorKind::kError, "amount overflow in multiplication by " + factor.str());
  }
  return Money(static_cast<std::int64_t>(q), amount.currency());
}

}  // namespace arctl
