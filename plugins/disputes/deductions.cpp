// Deduction cases: opened by a short payment, lowered and closed by later
// applications to their invoice, cancelled with the receipt that caused them.
#include "deductions.hpp"

#include <algorithm>
#include <set>

#include "arctl/error.hpp"
#include "cases.hpp"

namespace arctl::disputes {
namespace {

const PluginHandle& need(const PluginHandle* h) {
  if (!h) fail(ErrorKind::kError, "the disputes plugin was used before it was initialised");
  return *h;
}

bool is_deduction(const Case& c) {
  return c.kind == "dispute" && c.reason == "deduction";
}

}  // namespace

void subscribe_deductions(EventBus& bus, const PluginHandle* const& handle) {
  bus.on<events::PaymentShort>(
      "disputes", [&handle](Tx& tx, const events::PaymentShort& e, const JournalEntry&) {
        on_payment_short(tx, need(handle), e);
      });
  // Applications of any kind (a receipt, a credit note, a discount, a manual
  // application) count, so the kernel's event and not the payments plugin's.
  // Their reversal (application.reversed: unapply, a returned payment) is not
  // subscribed on purpose: a deduction closed as `paid` stays closed when the
  // invoice reopens, because what the customer owes again is ordinary debt,
  // not the shortfall they once disputed.
  bus.on<events::ApplicationMade>(
      "disputes", [&handle](Tx& tx, const events::ApplicationMade& e, const JournalEntry&) {
        on_application_made(tx, need(handle), e);
      });
  bus.on<events::PaymentReversed>(
      "disputes", [&handle](Tx& tx, const events::PaymentReversed& e, const JournalEntry&) {
        on_receipt_withdrawn(tx, need(handle), e.customer, e.id, "reversed", e.reason, e.date);
      });
  bus.on<events::PaymentReassigned>(
      "disputes", [&handle](Tx& tx, const events::PaymentReassigned& e, const JournalEntry&) {
        on_receipt_withdrawn(tx, need(handle), e.from, e.id, "moved to customer " + e.to, e.reason,
                             e.date);
      });
}

void on_payment_short(Tx& tx, const PluginHandle& handle, const events::PaymentShort& e) {
  const auto& invoice = e.invoice;
  const auto d = tx.document(invoice);
  const auto cur = d.amount.currency();
  const auto short_amount = Money(e.short_amount.minor(), cur);
  const auto date = e.date;
  const auto& receipt = e.receipt;
  if (!short_amount.is_positive()) return;
  Cases cases(tx, handle);
  const Money free = d.open - cases.disputed(d);
  const Money take = std::min(short_amount, free);
  if (take < short_amount) {
    // The customer withheld what is already in dispute: say so on that case.
    for (const auto& c : cases.store().unresolved(std::string_view(d.customer), invoice))
      if (c.kind == "dispute") {
        cases.note(c.id, "payment " + receipt + " left " + short_amount.str() + " short", date);
        break;
      }
  }
  if (!take.is_positive()) return;
  OpenInput in;
  in.invoice = invoice;
  in.amount = take.str();
  in.reason = "deduction";
  in.date = std::max(date, d.issued);
  in.source = std::string(events::PaymentShort::kName);
  in.source_ref = receipt;
  in.note = "short payment " + receipt + ": " + short_amount.str() + " " + std::string(cur.code()) +
            " deducted";
  cases.open(in);
}

void on_application_made(Tx& tx, const PluginHandle& handle, const events::ApplicationMade& e) {
  const auto& invoice = e.application.to;
  // The case is the invoice's customer's: a parent's receipt may pay a
  // child's invoice (group accounts), and e.customer is the receipt's.
  const auto d = tx.document(invoice);
  Cases cases(tx, handle);
  auto unresolved =
      cases.store().unresolved(std::string_view(d.customer), std::string_view(invoice));
  const auto open_deduction = [](const Case& c) { return is_deduction(c) && c.status == "open"; };
  if (std::none_of(unresolved.begin(), unresolved.end(), open_deduction)) return;

  const auto credit = tx.document(e.application.from);
  // A credit note or write-off that resolves a case is written by that
  // case's own resolution, which closes it next: it is not a payment on it.
  const auto own_it = credit.attrs.find("dispute");
  const std::string own = own_it == credit.attrs.end() ? "" : own_it->second;
  const auto date = e.application.date;

  Money disputed = Money::zero(d.amount.currency());
  std::vector<Case> lowerable;
  for (auto& c : unresolved) {
    if (c.kind != "dispute" || c.id == own) continue;
    disputed += c.amount;
    if (open_deduction(c)) lowerable.push_back(std::move(c));
  }
  // The newest deduction gives way first: older shortfalls were disputed
  // before the later payments arrived.
  std::sort(lowerable.begin(), lowerable.end(), [](const Case& a, const Case& b) {
    return a.opened != b.opened ? a.opened > b.opened : a.id > b.id;
  });
  Money excess = disputed - d.open;
  const auto by = std::string(to_string(credit.kind)) + " " + credit.id;
  for (auto& c : lowerable) {
    if (!excess.is_positive()) break;
    const Money cut = std::min(excess, c.amount);
    const Money left = c.amount - cut;
    excess -= cut;
    const auto when = std::max(date, c.opened);
    if (left.is_positive()) {
      cases.reduce(c, left,
                   by + " paid " + e.application.amount.str() + " on " + invoice + "; " +
                       d.open.str() + " is still open",
                   when);
      continue;
    }
    const auto note = d.open.is_zero() ? invoice + " paid in full by " + by
                                       : by + " paid the deducted amount; what is open on " +
                                             invoice + " is under other disputes";
    cases.close(c, "paid", c.amount, note, when,
                Json{{"paid_by", credit.id}, {"application", e.application.id}});
  }
}

void on_receipt_withdrawn(Tx& tx, const PluginHandle& handle, const std::string& customer,
                          const std::string& receipt, const std::string& what,
                          const std::string& reason, Date date) {
  if (customer.empty() || receipt.empty()) return;
  // The cases it caused are its own customer's and, for a parent's receipt
  // that paid a child's invoice short (group accounts), that child's.
  std::set<std::string> customers{customer};
  for (const auto& app : tx.applications_of(receipt))
    if (app.from == receipt) customers.insert(tx.document(app.to).customer);
  Cases cases(tx, handle);
  std::vector<Case> caused;
  for (const auto& who : customers)
    for (auto& c : cases.store().unresolved(std::string_view(who)))
      caused.push_back(std::move(c));
  for (auto& c : caused) {
    if (!is_deduction(c) || c.source != events::PaymentShort::kName || c.source_ref != receipt)
      continue;
    const auto note = "receipt " + receipt + " was " + what +
                      (reason.empty() ? "" : " (" + reason + ")") +
                      ": the shortfall it recorded never happened";
    const auto when = std::max(date, c.opened);
    if (c.status != "open") {
      // A write-off awaits approval: its approver decides, knowing this.
      cases.note(c.id, note, when);
      continue;
    }
    cases.close(c, "cancelled", Money::zero(c.amount.currency()), note, when,
                Json{{"receipt", receipt}});
  }
}

}  // namespace arctl::disputes
