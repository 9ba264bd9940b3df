// Invoices, debit notes and voids on top of the kernel (credit notes and
// rebills: credits.cpp).
#include "invoices.hpp"

#include "arctl/error.hpp"
#include "arctl/numbering.hpp"
#include "arctl/terms.hpp"

namespace arctl::invoicing {
namespace {

// document.posted already carries the document; these events add what only
// invoicing knows.
events::PostedLines posted_lines(const Document& d, const std::vector<Line>& lines,
                                 const Currency& c) {
  events::PostedLines p{d.id, d.customer, d.amount, d.attrs, {}, {}, {}};
  if (!lines.empty()) {
    const auto t = totals(lines, c);
    p.subtotal = t.subtotal;
    p.tax = t.tax;
    for (const auto& l : lines)
      p.lines.push_back(event_line(l));
  }
  return p;
}

}  // namespace

Document require_kind(Tx& tx, const std::string& id, std::initializer_list<DocKind> kinds) {
  auto d = tx.document(id);
  for (auto k : kinds)
    if (d.kind == k) return d;
  fail_conflict("'" + id + "' is a " + to_string(d.kind) + ", not an invoice");
}

Money credited(Tx& tx, const Document& d) {
  auto sum = Money::zero(d.amount.currency());
  for (const auto& a : tx.applications_of(d.id))
    if (a.active() && a.to == d.id && tx.document(a.from).kind == DocKind::kCreditNote)
      sum += a.amount;
  return sum;
}

std::string invoice_status(Tx& tx, const Document& d) {
  if (d.status == DocStatus::kVoid) return "void";
  if (!d.open.is_zero()) return "open";
  return credited(tx, d) == d.amount ? "credited" : "paid";
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
  return post_invoice(tx, in, build_lines(in.lines, customer.currency));
}

Created Invoicing::post_invoice(Tx& tx, const InvoiceInput& in, std::vector<Line> lines) {
  const auto customer = tx.customer(in.customer);
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
  if (terms.has_discount() && (in.discount_date || !in.due)) {
    d.attrs["discount_date"] =
        format_date(in.discount_date ? *in.discount_date : *terms.discount_date(in.date));
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
  tx.publish(events::InvoicePosted{posted_lines(posted.document, lines, customer.currency)});
  return {Outcome::kCreated, std::move(posted.document), std::move(lines)};
}

Created Invoicing::post_note(Tx& tx, Document doc, std::vector<Line> lines,
                             const std::string& reason) {
  auto posted = tx.post(std::move(doc));
  if (!lines.empty()) lines_table(tx).put(posted.document.id, encode_lines(lines));
  auto p = posted_lines(posted.document, lines, posted.document.amount.currency());
  if (posted.document.kind == DocKind::kCreditNote)
    tx.publish(events::CreditNotePosted{std::move(p), reason});
  else
    tx.publish(events::DebitNotePosted{std::move(p), reason});
  return {posted.outcome, std::move(posted.document), std::move(lines)};
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
  // Its one line says what it charges; untaxed, all revenue, as the GL posts it.
  Line line;
  line.description = reason;
  line.quantity = Decimal{Decimal::kScale};
  line.unit_price = Decimal{d.amount.minor() * (Decimal::kScale / customer.currency.scale())};
  line.net = d.amount;
  line.tax = Money::zero(customer.currency);
  return post_note(tx, std::move(d), {line}, reason);
}

void Invoicing::void_invoice(Tx& tx, const std::string& id, const std::string& reason, Date date) {
  const auto d = require_kind(tx, id, {DocKind::kInvoice, DocKind::kDebitNote});
  tx.void_document(id, reason, date);
  tx.publish(events::InvoiceVoided{id, d.customer, reason});
}

}  // namespace arctl::invoicing
