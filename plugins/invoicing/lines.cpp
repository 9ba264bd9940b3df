// Invoice line parsing and exact arithmetic.
#include "lines.hpp"

#include "arctl/error.hpp"

namespace arctl::invoicing {
namespace {

__extension__ typedef __int128 Wide;

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    const auto pos = s.find(sep);
    parts.push_back(s.substr(0, pos));
    if (pos == std::string_view::npos) break;
    s.remove_prefix(pos + 1);
  }
  return parts;
}

Decimal field(std::string_view text, const char* what, bool percent) {
  try {
    return percent ? Decimal::parse_percent(text) : Decimal::parse(text);
  } catch (const Error& e) {
    fail(ErrorKind::kConflict, std::string("invalid ") + what + " '" + std::string(text) + "'",
         {"", 0, what});
  }
}

}  // namespace

Money line_net(const Decimal& quantity, const Decimal& unit_price, const Currency& currency) {
  // qty and price are in millionths: the product is in 10^-12 units.
  const Wide product = static_cast<Wide>(quantity.micros) * unit_price.micros;
  const Wide scale = static_cast<Wide>(1'000'000'000'000LL) / currency.scale();
  Wide q = product / scale;
  const Wide r = product % scale;
  if (2 * (r < 0 ? -r : r) >= scale) q += product < 0 ? -1 : 1;
  if (q > INT64_MAX || q < INT64_MIN) fail(ErrorKind::kConflict, "line amount overflows");
  return Money(static_cast<std::int64_t>(q), currency);
}

Line make_line(std::string description, std::string_view quantity, std::string_view unit_price,
               std::string_view tax_rate, const Currency& currency) {
  Line l;
  l.description = std::move(description);
  if (l.description.empty())
    fail(ErrorKind::kConflict, "line has no description", {"", 0, "description"});
  l.quantity = field(quantity, "quantity", false);
  if (l.quantity.micros <= 0)
    fail(ErrorKind::kConflict, "quantity must be positive", {"", 0, "quantity"});
  l.unit_price = field(unit_price, "unit_price", false);
  if (!tax_rate.empty()) l.tax_rate = field(tax_rate, "tax_rate", true);
  if (l.tax_rate.micros < 0)
    fail(ErrorKind::kConflict, "tax rate is negative", {"", 0, "tax_rate"});
  l.net = line_net(l.quantity, l.unit_price, currency);
  l.tax = multiply(l.net, l.tax_rate);
  return l;
}

Line parse_line(std::string_view spec, const Currency& currency) {
  const auto parts = split(spec, ';');
  if (parts.size() < 3 || parts.size() > 4)
    fail(ErrorKind::kConflict,
         "line '" + std::string(spec) + "' must be DESCRIPTION;QTY;UNIT_PRICE[;TAX_RATE%]",
         {"", 0, "--line"});
  try {
    return make_line(std::string(parts[0]), parts[1], parts[2], parts.size() == 4 ? parts[3] : "",
                     currency);
  } catch (const Error& e) {
    fail(ErrorKind::kConflict, "line '" + std::string(spec) + "': " + e.what(), {"", 0, "--line"});
  }
}

Totals totals(const std::vector<Line>& lines, const Currency& currency) {
  Totals t{Money::zero(currency), Money::zero(currency), Money::zero(currency)};
  for (const auto& l : lines) {
    t.subtotal += l.net;
    t.tax += l.tax;
  }
  t.total = t.subtotal + t.tax;
  return t;
}

std::vector<Line> split_amount(const std::vector<Line>& source, const Money& amount) {
  const auto cur = amount.currency();
  if (source.empty()) return {};
  if (totals(source, cur).total == amount) return source;
  std::vector<std::size_t> taking;
  std::vector<std::int64_t> weights;
  for (std::size_t i = 0; i < source.size(); ++i) {
    const auto gross = (source[i].net + source[i].tax).minor();
    if (gross <= 0) continue;
    taking.push_back(i);
    weights.push_back(gross);
  }
  if (weights.empty()) return {};
  const auto shares = amount.allocate(weights);
  std::vector<Line> out;
  for (std::size_t k = 0; k < shares.size(); ++k) {
    const auto& from = source[taking[k]];
    const auto share = shares[k].minor();
    if (share == 0) continue;
    if (share == weights[k]) {
      out.push_back(from);
      continue;
    }
    Line l;
    l.description = from.description;
    l.quantity = Decimal{Decimal::kScale};
    l.tax_rate = from.tax_rate;
    l.account = from.account;
    const Wide num = static_cast<Wide>(share) * from.tax_rate.micros;
    const Wide den = Decimal::kScale + from.tax_rate.micros;
    Wide tax = num / den;
    const Wide rest = num % den;
    if (2 * (rest < 0 ? -rest : rest) >= den) tax += num < 0 ? -1 : 1;
    l.tax = Money(static_cast<std::int64_t>(tax), cur);
    l.net = Money(share, cur) - l.tax;
    l.unit_price = Decimal{l.net.minor() * (Decimal::kScale / cur.scale())};
    out.push_back(std::move(l));
  }
  return out;
}

Bytes encode_lines(const std::vector<Line>& lines) {
  Encoder e(1);
  e.u64(lines.size());
  for (const auto& l : lines)
    e.str(l.description)
        .i64(l.quantity.micros)
        .i64(l.unit_price.micros)
        .i64(l.tax_rate.micros)
        .str(l.account)
        .i64(l.net.minor())
        .i64(l.tax.minor());
  return std::move(e).bytes();
}

std::vector<Line> decode_lines(BytesView v, const Currency& currency) {
  Decoder d(v, 1);
  std::vector<Line> lines(d.u64());
  for (auto& l : lines) {
    l.description = d.str();
    l.quantity.micros = d.i64();
    l.unit_price.micros = d.i64();
    l.tax_rate.micros = d.i64();
    l.account = d.str();
    l.net = Money(d.i64(), currency);
    l.tax = Money(d.i64(), currency);
  }
  return lines;
}

Json lines_json(const std::vector<Line>& lines) {
  Json arr = Json::array();
  for (const auto& l : lines)
    arr.push_back(event_line(l).to_json());
  return arr;
}

events::InvoiceLine event_line(const Line& l) {
  return {l.description, l.quantity, l.unit_price, l.tax_rate, l.net, l.tax, l.account};
}

}  // namespace arctl::invoicing
