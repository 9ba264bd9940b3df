// Currency (the ISO 4217 table with decimal places) and Money: strict parsing,
// formatting, checked arithmetic and exact splitting. All integer arithmetic;
// intermediate products use 128-bit integers so that only final results can overflow.
#include "arctl/money.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <string>

#include "arctl/error.hpp"
#include "util/number_text.hpp"

namespace arctl {
namespace {

// __extension__ keeps -Wpedantic quiet about the GCC/Clang 128-bit integer.
__extension__ typedef __int128 I128;
__extension__ typedef unsigned __int128 U128;

struct CurrencyInfo {
  std::string_view code;
  int exponent;
};

// Active ISO 4217 codes (list one, including fund codes), sorted for binary
// search. Precious metals and other codes without a minor unit are left out
// because an amount in them has no exact decimal form.
constexpr CurrencyInfo kCurrencies[] = {
    {"AED", 2}, {"AFN", 2}, {"ALL", 2}, {"AMD", 2}, {"ANG", 2}, {"AOA", 2}, {"ARS", 2}, {"AUD", 2},
    {"AWG", 2}, {"AZN", 2}, {"BAM", 2}, {"BBD", 2}, {"BDT", 2}, {"BGN", 2}, {"BHD", 3}, {"BIF", 0},
    {"BMD", 2}, {"BND", 2}, {"BOB", 2}, {"BOV", 2}, {"BRL", 2}, {"BSD", 2}, {"BTN", 2}, {"BWP", 2},
    {"BYN", 2}, {"BZD", 2}, {"CAD", 2}, {"CDF", 2}, {"CHE", 2}, {"CHF", 2}, {"CHW", 2}, {"CLF", 4},
    {"CLP", 0}, {"CNY", 2}, {"COP", 2}, {"COU", 2}, {"CRC", 2}, {"CUP", 2}, {"CVE", 2}, {"CZK", 2},
    {"DJF", 0}, {"DKK", 2}, {"DOP", 2}, {"DZD", 2}, {"EGP", 2}, {"ERN", 2}, {"ETB", 2}, {"EUR", 2},
    {"FJD", 2}, {"FKP", 2}, {"GBP", 2}, {"GEL", 2}, {"GHS", 2}, {"GIP", 2}, {"GMD", 2}, {"GNF", 0},
    {"GTQ", 2}, {"GYD", 2}, {"HKD", 2}, {"HNL", 2}, {"HTG", 2}, {"HUF", 2}, {"IDR", 2}, {"ILS", 2},
    {"INR", 2}, {"IQD", 3}, {"IRR", 2}, {"ISK", 0}, {"JMD", 2}, {"JOD", 3}, {"JPY", 0}, {"KES", 2},
    {"KGS", 2}, {"KHR", 2}, {"KMF", 0}, {"KPW", 2}, {"KRW", 0}, {"KWD", 3}, {"KYD", 2}, {"KZT", 2},
    {"LAK", 2}, {"LBP", 2}, {"LKR", 2}, {"LRD", 2}, {"LSL", 2}, {"LYD", 3}, {"MAD", 2}, {"MDL", 2},
    {"MGA", 2}, {"MKD", 2}, {"MMK", 2}, {"MNT", 2}, {"MOP", 2}, {"MRU", 2}, {"MUR", 2}, {"MVR", 2},
    {"MWK", 2}, {"MXN", 2}, {"MXV", 2}, {"MYR", 2}, {"MZN", 2}, {"NAD", 2}, {"NGN", 2}, {"NIO", 2},
    {"NOK", 2}, {"NPR", 2}, {"NZD", 2}, {"OMR", 3}, {"PAB", 2}, {"PEN", 2}, {"PGK", 2}, {"PHP", 2},
    {"PKR", 2}, {"PLN", 2}, {"PYG", 0}, {"QAR", 2}, {"RON", 2}, {"RSD", 2}, {"RUB", 2}, {"RWF", 0},
    {"SAR", 2}, {"SBD", 2}, {"SCR", 2}, {"SDG", 2}, {"SEK", 2}, {"SGD", 2}, {"SHP", 2}, {"SLE", 2},
    {"SOS", 2}, {"SRD", 2}, {"SSP", 2}, {"STN", 2}, {"SVC", 2}, {"SYP", 2}, {"SZL", 2}, {"THB", 2},
    {"TJS", 2}, {"TMT", 2}, {"TND", 3}, {"TOP", 2}, {"TRY", 2}, {"TTD", 2}, {"TWD", 2}, {"TZS", 2},
    {"UAH", 2}, {"UGX", 0}, {"USD", 2}, {"USN", 2}, {"UYI", 0}, {"UYU", 2}, {"UYW", 4}, {"UZS", 2},
    {"VED", 2}, {"VES", 2}, {"VND", 0}, {"VUV", 0}, {"WST", 2}, {"XAF", 0}, {"XCD", 2}, {"XCG", 2},
    {"XOF", 0}, {"XPF", 0}, {"YER", 2}, {"ZAR", 2}, {"ZMW", 2}, {"ZWG", 2},
};

constexpr bool currencies_sorted() {
  return std::is_sorted(
      std::begin(kCurrencies), std::end(kCurrencies),
      [](const CurrencyInfo& a, const CurrencyInfo& b) { return a.code < b.code; });
}
static_assert(currencies_sorted(), "kCurrencies must stay sorted for binary search");

const CurrencyInfo* find_currency(std::string_view code) noexcept {
  const auto* it =
      std::lower_bound(std::begin(kCurrencies), std::end(kCurrencies), code,
                       [](const CurrencyInfo& info, std::string_view c) { return info.code < c; });
  if (it == std::end(kCurrencies) || it->code != code) return nullptr;
  return it;
}

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

std::int64_t pow10(int exponent) {
  std::int64_t s = 1;
  for (int i = 0; i < exponent; ++i)
    s *= 10;
  return s;
}

std::string format_minor(std::int64_t minor, int exponent, bool group) {
  const bool negative = minor < 0;
  // Negating in unsigned arithmetic keeps INT64_MIN representable.
  const std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
  const auto scale = static_cast<std::uint64_t>(pow10(exponent));
  std::string whole = std::to_string(magnitude / scale);
  if (group) {
    for (auto i = static_cast<std::ptrdiff_t>(whole.size()) - 3; i > 0; i -= 3) {
      whole.insert(static_cast<std::size_t>(i), 1, ',');
    }
  }
  std::string out = negative ? "-" + whole : whole;
  if (exponent > 0) {
    std::string frac = std::to_string(magnitude % scale);
    out += '.';
    out.append(static_cast<std::size_t>(exponent) - frac.size(), '0');
    out += frac;
  }
  return out;
}

std::int64_t narrow(I128 value, const char* what) {
  if (value > kMax || value < kMin)
    fail(ErrorKind::kError, std::string("amount overflow in ") + what);
  return static_cast<std::int64_t>(value);
}

void require_same(const Money& a, const Money& b) {
  if (a.currency() == b.currency()) return;
  auto name = [](const Currency& c) {
    return c.empty() ? std::string("(no currency)") : std::string(c.code());
  };
  fail(ErrorKind::kConflict,
       "currency mismatch: " + name(a.currency()) + " and " + name(b.currency()));
}

}  // namespace

Currency Currency::parse(std::string_view code) {
  const CurrencyInfo* info = find_currency(code);
  if (info == nullptr) {
    fail(ErrorKind::kConflict,
         "unknown currency " + number_text::quoted(code) + ": expected an ISO 4217 code");
  }
  Currency c;
  std::copy(info->code.begin(), info->code.end(), c.code_.begin());
  c.exponent_ = info->exponent;
  return c;
}

bool Currency::known(std::string_view code) noexcept {
  return find_currency(code) != nullptr;
}

std::int64_t Currency::scale() const noexcept {
  return pow10(exponent_);
}

Money Money::parse(std::string_view text, Currency currency, Grouping g) {
  auto reject = [&](const std::string& why) -> void {
    fail(ErrorKind::kConflict, "invalid amount " + number_text::quoted(text) + ": " + why);
  };
  if (currency.empty()) reject("no currency given");
  const auto [negative, whole, frac] = number_text::split(text, g == Grouping::kComma, reject);

  const std::string code(currency.code());
  if (frac.size() > static_cast<std::size_t>(currency.exponent())) {
    if (currency.exponent() == 0) reject(code + " allows no decimals");
    reject(code + " allows at most " + std::to_string(currency.exponent()) + " decimals");
  }

  // 2^63 is the largest magnitude (INT64_MIN); stop accumulating past it.
  constexpr U128 kLimit = static_cast<U128>(kMax) + 1;
  U128 magnitude = 0;
  for (char c : whole) {
    if (c == ',') continue;
    magnitude = magnitude * 10 + static_cast<unsigned>(c - '0');
    if (magnitude > kLimit) reject("out of range");
  }
  magnitude *= static_cast<U128>(currency.scale());
  U128 minor_frac = 0;
  for (char c : frac)
    minor_frac = minor_frac * 10 + static_cast<unsigned>(c - '0');
  minor_frac *= static_cast<U128>(pow10(currency.exponent() - static_cast<int>(frac.size())));
  magnitude += minor_frac;
  if (magnitude > (negative ? kLimit : kLimit - 1)) reject("out of range");

  const auto signed_magnitude = static_cast<I128>(magnitude);
  return Money(static_cast<std::int64_t>(negative ? -signed_magnitude : signed_magnitude),
               currency);
}

std::string Money::str() const {
  return format_minor(minor_, currency_.exponent(), false);
}

std::string Money::grouped() const {
  return format_minor(minor_, currency_.exponent(), true);
}

Money Money::operator+(const Money& o) const {
  require_same(*this, o);
  return Money(checked_add(minor_, o.minor_), currency_);
}

Money Money::operator-(const Money& o) const {
  require_same(*this, o);
  std::int64_t out = 0;
  if (__builtin_sub_overflow(minor_, o.minor_, &out)) {
    fail(ErrorKind::kError, "amount overflow in subtraction");
  }
  return Money(out, currency_);
}

Money Money::operator-() const {
  if (minor_ == kMin) fail(ErrorKind::kError, "amount overflow in negation");
  return Money(-minor_, currency_);
}

Money Money::mul_ratio(std::int64_t num, std::int64_t den) const {
  if (den == 0) fail(ErrorKind::kError, "ratio with a zero denominator");
  I128 n = static_cast<I128>(minor_) * num;
  I128 d = den;
  if (d < 0) {
    n = -n;
    d = -d;
  }
  I128 q = n / d;
  const I128 r = n % d;
  // Half away from zero: a remainder of at least half the divisor moves the
  // quotient one unit further from zero, in the direction of its sign.
  if ((r < 0 ? -r : r) * 2 >= d) q += n < 0 ? -1 : 1;
  return Money(narrow(q, "multiplication"), currency_);
}

std::vector<Money> Money::split(std::size_t parts) const {
  if (parts == 0) fail(ErrorKind::kUsage, "cannot split an amount into zero parts");
  const I128 total = minor_;
  const auto n = static_cast<I128>(parts);
  const auto base = static_cast<std::int64_t>(total / n);
  // The remainder has the sign of the total, so negative totals hand out -1s.
  const auto remainder = static_cast<std::int64_t>(total % n);
  const std::int64_t step = remainder < 0 ? -1 : 1;
  const auto extra = static_cast<std::size_t>(remainder < 0 ? -remainder : remainder);
  std::vector<Money> out;
  out.reserve(parts);
  for (std::size_t i = 0; i < parts; ++i) {
    out.emplace_back(i < extra ? base + step : base, currency_);
  }
  return out;
}

std::vector<Money> Money::allocate(const std::vector<std::int64_t>& weights) const {
  if (weights.empty()) fail(ErrorKind::kUsage, "cannot allocate an amount over no weights");
  I128 weight_sum = 0;
  for (std::int64_t w : weights) {
    if (w < 0) fail(ErrorKind::kUsage, "allocation weights must not be negative");
    weight_sum += w;
  }
  if (weight_sum == 0) fail(ErrorKind::kUsage, "allocation weights must not all be zero");

  // Allocating the magnitude and restoring the sign makes -X allocate as the
  // exact mirror of X instead of flooring every part away from zero.
  const bool negative = minor_ < 0;
  const I128 magnitude = negative ? -static_cast<I128>(minor_) : minor_;
  std::vector<I128> shares(weights.size());
  std::vector<I128> remainders(weights.size());
  I128 handed_out = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const I128 product = magnitude * weights[i];
    shares[i] = product / weight_sum;
    remainders[i] = product % weight_sum;
    handed_out += shares[i];
  }
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  // Fewer units are left than there are parts with a non-zero remainder.
  const auto left = static_cast<std::size_t>(magnitude - handed_out);
  for (std::size_t k = 0; k < left; ++k)
    ++shares[order[k]];
  std::vector<Money> out;
  out.reserve(weights.size());
  for (I128 share : shares) {
    out.emplace_back(static_cast<std::int64_t>(negative ? -share : share), currency_);
  }
  return out;
}

bool operator<(const Money& a, const Money& b) {
  require_same(a, b);
  return a.minor_ < b.minor_;
}

std::int64_t checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out)) fail(ErrorKind::kError, "amount overflow in addition");
  return out;
}

std::int64_t checked_mul(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_mul_overflow(a, b, &out)) {
    fail(ErrorKind::kError, "amount overflow in multiplication");
  }
  return out;
}

}  // namespace arctl
