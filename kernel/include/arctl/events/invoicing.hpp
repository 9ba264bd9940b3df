// The invoicing plugin's events: invoices, credit and debit notes with their
// lines, and invoice voids. Each struct is the payload of one journal event.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/events/payload.hpp"

namespace arctl::events {

namespace detail {

// A line's unit price, written with at least its currency's decimals (12.50,
// not 12.5) and more when priced finer; the currency is that of `net`.
struct UnitPrice {
  template <class L>
  void put(Json& j, const L& l) const {
    auto price = l.unit_price.str();
    const int want = l.net.currency().exponent();
    const auto dot = price.find('.');
    const int have = dot == std::string::npos ? 0 : static_cast<int>(price.size() - dot - 1);
    if (want > 0 && dot == std::string::npos) price += '.';
    if (have < want) price.append(static_cast<std::size_t>(want - have), '0');
    j["unit_price"] = price;
  }
  template <class L>
  void get(const payload::In& in, L& l) const {
    l.unit_price = Decimal::parse(fields::str(in.j, "unit_price"));
  }
};

// A document's attributes as top-level keys: after its own keys and never
// over them; read back as every string key that is not its own.
struct TopLevelAttrs {
  template <class D>
  void put(Json& j, const D& d) const {
    for (const auto& [k, v] : d.attrs)
      if (!j.contains(k)) j[k] = v;
  }
  template <class D>
  void get(const payload::In& in, D& d) const {
    for (const auto& [k, v] : in.j.items())
      if (v.is_string() && !D::is_own_key(k)) d.attrs[k] = v.template get<std::string>();
  }
};

// subtotal, tax and lines: written only for a document with lines, a sum not
// given as zero.
struct LinesPart {
  template <class D>
  void put(Json& j, const D& d) const {
    if (d.lines.empty()) return;
    const auto zero = Money::zero(d.total.currency());
    j["subtotal"] = d.subtotal.value_or(zero).str();
    j["tax"] = d.tax.value_or(zero).str();
    payload::Codec<decltype(d.lines)>::put(j, "lines", d.lines);
  }
  template <class D>
  void get(const payload::In& in, D& d) const {
    const auto c = in.currency();
    d.subtotal = fields::opt_money(in.j, "subtotal", c);
    d.tax = fields::opt_money(in.j, "tax", c);
    payload::Codec<decltype(d.lines)>::get(in, "lines", d.lines);
  }
};

}  // namespace detail

// One line of an invoice or note, as the journal holds it (inside "lines").
struct InvoiceLine {
  std::string description;  // what was sold
  Decimal quantity;         // "2", "2.5"
  Decimal unit_price;       // at least the currency's decimals: "12.50"
  Decimal tax_rate;         // a percentage in the JSON: "8.25%"
  Money net;                // quantity x unit price, rounded to the currency
  Money tax;                // tax on `net`
  std::string account;      // revenue category for the GL; absent when empty

  ARCTL_EVENT_FIELDS(InvoiceLine, field("description", &E::description),
                     field("quantity", &E::quantity), detail::UnitPrice{},
                     field_as<Percent>("tax_rate", &E::tax_rate), field("net", &E::net),
                     field("tax", &E::tax), field_as<IfNotEmpty>("account", &E::account))
};

// The document part shared by invoice.posted and the notes' events.
struct PostedLines {
  std::string id;                  // the document
  std::string customer;            // its customer
  Money total;                     // its amount (with "currency")
  Attrs attrs;                     // the document's attributes, as top-level keys
  std::optional<Money> subtotal;   // sum of the lines' net; absent without lines
  std::optional<Money> tax;        // sum of the lines' tax; absent without lines
  std::vector<InvoiceLine> lines;  // absent when the document has none

  ARCTL_EVENT_FIELDS(PostedLines, field("id", &E::id), field("customer", &E::customer),
                     with_currency("total", &E::total), detail::TopLevelAttrs{},
                     detail::LinesPart{})

  static bool is_own_key(std::string_view k) {
    for (std::string_view own :
         {"id", "customer", "total", "currency", "subtotal", "tax", "lines", "reason"})
      if (k == own) return true;
    return false;
  }
};

// An invoice was posted with its lines.
struct InvoicePosted {
  static constexpr std::string_view kName = "invoice.posted";
  PostedLines invoice;  // id, customer, total, attributes, subtotal, tax, lines

  ARCTL_EVENT_FIELDS(InvoicePosted, spread(&E::invoice))
};

// A credit note was posted (invoice credit, a dispute's credit, a rebill).
struct CreditNotePosted {
  static constexpr std::string_view kName = "credit_note.posted";
  PostedLines note;    // id, customer, total, attributes, and lines when split
  std::string reason;  // why it was issued

  ARCTL_EVENT_FIELDS(CreditNotePosted, spread(&E::note), field("reason", &E::reason))
};

// A debit note was posted (invoice debit): one untaxed line.
struct DebitNotePosted {
  static constexpr std::string_view kName = "debit_note.posted";
  PostedLines note;    // id, customer, total, attributes, lines
  std::string reason;  // what it charges

  ARCTL_EVENT_FIELDS(DebitNotePosted, spread(&E::note), field("reason", &E::reason))
};

// An invoice or debit note was voided (after the kernel's document.voided).
struct InvoiceVoided {
  static constexpr std::string_view kName = "invoice.voided";
  std::string id;        // the invoice
  std::string customer;  // its customer
  std::string reason;    // why it was voided

  ARCTL_EVENT_FIELDS(InvoiceVoided, field("id", &E::id), field("customer", &E::customer),
                     field("reason", &E::reason))
};

}  // namespace arctl::events
