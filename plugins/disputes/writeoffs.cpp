// Write-off proposals, approvals, rejections and the posting they lead to.
#include "writeoffs.hpp"

#include <algorithm>
#include <chrono>

#include "arctl/error.hpp"
#include "arctl/numbering.hpp"
#include "cases.hpp"

namespace arctl::disputes {

namespace {

Money limit_from(Tx& tx, std::string_view key, std::string_view fallback,
                 const Currency& currency) {
  const auto text = tx.config_or(key, fallback);
  try {
    return Money::parse(text, currency);
  } catch (const Error& e) {
    fail(ErrorKind::kConflict, e.what(), {"", 0, std::string(key)});
  }
}

bool same_month(Date a, Date b) {
  const std::chrono::year_month_day x{a}, y{b};
  return x.year() == y.year() && x.month() == y.month();
}

}  // namespace

Money Writeoffs::limit(const Currency& currency) {
  return limit_from(tx_, "writeoff.approval_limit", "1000.00", currency);
}

Money Writeoffs::period_limit(const Currency& currency) {
  return limit_from(tx_, "writeoff.approval_limit_period", "5000.00", currency);
}

std::uint32_t Writeoffs::approvals_needed(const Proposal& p) {
  // Split write-offs count together, so splitting does not avoid the second
  // approver: per invoice, and per customer and month.
  const auto cur = p.amount.currency();
  Money invoice = p.amount, period = p.amount;
  store_.for_each_proposal([&](const Proposal& o) {
    if (o.id == p.id || o.status == "rejected" || !(o.amount.currency() == cur)) return true;
    if (o.invoice == p.invoice) invoice += o.amount;
    if (o.customer == p.customer && same_month(o.proposed, p.proposed)) period += o.amount;
    return true;
  });
  return invoice > limit(cur) || period > period_limit(cur) ? 2 : 1;
}

Proposal Writeoffs::get(const std::string& id) {
  auto p = store_.find_proposal(id);
  if (!p) fail_not_found("no write-off proposal '" + id + "'");
  return std::move(*p);
}

Proposal Writeoffs::propose(const std::string& invoice, const std::optional<std::string>& amount,
                            const std::string& reason, const std::string& dispute, Date date) {
  if (reason.empty()) fail_usage("a write-off needs a --reason");
  const auto d = tx_.document(invoice);
  if (!is_debit(d.kind) || d.kind == DocKind::kPaymentReturn || d.kind == DocKind::kRefund)
    fail_conflict("'" + d.id + "' is a " + to_string(d.kind) +
                  "; only invoices and debit notes are written off");
  const auto cur = d.amount.currency();
  // Pending proposals on the same invoice already claim part of its balance.
  Money claimed = Money::zero(cur);
  store_.for_each_proposal([&](const Proposal& o) {
    if (o.invoice == d.id && o.status == "pending") claimed += o.amount;
    return true;
  });
  const Money free = d.open - claimed;
  Proposal p;
  p.amount = amount ? Money::parse(*amount, cur) : free;
  if (!p.amount.is_positive())
    fail_conflict(amount ? "a write-off must be for a positive amount"
                         : "'" + d.id + "' has nothing open left to write off");
  if (p.amount > free)
    fail_conflict("write-off of " + p.amount.str() + " is more than the " + free.str() +
                  " open on " + d.id +
                  (claimed.is_zero() ? "" : " after pending proposals of " + claimed.str()));
  p.id = next_number(tx_, tx_.config_or("writeoff.proposal_series", "WOP-{YYYY}-{SEQ:05}"), date);
  p.invoice = d.id;
  p.customer = d.customer;
  p.reason = reason;
  p.dispute = dispute;
  p.proposed_by = actor_of(tx_);
  p.proposed = date;
  p.required = approvals_needed(p);
  store_.put_proposal(p);
  tx_.publish(events::WriteoffProposed{p.id, p.invoice, p.customer, p.amount, reason, dispute,
                                       p.proposed_by, p.required, date});
  return p;
}

Proposal Writeoffs::approve(const std::string& id, Date date, const std::string& login) {
  auto p = get(id);
  if (p.status != "pending") fail_conflict("'" + id + "' is already " + p.status);
  const auto actor = actor_of(tx_);
  if (actor == p.proposed_by)
    fail_conflict("'" + actor + "' proposed " + id + " and cannot also approve it");
  for (const auto& a : p.approvals)
    if (a.actor == actor) fail_conflict("'" + actor + "' has already approved " + id);
  const auto must = tx_.config_or("writeoff.approver_must_be_login", "false");
  if (must != "true" && must != "false")
    fail(ErrorKind::kConflict, "must be true or false, not '" + must + "'",
         {"", 0, "writeoff.approver_must_be_login"});
  if (must == "true" && actor != login)
    fail_conflict("the approver '" + actor + "' is not the login '" + login +
                  "' running the approval (writeoff.approver_must_be_login=true)");
  // Other write-offs of the invoice or the customer may have come since the
  // proposal: the approval needs what the totals need now.
  p.required = std::max(p.required, approvals_needed(p));
  p.approvals.push_back({actor, date, login});
  tx_.publish(events::WriteoffApproved{p.id, p.invoice, p.customer, p.amount, actor, login,
                                       p.approvals.size(), p.required, date});
  if (p.approvals.size() >= p.required) post(p, date);
  store_.put_proposal(p);
  if (p.status == "posted" && !p.dispute.empty())
    Cases(tx_, handle_).writeoff_finished(p.dispute, p, date);
  return p;
}

void Writeoffs::post(Proposal& p, Date date) {
  const auto inv = tx_.document(p.invoice);
  if (p.amount > inv.open)
    fail_conflict("'" + p.invoice + "' has only " + inv.open.str() + " open now; the " +
                  p.amount.str() + " write-off " + p.id +
                  " no longer fits (reject it and propose "
                  "again)");
  if (date < inv.issued)
    fail_conflict("a write-off dated " + format_date(date) + " cannot precede " + p.invoice);
  Document d;
  d.id = next_number(tx_, tx_.config_or("writeoff.series", "WO-{YYYY}-{SEQ:06}"), date);
  d.kind = DocKind::kWriteOff;
  d.customer = p.customer;
  d.issued = d.due = date;
  d.amount = p.amount;
  d.memo = p.reason;
  d.attrs["write_off_for"] = p.invoice;
  d.attrs["proposal"] = p.id;
  if (!p.dispute.empty()) d.attrs["dispute"] = p.dispute;
  tx_.post(d);
  tx_.apply(d.id, p.invoice, p.amount, date, "write_off");
  p.status = "posted";
  p.document = d.id;
  p.closed = date;
  std::vector<std::string> approvers, logins;
  for (const auto& a : p.approvals) {
    approvers.push_back(a.actor);
    logins.push_back(a.login);
  }
  tx_.publish(events::WriteoffPosted{p.id, p.invoice, p.customer, p.amount, d.id, p.proposed_by,
                                     approvers, logins, p.dispute, date});
}

Proposal Writeoffs::reject(const std::string& id, const std::string& reason, Date date) {
  if (reason.empty()) fail_usage("a rejection needs a --reason");
  auto p = get(id);
  if (p.status != "pending") fail_conflict("'" + id + "' is already " + p.status);
  p.status = "rejected";
  p.rejected_by = actor_of(tx_);
  p.reject_reason = reason;
  p.closed = date;
  store_.put_proposal(p);
  tx_.publish(events::WriteoffRejected{p.id, p.invoice, p.customer, p.amount, p.rejected_by, reason,
                                       p.dispute, date});
  if (!p.dispute.empty()) Cases(tx_, handle_).writeoff_finished(p.dispute, p, date);
  return p;
}

Json Writeoffs::row(const Proposal& p) {
  Json j;
  j["id"] = p.id;
  j["status"] = p.status;
  j["invoice"] = p.invoice;
  j["customer"] = p.customer;
  put_money(j, "amount", p.amount);
  j["reason"] = p.reason;
  j["dispute"] = p.dispute;
  j["proposed_by"] = p.proposed_by;
  j["proposed"] = format_date(p.proposed);
  j["approvals_required"] = p.required;
  j["approvals"] = p.approvals.size();
  std::string by, logins;
  for (const auto& a : p.approvals) {
    by += (by.empty() ? "" : ",") + a.actor;
    logins += (logins.empty() ? "" : ",") + a.login;
  }
  j["approved_by"] = by;
  j["document"] = p.document;
  j["rejected_by"] = p.rejected_by;
  j["reject_reason"] = p.reject_reason;
  j["closed"] = p.status == "pending" ? "" : format_date(p.closed);
  // Last, so that the columns before it keep their places.
  j["approver_logins"] = logins;
  return j;
}

}  // namespace arctl::disputes
