// Event handlers: which events re-evaluate a customer, which record the facts
// the rules look back on, and the holds.block_invoicing veto.
#include "live.hpp"

#include <algorithm>

#include "arctl/error.hpp"
#include "arctl/events/collections.hpp"
#include "arctl/events/disputes.hpp"
#include "arctl/events/invoicing.hpp"
#include "arctl/events/kernel.hpp"
#include "arctl/events/payments.hpp"
#include "credit.hpp"

namespace arctl::holds {
namespace {

AssessOptions options_for(State& st, const Rules& rules) {
  if (st.ctx) return assess_options(*st.ctx, rules);
  AssessOptions o;
  o.today = business_date(std::nullopt);
  o.rules = &rules;
  return o;
}

// Judges every customer the transaction touched, once, after its last
// posting: a customer is judged on where the transaction leaves them, and an
// import or `payment auto` of many postings costs one assessment per customer
// instead of one per posting.
void reevaluate_touched(Tx& tx, State& st) {
  const auto rules = Rules::load(tx);
  const auto options = options_for(st, rules);
  while (!st.touched.empty()) {
    const auto customers = std::move(st.touched);
    st.touched.clear();
    for (const auto& customer : customers)
      if (tx.find_customer(customer)) st.holds.evaluate(tx, customer, options);
  }
}

void reevaluate(Tx& tx, State& st, const std::string& customer) {
  if (customer.empty() || st.suppress_live || !tx.writable()) return;
  // A new transaction starts with an empty set (an aborted one may have left names).
  if (tx.before_commit("holds.reevaluate", [&st](Tx& t) { reevaluate_touched(t, st); }))
    st.touched.clear();
  st.touched.insert(customer);
}

// An invoice whose reference is one of the customer's open orders takes what
// it invoices out of that order's exposure (the invoice now carries it); the
// rest of the order stays open until invoiced too. An invoice in another
// currency than the order cannot be netted against it and settles it whole.
void settle_order(Tx& tx, State& st, const Document& doc) {
  const auto &customer = doc.customer, &ref = doc.ref;
  if (ref.empty()) return;
  auto& store = st.holds.store();
  auto ord = store.order(tx, customer, ref);
  if (!ord) return;
  const auto cur = ord->amount.currency();
  Money taken = ord->amount;
  if (doc.amount.currency() == cur) taken = std::min(taken, doc.amount);
  const Money remaining = ord->amount - taken;
  if (remaining.is_positive()) {
    ord->amount = remaining;
    store.put_order(tx, *ord);
  } else {
    store.erase_order(tx, customer, ref);
  }
  tx.publish(events::CreditOrder{{Json{{"customer", customer},
                                       {"order_id", ref},
                                       {"amount", taken.str()},
                                       {"remaining", remaining.str()},
                                       {"currency", std::string(cur.code())},
                                       {"action", "invoiced"},
                                       {"invoice", doc.id}}}});
}

void on_posted(Tx& tx, State& st, const Document& d) {
  const auto& customer = d.customer;
  if (d.kind == DocKind::kPaymentReturn) {
    // The receipt it cancels names the fact; the rule looks back from its date.
    const auto a = d.attrs.find("returned");
    const std::string receipt = a == d.attrs.end() ? std::string() : a->second;
    const auto c = tx.find_customer(customer);
    if (c)
      st.holds.store().add_fact(
          tx, "returns", customer,
          {d.issued, receipt.empty() ? d.id : receipt, Money(d.amount.minor(), c->currency)});
    // The posting is half of a return: the receipt is applied to it next, and
    // that application re-evaluates with the exposure settled.
    return;
  }
  // A refund is posted and then consumes credit in the same step: wait for that.
  if (d.kind == DocKind::kRefund) return;
  if (d.kind == DocKind::kInvoice) settle_order(tx, st, d);
  reevaluate(tx, st, customer);
}

void on_broken_promise(Tx& tx, State& st, const events::PromiseBroken& e) {
  const auto c = tx.find_customer(e.customer);
  if (!c) return;
  const Date when = e.checked == Date{} ? e.date : e.checked;
  st.holds.store().add_fact(tx, "promises", e.customer,
                            {when, e.id, Money(e.amount.minor(), c->currency)});
  reevaluate(tx, st, e.customer);
}

// holds.block_invoicing: an invoice to a customer who was on hold when the
// transaction began is refused. Holds this very invoice causes are left to
// `credit check`; a rebill's replacement is not new business and passes.
void on_invoice(Tx& tx, State& st, const events::InvoicePosted& inv, const JournalEntry& e) {
  // One key, read by point lookup: an import asks this once per invoice.
  Rules rules;
  if (const auto v = tx.config("holds.block_invoicing")) rules.set("holds.block_invoicing", *v);
  if (!rules.block_invoicing) return;
  const auto& customer = inv.invoice.customer;
  const auto doc = tx.find_document(inv.invoice.id);
  if (doc && doc->attrs.count("rebill_of")) return;
  std::string why;
  for (const auto& h : st.holds.store().holds_of(tx, customer))
    if (h.seq < e.txn) why += (why.empty() ? "" : "; ") + h.reason + ": " + h.detail;
  if (!why.empty())
    throw Error(ErrorKind::kCreditRefused, "customer '" + customer + "' is on hold (" + why +
                                               "); invoicing refused by holds.block_invoicing");
}

void on_config(const events::ConfigSet& e) {
  if (e.key.rfind("holds.", 0) == 0) Rules::validate(e.key, e.value);
}

// Re-evaluates the customer of any event that names one in "customer": for
// the events that close a step whose parts were skipped.
template <class E>
void reevaluate_on(EventBus& bus, const std::string& owner, State& st) {
  bus.on<E>(owner,
            [&st](Tx& tx, const E& e, const JournalEntry&) { reevaluate(tx, st, e.customer); });
}

// An application names the credit's customer; a parent's receipt paying a
// child's invoice (group accounts) changes the child's exposure too.
template <class E>
void reevaluate_application(EventBus& bus, const std::string& owner, State& st) {
  bus.on<E>(owner, [&st](Tx& tx, const E& e, const JournalEntry&) {
    reevaluate(tx, st, e.customer);
    if (const auto to = tx.find_document(e.application.to); to && to->customer != e.customer)
      reevaluate(tx, st, to->customer);
  });
}

}  // namespace

void subscribe_live(EventBus& bus, State& st) {
  const std::string owner = "holds";
  bus.on<events::DocumentPosted>(
      owner, [&st](Tx& tx, const events::DocumentPosted& e, const JournalEntry&) {
        on_posted(tx, st, e.document);
      });
  // A rebill credits the original, then issues the replacement in the same
  // transaction: judged at commit, the customer is never judged in between.
  reevaluate_application<events::ApplicationMade>(bus, owner, st);
  reevaluate_application<events::ApplicationReversed>(bus, owner, st);
  reevaluate_on<events::DocumentVoided>(bus, owner, st);
  reevaluate_on<events::DocumentAssigned>(bus, owner, st);
  // A receipt moved between customers changes the credit of both.
  bus.on<events::DocumentReassigned>(
      owner, [&st](Tx& tx, const events::DocumentReassigned& e, const JournalEntry&) {
        reevaluate(tx, st, e.from);
        reevaluate(tx, st, e.to);
      });
  // Events of other plugins that close a step whose parts were skipped above.
  reevaluate_on<events::PaymentApplied>(bus, owner, st);
  reevaluate_on<events::PaymentReturned>(bus, owner, st);
  reevaluate_on<events::PaymentRefunded>(bus, owner, st);
  // Every dispute case event: a wildcard, so the string form.
  bus.subscribe(std::string(events::kAllDisputeEvents), owner,
                [&st](Tx& tx, const JournalEntry& e) {
                  reevaluate(tx, st, events::fields::str(e.payload, "customer"));
                });
  bus.on<events::PromiseBroken>(owner,
                                [&st](Tx& tx, const events::PromiseBroken& e, const JournalEntry&) {
                                  on_broken_promise(tx, st, e);
                                });
  bus.on<events::CustomerUpdated>(
      owner, [&st](Tx& tx, const events::CustomerUpdated& e, const JournalEntry&) {
        reevaluate(tx, st, e.after.id);
      });
  bus.on<events::InvoicePosted>(owner, [&st](Tx& tx, const events::InvoicePosted& e,
                                             const JournalEntry& j) { on_invoice(tx, st, e, j); });
  bus.on<events::ConfigSet>(
      owner, [](Tx&, const events::ConfigSet& e, const JournalEntry&) { on_config(e); });
  // A collection stage places or releases the collection_stage hold.
  reevaluate_on<events::CollectionStageChanged>(bus, owner, st);
}

}  // namespace arctl::holds
