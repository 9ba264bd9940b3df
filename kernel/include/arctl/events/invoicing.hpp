// The invoicing plugin's events: invoices, credit and debit notes with their
// lines, and invoice voids. Each struct is the payload of one journal event.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/events/fields.hpp"

namespace arctl::events {

// One line of an invoice or note, as the journal holds it (inside "lines").
struct InvoiceLine {
  std::string description;  // what was sold
  Decimal quantity;         // "2", "2.5"
  Decimal unit_price;       // at least the currency's decimals: "12.50"
  Decimal tax_rate;         // a percentage in the JSON: "8.25%"
  Money net;                // quantity x unit price, rounded to the currency
  Money tax;                // tax on `net`
  std::string account;      // revenue category for the GL; absent when empty

  Json to_json() const {
    Json j;
    j["description"] = description;
    j["quantity"] = quantity.str();
    // At least the currency's decimals: 12.50, not 12.5; more when priced finer.
    auto price = unit_price.str();
    const int want = net.currency().exponent();
    const auto dot = price.find('.');
    const int have = dot == std::string::npos ? 0 : static_cast<int>(price.size() - dot - 1);
    if (want > 0 && dot == std::string::npos) price += '.';
    if (have < want) price.append(static_cast<std::size_t>(want - have), '0');
    j["unit_price"] = price;
    j["tax_rate"] = Decimal{tax_rate.micros * 100}.str() + "%";
    j["net"] = net.str();
    j["tax"] = tax.str();
    if (!account.empty()) j["account"] = account;
    return j;
  }
  static InvoiceLine from_json(const Json& j, const Currency& c) {
    return {fields::str(j, "description"),
            Decimal::parse(fields::str(j, "quantity")),
            Decimal::parse(fields::str(j, "unit_price")),
            Decimal::parse_percent(fields::str(j, "tax_rate")),
            fields::money(j, "net", c),
            fields::money(j, "tax", c),
            fields::str(j, "account")};
  }
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

  Json to_json() const {
    Json p;
    p["id"] = id;
    p["customer"] = customer;
    p["total"] = total.str();
    p["currency"] = std::string(total.currency().code());
    for (const auto& [k, v] : attrs)
      if (!p.contains(k)) p[k] = v;
    if (!lines.empty()) {
      p["subtotal"] = subtotal.value_or(Money::zero(total.currency())).str();
      p["tax"] = tax.value_or(Money::zero(total.currency())).str();
      Json arr = Json::array();
      for (const auto& l : lines)
        arr.push_back(l.to_json());
      p["lines"] = std::move(arr);
    }
    return p;
  }
  static PostedLines from_json(const Json& j) {
    PostedLines d;
    d.id = fields::str(j, "id");
    d.customer = fields::str(j, "customer");
    const auto c = fields::currency(j);
    d.total = fields::money(j, "total", c);
    d.subtotal = fields::opt_money(j, "subtotal", c);
    d.tax = fields::opt_money(j, "tax", c);
    if (auto it = j.find("lines"); it != j.end() && it->is_array())
      for (const auto& l : *it)
        d.lines.push_back(InvoiceLine::from_json(l, c));
    for (const auto& [k, v] : j.items())
      if (v.is_string() && !is_own_key(k)) d.attrs[k] = v.get<std::string>();
    return d;
  }
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

  Json to_json() const { return invoice.to_json(); }
  static InvoicePosted from_json(const Json& j) { return {PostedLines::from_json(j)}; }
};

// A credit note was posted (invoice credit, a dispute's credit, a rebill).
struct CreditNotePosted {
  static constexpr std::string_view kName = "credit_note.posted";
  PostedLines note;    // id, customer, total, attributes, and lines when split
  std::string reason;  // why it was issued

  Json to_json() const {
    Json p = note.to_json();
    p["reason"] = reason;
    return p;
  }
  static CreditNotePosted from_json(const Json& j) {
    return {PostedLines::from_json(j), fields::str(j, "reason")};
  }
};

// A debit note was posted (invoice debit): one untaxed line.
struct DebitNotePosted {
  static constexpr std::string_view kName = "debit_note.posted";
  PostedLines note;    // id, customer, total, attributes, lines
  std::string reason;  // what it charges

  Json to_json() const {
    Json p = note.to_json();
    p["reason"] = reason;
    return p;
  }
  static DebitNotePosted from_json(const Json& j) {
    return {PostedLines::from_json(j), fields::str(j, "reason")};
  }
};

// An invoice or debit note was voided (after the kernel's document.voided).
struct InvoiceVoided {
  static constexpr std::string_view kName = "invoice.voided";
  std::string id;        // the invoice
  std::string customer;  // its customer
  std::string reason;    // why it was voided

  Json to_json() const {
    Json p;
    p["id"] = id;
    p["customer"] = customer;
    p["reason"] = reason;
    return p;
  }
  static InvoiceVoided from_json(const Json& j) {
    return {fields::str(j, "id"), fields::str(j, "customer"), fields::str(j, "reason")};
  }
};

}  // namespace arctl::events
