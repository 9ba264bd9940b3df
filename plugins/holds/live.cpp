// Event handlers: which events re-evaluate a customer, which record the facts
// the rules look back on, and the holds.block_invoicing veto.
#include "live.hpp"

#include <algorithm>

#include "arctl/error.hpp"
#include "credit.hpp"

namespace arctl::holds {
namespace {

std::string text(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

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
void settle_order(Tx& tx, State& st, const Json& doc) {
  const auto customer = text(doc, "customer"), ref = text(doc, "ref");
  if (ref.empty()) return;
  auto& store = st.holds.store();
  auto ord = store.order(tx, customer, ref);
  if (!ord) return;
  const auto cur = ord->amount.currency();
  Money taken = ord->amount;
  if (text(doc, "currency") == cur.code())
    taken = std::min(taken, Money::parse(text(doc, "amount"), cur));
  const Money remaining = ord->amount - taken;
  if (remaining.is_positive()) {
    ord->amount = remaining;
    store.put_order(tx, *ord);
  } else {
    store.erase_order(tx, customer, ref);
  }
  tx.emit(kCreditOrder, Json{{"customer", customer},
                             {"order_id", ref},
                             {"amount", taken.str()},
                             {"remaining", remaining.str()},
                             {"currency", std::string(cur.code())},
                             {"action", "invoiced"},
                             {"invoice", text(doc, "id")}});
}

void on_posted(Tx& tx, State& st, const JournalEntry& e) {
  const auto& d = e.payload;
  const auto kind = text(d, "kind");
  const auto customer = text(d, "customer");
  if (kind == "payment_return") {
    // The receipt it cancels names the fact; the rule looks back from its date.
    std::string receipt;
    if (auto a = d.find("attrs"); a != d.end() && a->is_object()) receipt = text(*a, "returned");
    const auto c = tx.find_customer(customer);
    if (c)
      st.holds.store().add_fact(
          tx, "returns", customer,
          {parse_date(text(d, "issued")), receipt.empty() ? text(d, "id") : receipt,
           Money::parse(text(d, "amount"), c->currency)});
    // The posting is half of a return: the receipt is applied to it next, and
    // that application re-evaluates with the exposure settled.
    return;
  }
  // A refund is posted and then consumes credit in the same step: wait for that.
  if (kind == "refund") return;
  if (kind == "invoice") settle_order(tx, st, d);
  reevaluate(tx, st, customer);
}

// A rebill credits the original, then issues the replacement in the same
// transaction: judged at commit, the customer is never judged in between.
void on_application(Tx& tx, State& st, const JournalEntry& e) {
  reevaluate(tx, st, text(e.payload, "customer"));
}

void on_broken_promise(Tx& tx, State& st, const JournalEntry& e) {
  const auto customer = text(e.payload, "customer");
  const auto c = tx.find_customer(customer);
  if (!c) return;
  auto when = text(e.payload, "checked");
  if (when.empty()) when = text(e.payload, "date");
  st.holds.store().add_fact(tx, "promises", customer,
                            {parse_date(when), text(e.payload, "id"),
                             Money::parse(text(e.payload, "amount"), c->currency)});
  reevaluate(tx, st, customer);
}

// holds.block_invoicing: an invoice to a customer who was on hold when the
// transaction began is refused. Holds this very invoice causes are left to
// `credit check`; a rebill's replacement is not new business and passes.
void on_invoice(Tx& tx, State& st, const JournalEntry& e) {
  // One key, read by point lookup: an import asks this once per invoice.
  Rules rules;
  if (const auto v = tx.config("holds.block_invoicing")) rules.set("holds.block_invoicing", *v);
  if (!rules.block_invoicing) return;
  const auto customer = text(e.payload, "customer");
  const auto doc = tx.find_document(text(e.payload, "id"));
  if (doc && doc->attrs.count("rebill_of")) return;
  std::string why;
  for (const auto& h : st.holds.store().holds_of(tx, customer))
    if (h.seq < e.txn) why += (why.empty() ? "" : "; ") + h.reason + ": " + h.detail;
  if (!why.empty())
    throw Error(ErrorKind::kCreditRefused, "customer '" + customer + "' is on hold (" + why +
                                               "); invoicing refused by holds.block_invoicing");
}

void on_config(const JournalEntry& e) {
  const auto key = text(e.payload, "key");
  if (key.rfind("holds.", 0) == 0) Rules::validate(key, text(e.payload, "value"));
}

}  // namespace

void subscribe_live(EventBus& bus, State& st) {
  const std::string owner = "holds";
  bus.subscribe(std::string(event::kDocumentPosted), owner,
                [&st](Tx& tx, const JournalEntry& e) { on_posted(tx, st, e); });
  for (auto type : {event::kApplicationMade, event::kApplicationReversed})
    bus.subscribe(std::string(type), owner,
                  [&st](Tx& tx, const JournalEntry& e) { on_application(tx, st, e); });
  for (auto type : {event::kDocumentVoided, event::kDocumentAssigned})
    bus.subscribe(std::string(type), owner, [&st](Tx& tx, const JournalEntry& e) {
      reevaluate(tx, st, text(e.payload, "customer"));
    });
  // A receipt moved between customers changes the credit of both.
  bus.subscribe(std::string(event::kDocumentReassigned), owner,
                [&st](Tx& tx, const JournalEntry& e) {
                  reevaluate(tx, st, text(e.payload, "from"));
                  reevaluate(tx, st, text(e.payload, "to"));
                });
  // Events of other plugins that close a step whose parts were skipped above.
  for (auto type : {"payment.applied", "payment.returned", "payment.refunded", "dispute.*"})
    bus.subscribe(type, owner, [&st](Tx& tx, const JournalEntry& e) {
      reevaluate(tx, st, text(e.payload, "customer"));
    });
  bus.subscribe("promise.broken", owner,
                [&st](Tx& tx, const JournalEntry& e) { on_broken_promise(tx, st, e); });
  bus.subscribe(std::string(event::kCustomerUpdated), owner, [&st](Tx& tx, const JournalEntry& e) {
    if (auto a = e.payload.find("after"); a != e.payload.end()) reevaluate(tx, st, text(*a, "id"));
  });
  bus.subscribe("invoice.posted", owner,
                [&st](Tx& tx, const JournalEntry& e) { on_invoice(tx, st, e); });
  bus.subscribe(std::string(event::kConfigSet), owner,
                [](Tx&, const JournalEntry& e) { on_config(e); });
}

}  // namespace arctl::holds
