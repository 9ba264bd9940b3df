// Credit notes and rebills: what a credit takes from an invoice's lines, and
// the replacement that keeps the original's terms and dates.
#include "arctl/error.hpp"
#include "arctl/numbering.hpp"
#include "invoices.hpp"

namespace arctl::invoicing {
namespace {

// The credited lines of `--line` specs: each must be a line of the invoice
// (by description), at that line's tax rate (the invoice's when none is
// given) and revenue account, for no more than that line's net.
std::vector<Line> credited_lines(const std::vector<LineSpec>& specs, const std::vector<Line>& own,
                                 const std::string& invoice, const Currency& c) {
  std::vector<Line> out;
  for (const auto& s : specs) {
    const std::string name = "line '" + s.description + "'";
    const Line* match = nullptr;
    for (const auto& l : own)
      if (l.description == s.description) {
        match = &l;
        break;
      }
    if (!match)
      fail_conflict(name + " is not a line of " + invoice + "; credit only its own lines" +
                    (own.empty() ? " (it has none: use --amount)" : ""));
    std::string rate = s.tax_rate;
    const auto own_rate = Decimal{match->tax_rate.micros * 100}.str() + "%";
    if (!rate.empty()) {
      Decimal given;
      try {
        given = Decimal::parse_percent(rate);
      } catch (const Error&) {
        fail_conflict(name + ": invalid tax rate '" + rate + "'");
      }
      if (!(given == match->tax_rate))
        fail_conflict(name + " is taxed at " + own_rate + " on " + invoice + ", not " + rate);
    }
    auto l = make_line(s.description, s.quantity, s.unit_price, own_rate, c);
    l.account = match->account;
    if (l.net > match->net)
      fail_conflict(name + ": " + l.net.str() + " is more than the " + match->net.str() +
                    " it bills on " + invoice);
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace

Created Invoicing::credit(Tx& tx, const std::string& invoice, const std::optional<Money>& amount,
                          const std::vector<LineSpec>& specs, const std::string& reason, Date date,
                          const Attrs& attrs) {
  if (reason.empty()) fail_usage("a credit note needs a --reason");
  if (amount.has_value() == !specs.empty()) fail_usage("give either --amount or --line, not both");
  const auto inv = require_kind(tx, invoice, {DocKind::kInvoice, DocKind::kDebitNote});
  if (inv.status == DocStatus::kVoid) fail_conflict("'" + invoice + "' is void");
  const auto cur = inv.amount.currency();
  const auto own = lines_of(tx, inv);
  std::vector<Line> lines;
  Money total;
  if (amount) {
    total = *amount;
    if (total.is_positive()) lines = split_amount(own, total);
  } else {
    lines = credited_lines(specs, own, invoice, cur);
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
  d.attrs = attrs;
  d.attrs["credit_for"] = invoice;
  auto created = post_note(tx, std::move(d), std::move(lines), reason);
  tx.apply(created.document.id, invoice, total, date, "credit_note");
  created.document = tx.document(created.document.id);
  return created;
}

Invoicing::Rebill Invoicing::rebill(Tx& tx, const RebillInput& r) {
  if (r.reason.empty()) fail_usage("a rebill needs a --reason");
  if (r.total && !r.lines.empty())
    fail_usage("give the replacement's lines or its total, not both");
  const auto orig = require_kind(tx, r.id, {DocKind::kInvoice});
  if (orig.status == DocStatus::kVoid) fail_conflict("'" + r.id + "' is void");
  if (!r.total && !(orig.open == orig.amount))
    fail_conflict("'" + r.id + "' has " + (orig.amount - orig.open).str() +
                  " applied to it; unapply that before rebilling");
  if (r.total && (r.total->is_negative() || *r.total > orig.open))
    fail_conflict("a replacement of " + r.total->str() + " is not between 0 and the " +
                  orig.open.str() + " open on " + r.id);
  if (orig.links.count("rebilled_by"))
    fail_conflict("'" + r.id + "' was already rebilled as " + orig.links.at("rebilled_by"));
  Rebill out;
  out.credit_note = credit(tx, r.id, orig.open, {}, "rebill: " + r.reason, r.date, r.attrs);
  if (r.total && r.total->is_zero()) return out;

  InvoiceInput in;
  in.customer = orig.customer;
  in.date = r.date;
  in.due = r.due ? *r.due : orig.due;
  if (!r.due && orig.due < r.date) {
    // Past due already: the kernel wants a due date on or after the date, so
    // the replacement is dated as the original (or the day after the period
    // lock) to stay exactly as overdue; failing that, due on the rebill date.
    in.date = orig.issued;
    if (const auto lock = tx.lock_date(); lock && in.date <= *lock)
      in.date = *lock + std::chrono::days(1);
    if (in.date > orig.due) in.date = *in.due = r.date;
  }
  in.terms = orig.attrs.count("terms") ? orig.attrs.at("terms") : std::string();
  if (auto it = orig.attrs.find("discount_date"); it != orig.attrs.end())
    in.discount_date = parse_date(it->second);
  in.po = orig.ref;
  in.memo = r.reason;
  in.attrs = r.attrs;
  in.attrs["rebill_of"] = r.id;
  const auto cur = orig.amount.currency();
  const auto own = lines_of(tx, orig);
  std::vector<Line> lines;
  if (!r.lines.empty()) {
    lines = build_lines(r.lines, cur);
  } else {
    const auto total = r.total ? *r.total : orig.open;
    lines = split_amount(own, total);
    if (lines.empty()) lines = build_lines({{"Rebill of " + r.id, "1", total.str(), "", ""}}, cur);
  }
  out.replacement = post_invoice(tx, in, std::move(lines));
  tx.set_link(r.id, "rebilled_by", out.replacement.document.id);
  return out;
}

}  // namespace arctl::invoicing
