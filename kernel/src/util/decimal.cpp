// Decimal quantities and rates held as integer millionths, and the one place
// where an amount is multiplied by such a factor (rounding half away from zero).
#include <limits>
#include <string>

#include "arctl/error.hpp"
#include "arctl/money.hpp"
#include "util/number_text.hpp"

namespace arctl {
namespace {

// __extension__ keeps -Wpedantic quiet about the GCC/Clang 128-bit integer.
__extension__ typedef __int128 I128;

constexpr int kDecimals = 6;
// A percentage is a hundredth, so two of the six decimals are used up by it.
constexpr int kPercentDecimals = kDecimals - 2;

// Parses "-12.5" strictly and returns it in units of 10^-max_decimals.
std::int64_t parse_scaled(std::string_view text, int max_decimals, std::string_view label,
                          std::string_view original) {
  auto reject = [&](const std::string& why) {
    fail(ErrorKind::kConflict,
         "invalid " + std::string(label) + " " + number_text::quoted(original) + ": " + why);
  };
  const auto [negative, whole, frac] = number_text::split(text, false, reject);
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
