// Deduction cases: opened by a short payment, lowered and closed by later
// applications to their invoice, cancelled with the receipt that caused them.
#include "deductions.hpp"

#include <algorithm>

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
  bus.subscribe(std::string(kPaymentShort), "disputes", [&handle](Tx& tx, const JournalEntry& e) {
    on_payment_short(tx, need(handle), e.payload);
  });
  // Applications of any kind (a receipt, a credit note, a discount, a manual
  // application) count, so the kernel's event and not the payments plugin's.
  // Their reversal (application.reversed: unapply, a returned payment) is not
  // subscribed on purpose: a deduction closed as `paid` stays closed when the
  // invoice reopens, because what the customer owes again is ordinary debt,
  // not the shortfall they once disputed.
  bus.subscribe(std::string(event::kApplicationMade), "disputes",
                [&handle](Tx& tx, const JournalEntry& e) {
                  on_application_made(tx, need(handle), e.payload);
                });
  bus.subscribe(std::string(kPaymentReversed), "disputes",
                [&handle](Tx& tx, const JournalEntry& e) {
                  on_receipt_withdrawn(tx, need(handle), e.payload.value("customer", ""),
                                       "reversed", e.payload);
                });
  bus.subscribe(std::string(kPaymentReassigned), "disputes",
                [&handle](Tx& tx, const JournalEntry& e) {
                  on_receipt_withdrawn(tx, need(handle), e.payload.value("from", ""),
                                       "moved to customer " + e.payload.value("to", ""), e.payload);
                });
}

void on_payment_short(Tx& tx, const PluginHandle& handle, const Json& payload) {
  const auto invoice = payload.value("invoice", std::string());
  const auto d = tx.document(invoice);
  const auto cur = d.amount.currency();
  const auto short_amount = Money::parse(payload.value("short", std::string("0")), cur);
  const auto date = parse_date(payload.value("date", std::string()));
  const auto receipt = payload.value("receipt", std::string());
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
  in.source = std::string(kPaymentShort);
  in.source_ref = receipt;
  in.note = "short payment " + receipt + ": " + short_amount.str() + " " + std::string(cur.code()) +
            " deducted";
  cases.open(in);
}

void on_application_made(Tx& tx, const PluginHandle& handle, const Json& payload) {
  const auto invoice = payload.value("to", std::string());
  const auto customer = payload.value("customer", std::string());
  Cases cases(tx, handle);
  auto unresolved = cases.store().unresolved(std::string_view(customer), std::string_view(invoice));
  const auto open_deduction = [](const Case& c) { return is_deduction(c) && c.status == "open"; };
  if (std::none_of(unresolved.begin(), unresolved.end(), open_deduction)) return;

  const auto d = tx.document(invoice);
  const auto credit = tx.document(payload.value("from", std::string()));
  // A credit note or write-off that resolves a case is written by that
  // case's own resolution, which closes it next: it is not a payment on it.
  const auto own_it = credit.attrs.find("dispute");
  const std::string own = own_it == credit.attrs.end() ? "" : own_it->second;
  const auto date = parse_date(payload.value("date", std::string()));

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
                   by + " paid " + payload.value("amount", std::string()) + " on " + invoice +
                       "; " + d.open.str() + " is still open",
                   when);
      continue;
    }
    const auto note = d.open.is_zero() ? invoice + " paid in full by " + by
                                       : by + " paid the deducted amount; what is open on " +
                                             invoice + " is under other disputes";
    cases.close(
        c, "paid", c.amount, note, when,
        Json{{"paid_by", credit.id}, {"application", payload.value("id", std::uint64_t{0})}});
  }
}

void on_receipt_withdrawn(Tx& tx, const PluginHandle& handle, const std::string& customer,
                          const std::string& what, const Json& payload) {
  const auto receipt = payload.value("id", std::string());
  const auto reason = payload.value("reason", std::string());
  const auto date = parse_date(payload.value("date", std::string()));
  if (customer.empty() || receipt.empty()) return;
  Cases cases(tx, handle);
  for (auto& c : cases.store().unresolved(std::string_view(customer))) {
    if (!is_deduction(c) || c.source != kPaymentShort || c.source_ref != receipt) continue;
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
