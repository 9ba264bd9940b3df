// Invoices, credit and debit notes, voids and rebills on top of the kernel.
#include "invoices.hpp"

#include "arctl/error.hpp"
#include "arctl/numbering.hpp"
#include "arctl/terms.hpp"

namespace arctl::invoicing {
namespace {

// document.posted already carries the document; these events add what only
// invoicing knows.
Json event_payload(const Document& d, const std::vector<Line>& lines, const Currency& c) {
  Json p;
  p["id"] = d.id;
  p["customer"] = d.customer;
  p["total"] = d.amount.str();
  p["currency"] = std::string(c.code());
  if (!lines.empty()) {
    const auto t = totals(lines, c);
    p["subtotal"] = t.subtotal.str();
    p["tax"] = t.tax.str();
    p["lines"] = lines_json(lines);
  }
  return p;
}

Document require_kind(Tx& tx, const std::string& id, std::initializer_list<DocKind> kinds) {
  auto d = tx.document(id);
  for (auto k : kinds)
    if (d.kind == k) return d;
  fail_conflict("'" + id + "' is a " + to_string(d.kind) + ", not an invoice");
}

}  // namespace

std::string invoice_status(const Document& d) {
  if (d.status == DocStatus::kVoid) return "void";
  return d.open.is_zero() ? "paid" : "open";
}

std::vector<Line> Invoicing::build_lines(const std::vector<LineSpec>& specs, const Currency& c) {
  std::vector<Line> lines;
  lines.reserve(specs.size());
  for (const auto& s : specs) {
    auto l = make_line(s.description, s.quantity, s.unit_price, s.tax_rate, c);
    l.account = s.account;
    lines.push_back(std::move(l));
  }
  return lines;
}

std::vector<Line> Invoicing::lines_of(Tx& tx, const Document& d) {
  auto v = lines_table(tx).get(d.id);
  if (!v) return {};
  return decode_lines(*v, d.amount.currency());
}

Created Invoicing::create(Tx& tx, const InvoiceInput& in) {
  const auto customer = tx.customer(in.customer);
  if (!in.currency.empty() && !(Currency::parse(in.currency) == customer.currency))
    fail(ErrorKind::kConflict,
         "customer '" + customer.id + "' is billed in " + std::string(customer.currency.code()) +
             ", not " + in.currency,
         {"", 0, "currency"});
  if (in.lines.empty())
    fail(ErrorKind::kConflict, "an invoice needs at least one line", {"", 0, "line"});
  auto lines = build_lines(in.lines, customer.currency);
  const auto t = totals(lines, customer.currency);
  if (!t.total.is_positive())
    fail(ErrorKind::kConflict, "invoice total must be positive, got " + t.total.str(),
         {"", 0, "line"});

  const auto terms = Terms::parse(in.terms.empty() ? customer.terms : in.terms);
  Document d;
  d.id = in.id.empty()
             ? next_number(tx, tx.config_or("invoice.series", "INV-{YYYY}-{SEQ:06}"), in.date)
             : in.id;
  d.kind = DocKind::kInvoice;
  d.customer = customer.id;
  d.issued = in.date;
  d.due = in.due ? *in.due : terms.due_date(in.date);
  d.amount = t.total;
  d.ref = in.po;
  d.memo = in.memo;
  d.attrs = in.attrs;
  d.attrs["terms"] = terms.text();
  if (terms.has_discount() && !in.due) {
    d.attrs["discount_date"] = format_date(*terms.discount_date(in.date));
    d.attrs["discount_amount"] = terms.discount_amount(t.total).str();
  }
  auto posted = tx.post(d);
  auto table = lines_table(tx);
  const auto encoded = encode_lines(lines);
  if (posted.outcome == Outcome::kUnchanged) {
    auto stored = table.get(d.id);
    if (!stored || *stored != encoded)
      fail_conflict("invoice '" + d.id + "' already exists with different lines");
    return {Outcome::kUnchanged, std::move(posted.document), std::move(lines)};
  }
  table.put(d.id, encoded);
  tx.emit(kInvoicePosted, event_payload(posted.document, lines, customer.currency));
  return {Outcome::kCreated, std::move(posted.document), std::move(lines)};
}

Created Invoicing::post_note(Tx& tx, Document doc, std::vector<Line> lines, std::string_view event,
                             const std::string& reason) {
  auto posted = tx.post(std::move(doc));
  if (!lines.empty()) lines_table(tx).put(posted.document.id, encode_lines(lines));
  Json p = event_payload(posted.document, lines, posted.document.amount.currency());
  p["reason"] = reason;
  tx.emit(event, std::move(p));
  return {posted.outcome, std::move(posted.document), std::move(lines)};
}

Created Invoicing::credit(Tx& tx, const std::string& invoice,
                          const std::optional<std::string>& amount,
                          const std::vector<LineSpec>& specs, const std::string& reason,
                          Date date) {
  if (reason.empty()) fail_usage("a credit note needs a --reason");
  if (amount.has_value() == !specs.empty()) fail_usage("give either --amount or --line, not both");
  const auto inv = require_kind(tx, invoice, {DocKind::kInvoice, DocKind::kDebitNote});
  if (inv.status == DocStatus::kVoid) fail_conflict("'" + invoice + "' is void");
  const auto cur = inv.amount.currency();
  std::vector<Line> lines;
  Money total;
  if (amount) {
    total = Money::parse(*amount, cur);
  } else {
    lines = build_lines(specs, cur);
    total = totals(lines, cur).total;
  }
  if (!total.is_positive()) fail_conflict("a credit note must be for a positive amount");
  if (date < inv.issued)
    fail_conflict("a credit note dated " + format_date(date) + " cannot credit " + invoice +
                  " dated " + format_date(inv.issued));
  if (total > inv.open)
    fail_conflict("credit of " + total.str() + " is more than the " + inv.open.str() + " open on " +
                  invoice);
  Document d;
  d.id = next_number(tx, tx.config_or("credit_note.series", "CN-{YYYY}-{SEQ:06}"), date);
  d.kind = DocKind::kCreditNote;
  d.customer = inv.customer;
  d.issued = d.due = date;
  d.amount = total;
  d.memo = reason;
  d.attrs["credit_for"] = invoice;
  auto created = post_note(tx, std::move(d), std::move(lines), kCreditNotePosted, reason);
  tx.apply(created.document.id, invoice, total, date, "credit_note");
  created.document = tx.document(created.document.id);
  return created;
}

Created Invoicing::debit(Tx& tx, const std::string& customer_id, const std::string& amount,
                         const std::string& reason, const std::string& for_id, Date date) {
  if (reason.empty()) fail_usage("a debit note needs a --reason");
  const auto customer = tx.customer(customer_id);
  if (!for_id.empty()) {
    const auto related = tx.document(for_id);
    if (related.customer != customer.id)
      fail_conflict("'" + for_id + "' belongs to customer '" + related.customer + "', not '" +
                    customer.id + "'");
  }
  Document d;
  d.id = next_number(tx, tx.config_or("debit_note.series", "DN-{YYYY}-{SEQ:06}"), date);
  d.kind = DocKind::kDebitNote;
  d.customer = customer.id;
  d.issued = date;
  d.due = Terms::parse(customer.terms).due_date(date);
  d.amount = Money::parse(amount, customer.currency);
  d.memo = reason;
  if (!for_id.empty()) d.attrs["for"] = for_id;
  return post_note(tx, std::move(d), {}, kDebitNotePosted, reason);
}

void Invoicing::void_invoice(Tx& tx, const std::string& id, const std::string& reason, Date date) {
  const auto d = require_kind(tx, id, {DocKind::kInvoice, DocKind::kDebitNote});
  tx.void_document(id, reason, date);
  Json p;
  p["id"] = id;
  p["customer"] = d.customer;
  p["reason"] = reason;
  tx.emit(kInvoiceVoided, std::move(p));
}

Invoicing::Rebill Invoicing::rebill(Tx& tx, const std::string& id,
                                    const std::vector<LineSpec>& specs, const std::string& reason,
                                    Date date) {
  if (reason.empty()) fail_usage("a rebill needs a --reason");
  const auto orig = require_kind(tx, id, {DocKind::kInvoice});
  if (orig.status == DocStatus::kVoid) fail_conflict("'" + id + "' is void");
  if (!(orig.open == orig.amount))
    fail_conflict("'" + id + "' has " + (orig.amount - orig.open).str() +
                  " applied to it; unapply that before rebilling");
  if (orig.links.count("rebilled_by"))
    fail_conflict("'" + id + "' was already rebilled as " + orig.links.at("rebilled_by"));
  Rebill r;
  r.credit_note = credit(tx, id, orig.open.str(), {}, "rebill: " + reason, date);
  InvoiceInput in;
  in.customer = orig.customer;
  in.date = date;
  in.terms = orig.attrs.count("terms") ? orig.attrs.at("terms") : std::string();
  in.po = orig.ref;
  in.memo = reason;
  in.attrs["rebill_of"] = id;
  if (specs.empty()) {
    for (const auto& l : lines_of(tx, orig))
      in.lines.push_back({l.description, l.quantity.str(), l.unit_price.str(),
                          Decimal{l.tax_rate.micros * 100}.str(), l.account});
    if (in.lines.empty()) in.lines.push_back({"Rebill of " + id, "1", orig.open.str(), "", ""});
  } else {
    in.lines = specs;
  }
  r.replacement = create(tx, in);
  tx.set_link(id, "rebilled_by", r.replacement.document.id);
  return r;
}

}  // namespace arctl::invoicing
