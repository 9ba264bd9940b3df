// Invoice lines and their arithmetic. Rounding rule (one rule, everywhere):
// each line's net = quantity x unit price, rounded half away from zero to the
// currency's minor unit; each line's tax = that net x the tax rate, rounded
// the same way; the invoice's subtotal, tax and total are sums of the rounded
// line figures, so lines, tax and total always agree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "arctl/codec.hpp"
#include "arctl/events/invoicing.hpp"
#include "arctl/money.hpp"
#include "arctl/output.hpp"

namespace arctl::invoicing {

struct Line {
  std::string description;
  Decimal quantity;
  Decimal unit_price;   // up to 6 decimals, in the invoice currency
  Decimal tax_rate;     // 0.0825 for 8.25%
  std::string account;  // optional revenue account override (for the GL)
  Money net;
  Money tax;
  friend bool operator==(const Line&, const Line&) = default;
};

struct Totals {
  Money subtotal;
  Money tax;
  Money total;
};

// "DESCRIPTION;QTY;UNIT_PRICE[;TAX_RATE%]": quantity > 0, any description
// without ';'. Throws Error(kConflict) naming the part that is wrong.
Line parse_line(std::string_view spec, const Currency& currency);
// Builds a line from separate fields (imports). Computes net and tax.
Line make_line(std::string description, std::string_view quantity, std::string_view unit_price,
               std::string_view tax_rate, const Currency& currency);
// quantity x unit price rounded half away from zero to the minor unit.
Money line_net(const Decimal& quantity, const Decimal& unit_price, const Currency& currency);
Totals totals(const std::vector<Line>& lines, const Currency& currency);

// The lines of a credit note or replacement for `amount` of a document with
// `source` lines, split as the GL splits it. The amount is shared over the
// lines in proportion to their gross (net + tax), largest remainder, so the
// shares add up to it exactly. A line whose whole gross is taken is copied
// as it is; of a partial share the tax is computed (share x rate / (1 +
// rate), rounded half away from zero) and the rest is revenue, so a credit
// note's tax is what its rate says of its amount. Lines with no positive
// gross take no share; `amount` equal to the whole total copies every line.
// Empty when `source` has no line with a positive gross.
std::vector<Line> split_amount(const std::vector<Line>& source, const Money& amount);

Bytes encode_lines(const std::vector<Line>& lines);
std::vector<Line> decode_lines(BytesView v, const Currency& currency);
Json lines_json(const std::vector<Line>& lines);
// The line as invoicing's events carry it (and lines_json prints it).
events::InvoiceLine event_line(const Line& l);

}  // namespace arctl::invoicing
