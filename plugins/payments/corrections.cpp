// Corrections to cash already recorded: a receipt moved to the customer who
// really paid, a mis-keyed receipt cancelled, and manual application dates
// that are honoured exactly or refused, never silently moved. Only an implied
// date (none typed) moves out of a locked period, to Tx::posting_date.
#include "arctl/error.hpp"
#include "payments.hpp"

namespace arctl::payments {
namespace {

[[noreturn]] void bad_date(Date date, const std::string& what, Date floor) {
  fail(ErrorKind::kConflict,
       format_date(date) + " is before " + what + " dated " + format_date(floor) +
           "; choose a date on or after it",
       {"", 0, "--date"});
}

// The date of a correction that must not precede `floor` (the receipt, or the
// latest of the applications it reverses).
Date correction_date(Tx& tx, std::optional<Date> date, Date today, Date floor,
                     const std::string& what) {
  if (!date) return tx.posting_date(std::max(today, floor));
  if (*date < floor) bad_date(*date, what, floor);
  return *date;
}

// A receipt that a person may still correct, with its active applications.
struct Correctable {
  Document receipt;
  std::vector<Application> active;
  Date floor{};  // nothing may be dated before this
  std::string floor_what;
};

Correctable correctable(Tx& tx, const std::string& id) {
  Correctable c{tx.document(id), {}, {}, {}};
  const auto& r = c.receipt;
  if (r.kind != DocKind::kReceipt) fail_conflict("'" + id + "' is not a receipt");
  if (r.status == DocStatus::kVoid) fail_conflict("'" + id + "' is void (reversed)");
  if (r.links.count("returned_by"))
    fail_conflict("'" + id + "' was returned (" + r.links.at("returned_by") +
                  "); a returned payment is not corrected this way");
  c.floor = r.issued;
  c.floor_what = "receipt '" + id + "'";
  for (const auto& a : tx.applications_of(id)) {
    if (!a.active() || a.from != id) continue;
    // Reversing a refund would make the customer owe money already paid back.
    if (tx.document(a.to).kind == DocKind::kRefund)
      fail_conflict("'" + id + "' was partly refunded (" + a.to +
                    "); a refunded receipt cannot be moved or cancelled");
    if (a.date > c.floor) {
      c.floor = a.date;
      c.floor_what = "its application " + std::to_string(a.id) + " to '" + a.to + "'";
    }
    c.active.push_back(a);
  }
  return c;
}

std::vector<std::string> reverse_all(Tx& tx, const Correctable& c, Date date,
                                     const std::string& why) {
  std::vector<std::string> reopened;
  for (const auto& a : c.active) {
    reverse_receipt_application(tx, a, date, why);
    if (std::find(reopened.begin(), reopened.end(), a.to) == reopened.end())
      reopened.push_back(a.to);
  }
  return reopened;
}

// A post-dated cheque not yet banked has no document: it waits in the held table.
std::optional<ReceiptInput> held_cheque(Tx& tx, Payments& p, const std::string& id) {
  if (!p.held_table(tx).get(id)) return std::nullopt;
  for (auto& [held_id, in] : p.held(tx))
    if (held_id == id) return std::move(in);
  return std::nullopt;
}

}  // namespace

Application reverse_receipt_application(Tx& tx, const Application& a, Date date,
                                        const std::string& why) {
  auto reversal = tx.reverse(a.id, date, why);
  for (const auto& e : tx.applications_of(a.to)) {
    if (!e.active() || e.to != a.to) continue;
    const auto doc = tx.document(e.from);
    if (doc.kind != DocKind::kDiscount && doc.kind != DocKind::kWriteOff) continue;
    const auto by = doc.attrs.find("receipt");
    if (by == doc.attrs.end() || by->second != a.from) continue;
    tx.reverse(e.id, std::max(date, e.date), why);
    tx.void_document(doc.id, why, std::max(date, e.date));
  }
  return reversal;
}

Payments::Corrected Payments::reassign(Tx& tx, const std::string& id, const std::string& customer,
                                       const std::string& reason, std::optional<Date> date,
                                       Date today) {
  if (reason.empty()) fail_usage("moving a receipt needs a --reason");
  const auto to = tx.customer(customer);
  Corrected out;
  out.id = id;
  out.customer = to.id;
  if (auto h = held_cheque(tx, *this, id)) {
    if (h->customer == to.id) fail_conflict("'" + id + "' already belongs to '" + to.id + "'");
    const auto cur = currency_of(tx, id);
    if (!(cur == to.currency))
      fail_conflict("post-dated cheque '" + id + "' is in " + std::string(cur.code()) +
                    " but customer '" + to.id + "' is billed in " +
                    std::string(to.currency.code()));
    out.from = h->customer;
    out.amount = Money::parse(h->amount, cur);
    out.date = date.value_or(today);
    h->customer = to.id;
    hold_again(tx, id, *h);
  } else {
    auto c = correctable(tx, id);
    if (c.receipt.customer == to.id)
      fail_conflict("'" + id + "' already belongs to '" + to.id + "'");
    out.from = c.receipt.customer;
    out.amount = c.receipt.amount;
    out.date = correction_date(tx, date, today, c.floor, c.floor_what);
    out.reopened = reverse_all(tx, c, out.date, "reassigned: " + reason);
    if (out.from.empty())
      tx.assign_customer(id, to.id);
    else
      tx.reassign_receipt(id, to.id);
  }
  tx.publish(events::PaymentReassigned{id, out.amount, reason, out.date, out.reopened, out.from,
                                       out.customer});
  return out;
}

Payments::Corrected Payments::reverse(Tx& tx, const std::string& id, const std::string& reason,
                                      std::optional<Date> date, Date today) {
  if (reason.empty()) fail_usage("reversing a receipt needs a --reason");
  Corrected out;
  out.id = id;
  if (auto h = held_cheque(tx, *this, id)) {
    out.customer = h->customer;
    out.amount = Money::parse(h->amount, currency_of(tx, id));
    out.date = date.value_or(today);
    held_table(tx).del(id);
  } else {
    auto c = correctable(tx, id);
    out.customer = c.receipt.customer;
    out.amount = c.receipt.amount;
    out.date = correction_date(tx, date, today, c.floor, c.floor_what);
    out.reopened = reverse_all(tx, c, out.date, "reversed: " + reason);
    tx.void_document(id, reason, out.date);
  }
  tx.publish(events::PaymentReversed{id, out.amount, reason, out.date, out.reopened, out.customer});
  return out;
}

Application Payments::apply_dated(Tx& tx, const std::string& receipt, const std::string& invoice,
                                  std::optional<Money> amount, std::optional<Date> date,
                                  Date today) {
  const auto r = tx.document(receipt);
  const auto inv = tx.document(invoice);
  if (date)
    for (const auto* d : {&r, &inv})
      if (*date < d->issued)
        bad_date(*date, std::string(to_string(d->kind)) + " '" + d->id + "'", d->issued);
  const Money how_much = amount ? *amount : std::min(r.open, inv.open);
  return apply(tx, Known{receipt, r.customer, r.issued, invoice, inv.issued}, how_much,
               date ? *date : tx.posting_date(today), "manual");
}

std::vector<Application> Payments::unapply_dated(Tx& tx, const std::string& receipt,
                                                 const std::string& invoice,
                                                 std::optional<Date> date, Date today) {
  if (date)
    for (const auto& a : tx.applications_of(receipt))
      if (a.active() && a.from == receipt && (invoice.empty() || a.to == invoice) && *date < a.date)
        bad_date(*date,
                 "application " + std::to_string(a.id) + " of '" + receipt + "' to '" + a.to + "'",
                 a.date);
  return unapply(tx, receipt, invoice, date ? *date : tx.posting_date(today));
}

}  // namespace arctl::payments
