// Resolving a case: a credit note, a rebill, back to collectible, or a
// write-off proposal; credit notes and rebills are issued by the invoicing
// service, so they are invoicing's own documents.
// Also the changes that payments make to a case: lowered, paid, cancelled.
#include <algorithm>

#include "arctl/error.hpp"
#include "arctl/invoicing_service.hpp"
#include "cases.hpp"
#include "writeoffs.hpp"

namespace arctl::disputes {
namespace {

InvoicingService& need(InvoicingService* invoicing, const std::string& outcome) {
  if (!invoicing)
    fail(ErrorKind::kError, "resolving with " + outcome +
                                " issues invoicing's documents, and the "
                                "invoicing plugin is not loaded");
  return *invoicing;
}

}  // namespace

Resolution Cases::resolve(const std::string& id, const std::string& outcome,
                          const std::optional<std::string>& amount, const std::string& note,
                          Date date, InvoicingService* invoicing, std::optional<Date> due) {
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
  if (due && outcome != "rebill") fail_usage("--due goes with --outcome rebill");
  const Attrs attrs{{"dispute", c.id}};
  if (outcome == "credit") {
    r.credit_note = need(invoicing, outcome)
                        .credit(tx_, {inv->id, x, "dispute " + c.id + ": " + note, date, attrs});
    c.documents.push_back(r.credit_note);
  } else if (outcome == "rebill") {
    // The original is credited in full and replaced by an invoice for what is
    // still owed: its open balance less the agreed reduction `x`.
    for (const auto& other :
         store_.unresolved(std::string_view(c.customer), std::string_view(c.invoice)))
      if (other.id != c.id)
        fail_conflict("'" + c.invoice + "' also has case " + other.id +
                      " open; resolve it before rebilling");
    const auto rebill = need(invoicing, outcome)
                            .rebill(tx_, {inv->id, inv->open - x, "dispute " + c.id + ": " + note,
                                          date, due, attrs});
    r.credit_note = rebill.credit_note;
    r.replacement = rebill.replacement;
    c.documents.push_back(r.credit_note);
    if (!r.replacement.empty()) c.documents.push_back(r.replacement);
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
  put_money(p, "disputed", c.amount);
  p["write_off"] = prop.document;
  p["proposal"] = prop.id;
  p["date"] = format_date(date);
  tx_.publish(events::DisputeResolved{{std::move(p)}});
}

Case Cases::reduce(Case c, const Money& to, const std::string& note, Date date) {
  if (c.status != "open" || !to.is_positive() || to >= c.amount)
    fail(ErrorKind::kError,
         "case " + c.id + " cannot be reduced from " + c.amount.str() + " to " + to.str());
  const auto from = c.amount;
  c.amount = to;
  save(c, "reduced", from.str(), to.str(), to.str(), note, date);
  tx_.publish(events::DisputeReduced{c.id, c.customer, c.invoice, from, to, date, note});
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
  put_money(p, "disputed", c.amount);
  p["date"] = format_date(date);
  p["note"] = note;
  for (const auto& [k, v] : extra.items())
    p[k] = v;
  tx_.publish(events::DisputeResolved{{std::move(p)}});
  return c;
}

}  // namespace arctl::disputes
