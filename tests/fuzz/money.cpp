// Fuzz target for Money::parse and Decimal: every accepted amount must print
// back to the same value, agree with a reference reading of its digits, and
// split or allocate into parts that add up to it exactly.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/error.hpp"
#include "arctl/money.hpp"
#include "fuzz_support.hpp"

namespace arctl::fuzz {
namespace {

// One currency per exponent the table has: 0, 2, 3 and 4 decimals.
constexpr const char* kCodes[] = {"JPY", "USD", "BHD", "CLF"};

// The canonical form of text that Money::parse accepted: commas dropped,
// leading zeros dropped, decimals padded to the exponent, no sign on zero.
std::string reference_form(std::string_view text, int exponent) {
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) text.remove_prefix(1);
  std::string whole, frac;
  bool in_frac = false;
  for (char c : text) {
    if (c == ',') continue;
    if (c == '.') {
      in_frac = true;
      continue;
    }
    (in_frac ? frac : whole) += c;
  }
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size()));
  if (whole.empty()) whole = "0";
  frac.append(static_cast<std::size_t>(exponent) - frac.size(), '0');
  const bool zero = whole == "0" && frac.find_first_not_of('0') == std::string::npos;
  std::string out = (negative && !zero ? "-" : "") + whole;
  if (exponent > 0) out += "." + frac;
  return out;
}

template <typename F>
bool accepts(F&& parse, ErrorKind expected_kind) {
  try {
    parse();
    return true;
  } catch (const Error& e) {
    require(e.kind() == expected_kind, "parser threw an unexpected error kind", e.what());
    return false;
  }
}

void check_money(std::string_view text, const Currency& ccy, Grouping grouping,
                 std::uint8_t parts) {
  Money m;
  if (!accepts([&] { m = Money::parse(text, ccy, grouping); }, ErrorKind::kConflict)) {
    // Grouping only widens what is accepted.
    if (grouping == Grouping::kComma)
      require(!accepts([&] { Money::parse(text, ccy, Grouping::kNone); }, ErrorKind::kConflict),
              "accepted without grouping but refused with it");
    return;
  }
  require(m.str() == reference_form(text, ccy.exponent()), "amount misread",
          std::string(text) + " -> " + m.str());
  require(Money::parse(m.str(), ccy) == m, "str() does not parse back", m.str());
  require(Money::parse(m.grouped(), ccy, Grouping::kComma) == m, "grouped() does not parse back",
          m.grouped());
  if (grouping == Grouping::kNone)
    require(Money::parse(text, ccy, Grouping::kComma) == m, "grouping changed a plain amount");

  // Splitting and allocating never lose or invent a minor unit.
  const auto pieces = m.split(1 + parts % 16);
  std::int64_t sum = 0;
  for (const auto& p : pieces)
    sum += p.minor();  // parts of an int64 total cannot overflow when summed in order
  require(sum == m.minor(), "split parts do not add up", m.str());
  std::vector<std::int64_t> weights;
  for (unsigned i = 0; i < 1u + parts % 5; ++i)
    weights.push_back(static_cast<std::int64_t>((parts >> i) & 7) + (i == 0 ? 1 : 0));
  sum = 0;
  for (const auto& p : m.allocate(weights))
    sum += p.minor();
  require(sum == m.minor(), "allocated parts do not add up", m.str());

  require(multiply(m, Decimal{Decimal::kScale}) == m, "multiplying by one changed the amount");
}

void check_decimal(std::string_view text) {
  Decimal d;
  const bool plain = accepts([&] { d = Decimal::parse(text); }, ErrorKind::kConflict);
  if (plain) require(Decimal::parse(d.str()) == d, "Decimal::str() does not parse back", d.str());
  Decimal p;
  if (accepts([&] { p = Decimal::parse_percent(text); }, ErrorKind::kConflict)) {
    require(Decimal::parse(p.str()) == p, "percentage str() does not parse back", p.str());
    if (plain) require(p.micros * 100 == d.micros, "percentage is not a hundredth", d.str());
  }
}

}  // namespace
}  // namespace arctl::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arctl;
  if (size < 2) return 0;
  const auto ccy = Currency::parse(fuzz::kCodes[data[0] & 3]);
  const auto grouping = (data[0] & 4) != 0 ? Grouping::kComma : Grouping::kNone;
  const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
  fuzz::check_money(text, ccy, grouping, data[1]);
  fuzz::check_decimal(text);
  try {
    Currency::parse(text);
  } catch (const Error& e) {
    fuzz::require(e.kind() == ErrorKind::kConflict, "Currency::parse error kind", e.what());
  }
  return 0;
}
