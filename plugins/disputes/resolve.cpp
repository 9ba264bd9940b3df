// Resolving a case: a credit note, a rebill, back to collectible, or a
// write-off proposal; documents go through the kernel as invoicing posts them.
// Also the changes that payments make to a case: lowered, paid, cancelled.
#include <algorithm>

#include "arctl/error.hpp"
#include "arctl/numbering.hpp"
#include "arctl/terms.hpp"
#include "cases.hpp"
#include "writeoffs.hpp"

namespace arctl::disputes {
namespace {

// A credit note as `invoice credit` issues it, applied to the invoice at once,
// with the event invoicing publishes so that other plugins (GL) see it.
std::string post_credit(Tx& tx, const Document& inv, const Money& amount, const Case& c,
                        const std::string& reason, Date date) {
  Document d;
  d.id = next_number(tx, tx.config_or("credit_note.series", "CN-{YYYY}-{SEQ:06}"), date);
  d.kind = DocKind::kCreditNote;
  d.customer = inv.customer;
  d.issued = d.due = date;
  d.amount = amount;
  d.memo = "dispute " + c.id + ": " + reason;
  d.attrs["credit_for"] = inv.id;
  d.attrs["dispute"] = c.id;
  tx.post(d);
  Json p;
  p["id"] = d.id;
  p["customer"] = d.customer;
  p["total"] = amount.str();
  p["currency"] = std::string(amount.currency().code());
  p["reason"] = d.memo;
  p["credit_for"] = inv.id;
  p["dispute"] = c.id;
  tx.emit("credit_note.posted", std::move(p));
  tx.apply(d.id, inv.id, amount, date, "credit_note");
  return d.id;
}

// The replacement invoice of a rebill: due by the original's terms (else the
// customer's) counted from the rebill date.
std::string post_replacement(Tx& tx, const Document& orig, const Money& amount, const Case& c,
                             Date date) {
  const auto customer = tx.customer(orig.customer);
  const auto t = orig.attrs.count("terms") ? orig.attrs.at("terms") : customer.terms;
  const auto terms = Terms::parse(t);
  Document d;
  d.id = next_number(tx, tx.config_or("invoice.series", "INV-{YYYY}-{SEQ:06}"), date);
  d.kind = DocKind::kInvoice;
  d.customer = orig.customer;
  d.issued = date;
  d.due = terms.due_date(date);
  d.amount = amount;
  d.ref = orig.ref;
  d.memo = "Rebill of " + orig.id + " after dispute " + c.id;
  d.attrs["terms"] = terms.text();
  d.attrs["rebill_of"] = orig.id;
  d.attrs["dispute"] = c.id;
  tx.post(d);
  Json p;
  p["id"] = d.id;
  p["customer"] = d.customer;
  p["total"] = amount.str();
  p["currency"] = std::string(amount.currency().code());
  p["rebill_of"] = orig.id;
  p["dispute"] = c.id;
  tx.emit("invoice.posted", std::move(p));
  tx.set_link(orig.id, "rebilled_by", d.id);
  return d.id;
}

}  // namespace

Resolution Cases::resolve(const std::string& id, const std::string& outcome,
                          const std::optional<std::string>& amount, const std::string& note,
                          Date date) {
  if (note.empty()) fail_usage("resolving needs a --note");
  auto c = store_.get_case(id);
  if (c.status == "resolved") fail_conflict("'" + id + "' is already resolved (" + c.outcome + ")");
  if (c.status == "pending")
    fail_conflict("'" + id + "' is waiting for write-off " + c.documents.back() +
                  "; approve or reject that first");
  const auto cur = c.amount.currency();
  Money x = amount ? Money::parse(*amount, cur) : c.amount;
  if (outcome == "customer-pays") {
    if (amount)
      fail_usage("customer-pays takes no --amount: the whole case returns to collectible");
    x = Money::zero(cur);
  } else {
    if (c.invoice.empty()) fail_conflict("'" + id + "' has no invoice to " + outcome);
    if (!x.is_positive()) fail_conflict("--amount must be positive");
    if (x > c.amount)
      fail_conflict("--amount " + x.str() + " is more than the " + c.amount.str() + " in dispute");
  }
  Resolution r;
  std::optional<Document> inv;
  if (!c.invoice.empty()) inv = tx_.document(c.invoice);
  if (inv && outcome != "customer-pays") {
    if (x > inv->open)
      fail_conflict("'" + inv->id + "' has only " + inv->open.str() + " open; " + x.str() +
                    " cannot be resolved against it");
    if (date < inv->issued)
      fail_conflict("a resolution dated " + format_date(date) + " cannot precede " + inv->id);
  }
  if (outcome == "credit") {
    r.credit_note = post_credit(tx_, *inv, x, c, note, date);
    c.documents.push_back(r.credit_note);
  } else if (outcome == "rebill") {
    // The original is credited in full and replaced by an invoice for what is
    // still owed: its open balance less the agreed reduction `x`.
    for (const auto& other :
         store_.unresolved(std::string_view(c.customer), std::string_view(c.invoice)))
      if (other.id != c.id)
        fail_conflict("'" + c.invoice + "' also has case " + other.id +
                      " open; resolve it before rebilling");
    const Money rest = inv->open - x;
    r.credit_note = post_credit(tx_, *inv, inv->open, c, note, date);
    c.documents.push_back(r.credit_note);
    if (rest.is_positive()) {
      r.replacement = post_replacement(tx_, *inv, rest, c, date);
      c.documents.push_back(r.replacement);
    }
  } else if (outcome == "write-off") {
    const auto p = Writeoffs(tx_, handle_).propose(c.invoice, x.str(), note, c.id, date);
    r.proposal = p.id;
    c.documents.push_back(p.id);
    c.status = "pending";
    save(c, "write-off proposed", "", p.id, x.str(), note, date);
    r.the_case = c;
    return r;
  } else if (outcome != "customer-pays") {
    fail_usage("--outcome must be credit, rebill, customer-pays or write-off");
  }
  r.the_case = close(std::move(c), outcome, x, note, date,
                     Json{{"credit_note", r.credit_note}, {"replacement", r.replacement}});
  return r;
}

void Cases::writeoff_finished(const std::string& id, const Proposal& prop, Date date) {
  auto c = store_.get_case(id);
  if (c.status != "pending") return;
  if (prop.status == "rejected") {
    // Back to where it was: still disputed, on the same level.
    c.status = "open";
    save(c, "write-off rejected", prop.id, "", prop.amount.str(), prop.reject_reason, date);
    return;
  }
  c.status = "resolved";
  c.outcome = "write-off";
  c.resolved = date;
  c.resolved_amount = prop.amount;
  c.documents.push_back(prop.document);
  save(c, "resolved", "", "write-off", prop.amount.str(), "write-off " + prop.document, date);
  Json p = base_payload(c);
  p["outcome"] = "write-off";
  p["amount"] = prop.amount.str();
  p["disputed"] = c.amount.str();
  p["currency"] = std::string(c.amount.currency().code());
  p["write_off"] = prop.document;
  p["proposal"] = prop.id;
  p["date"] = format_date(date);
  tx_.emit(kResolved, std::move(p));
}

Case Cases::reduce(Case c, const Money& to, const std::string& note, Date date) {
  if (c.status != "open" || !to.is_positive() || to >= c.amount)
    fail(ErrorKind::kError,
         "case " + c.id + " cannot be reduced from " + c.amount.str() + " to " + to.str());
  const auto from = c.amount;
  c.amount = to;
  save(c, "reduced", from.str(), to.str(), to.str(), note, date);
  Json p = base_payload(c);
  p["from"] = from.str();
  p["to"] = to.str();
  p["currency"] = std::string(to.currency().code());
  p["date"] = format_date(date);
  p["note"] = note;
  tx_.emit(kReduced, std::move(p));
  return c;
}

Case Cases::close(Case c, const std::string& outcome, const Money& amount, const std::string& note,
                  Date date, const Json& extra) {
  if (c.status != "open")
    fail(ErrorKind::kError,
         "case " + c.id + " is " + c.status + ", not open; it cannot be " + outcome);
  c.status = "resolved";
  c.outcome = outcome;
  c.resolved = date;
  c.resolved_amount = amount;
  save(c, "resolved", "", outcome, amount.str(), note, date);
  Json p = base_payload(c);
  p["outcome"] = outcome;
  p["amount"] = amount.str();
  p["disputed"] = c.amount.str();
  p["currency"] = std::string(c.amount.currency().code());
  p["date"] = format_date(date);
  p["note"] = note;
  for (const auto& [k, v] : extra.items())
    p[k] = v;
  tx_.emit(kResolved, std::move(p));
  return c;
}

}  // namespace arctl::disputes
