// Recording promises to pay and checking them against receipts.
#include "promises.hpp"

#include <algorithm>

#include "arctl/error.hpp"
#include "arctl/numbering.hpp"
#include "cases.hpp"

namespace arctl::disputes {

Promise Promises::add(const std::string& customer, const std::string& amount, Date date,
                      const std::string& invoice, const std::string& note, Date today) {
  const auto c = tx_.customer(customer);
  Promise p;
  p.customer = c.id;
  p.amount = Money::parse(amount, c.currency);
  if (!p.amount.is_positive()) fail_conflict("a promise must be for a positive amount");
  if (date < today)
    fail_conflict("a promise to pay by " + format_date(date) + " is already in the past on " +
                  format_date(today));
  if (!invoice.empty()) {
    const auto d = tx_.document(invoice);
    if (d.customer != c.id)
      fail_conflict("'" + invoice + "' belongs to '" + d.customer + "', not '" + c.id + "'");
    if (!is_debit(d.kind)) fail_conflict("'" + invoice + "' is not an invoice");
    if (p.amount > d.open)
      fail_conflict("a promise of " + p.amount.str() + " is more than the " + d.open.str() +
                    " open on " + invoice);
    p.invoice = d.id;
  }
  p.id = next_number(tx_, tx_.config_or("promise.series", "PTP-{YYYY}-{SEQ:05}"), today);
  if (store_.find_promise(p.id)) fail_conflict("promise id '" + p.id + "' is already taken");
  p.date = date;
  p.made = today;
  p.made_by = tx_.ledger().session().actor;
  p.note = note;
  p.paid = Money::zero(c.currency);
  store_.put_promise(p);
  Json j = row(p);
  tx_.emit(kPromiseAdded, std::move(j));
  return p;
}

Money Promises::paid(const Promise& p, Date until) {
  Money sum = Money::zero(p.amount.currency());
  const Date last = std::min(until, p.date);
  if (last < p.made) return sum;
  if (!p.invoice.empty()) {
    // Cash (and the discount taken with it) applied to the promised invoice
    // in the window; a credit note is not the customer paying.
    for (const auto& a : tx_.applications_of(p.invoice)) {
      if (!a.active() || a.to != p.invoice || a.date < p.made || a.date > last) continue;
      const auto from = tx_.document(a.from);
      if (from.kind == DocKind::kReceipt || from.kind == DocKind::kDiscount) sum += a.amount;
    }
    return sum;
  }
  // On account: every receipt received in the window that did not bounce.
  tx_.documents_of(p.customer, p.made, last, [&](const Document& d) {
    if (d.kind == DocKind::kReceipt && d.status != DocStatus::kVoid &&
        !d.links.count("returned_by"))
      sum += d.amount;
    return true;
  });
  return sum;
}

std::string Promises::on_broken(const Promise& p, Date as_of) {
  const auto mode = tx_.config_or("disputes.on_broken_promise", "escalate");
  if (mode == "none") return "";
  if (mode != "escalate" && mode != "open")
    fail(ErrorKind::kConflict, "config disputes.on_broken_promise must be escalate, open or none",
         {"", 0, "disputes.on_broken_promise"});
  Cases cases(tx_, handle_);
  std::optional<Case> existing;
  for (const auto& c : store_.unresolved(std::string_view(p.customer)))
    if (c.status == "open" && (p.invoice.empty() || c.invoice == p.invoice)) {
      existing = c;
      break;
    }
  if (existing && mode == "escalate") {
    if (!cases.ladder().next(existing->level)) {
      cases.note(existing->id, "promise " + p.id + " broken (already at the top of the ladder)",
                 as_of);
      return "noted " + existing->id;
    }
    cases.escalate(existing->id, "", "promise " + p.id + " broken", "", as_of);
    return "escalated " + existing->id;
  }
  if (existing) {
    cases.note(existing->id, "promise " + p.id + " broken", as_of);
    return "noted " + existing->id;
  }
  // A collection case: the unpaid part stays collectible (it is not disputed).
  Money unpaid = p.amount - p.paid;
  OpenInput in;
  in.kind = "collection";
  in.reason = "broken-promise";
  in.customer = p.customer;
  in.invoice = p.invoice;
  if (!p.invoice.empty()) unpaid = std::min(unpaid, tx_.document(p.invoice).open);
  if (!unpaid.is_positive()) return "";
  in.amount = unpaid.str();
  in.date = as_of;
  in.source = "promise.broken";
  in.source_ref = p.id;
  in.note = "promise " + p.id + " of " + p.amount.str() + " by " + format_date(p.date) +
            " broken; " + p.paid.str() + " paid";
  return "opened " + cases.open(in).id;
}

std::vector<Checked> Promises::check(Date as_of) {
  std::vector<Promise> open;
  store_.for_each_promise([&](const Promise& p) {
    if (p.status == "open") open.push_back(p);
    return true;
  });
  std::vector<Checked> out;
  for (auto& p : open) {
    p.paid = paid(p, as_of);
    if (p.paid >= p.amount) {
      p.status = "kept";
    } else if (as_of > p.date) {
      p.status = "broken";
    } else {
      out.push_back({p, ""});
      continue;
    }
    p.checked = as_of;
    store_.put_promise(p);
    Json j;
    j["id"] = p.id;
    j["customer"] = p.customer;
    j["invoice"] = p.invoice;
    j["amount"] = p.amount.str();
    j["currency"] = std::string(p.amount.currency().code());
    j["date"] = format_date(p.date);
    j["paid"] = p.paid.str();
    j["checked"] = format_date(as_of);
    tx_.emit(p.status == "kept" ? kPromiseKept : kPromiseBroken, std::move(j));
    out.push_back({p, p.status == "broken" ? on_broken(p, as_of) : ""});
  }
  return out;
}

Json Promises::row(const Promise& p) {
  Json j;
  j["id"] = p.id;
  j["status"] = p.status;
  j["customer"] = p.customer;
  j["invoice"] = p.invoice;
  j["amount"] = p.amount.str();
  j["currency"] = std::string(p.amount.currency().code());
  j["date"] = format_date(p.date);
  j["made"] = format_date(p.made);
  j["made_by"] = p.made_by;
  j["paid"] = p.paid.str();
  j["checked"] = p.status == "open" ? "" : format_date(p.checked);
  j["note"] = p.note;
  return j;
}

}  // namespace arctl::disputes
