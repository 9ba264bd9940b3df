// A customer's open and past-due amounts on a date (see position.hpp).
#include "position.hpp"

#include <algorithm>

namespace arctl::collections {

int bucket_of(int days) {
  return days <= 30 ? 0 : days <= 60 ? 1 : days <= 90 ? 2 : 3;
}

void Position::add(const Position& o) {
  open += o.open;
  past_due += o.past_due;
  for (std::size_t i = 0; i < buckets.size(); ++i)
    buckets[i] += o.buckets[i];
  oldest_days = std::max(oldest_days, o.oldest_days);
  if (o.newest_past_due && (!newest_past_due || *o.newest_past_due > *newest_past_due))
    newest_past_due = o.newest_past_due;
}

namespace {

// Counts an open debit item in the past-due figures when it is past due on as_of.
void add_past_due(Position& p, const std::string& id, Money due_amount, Date due, Date as_of,
                  const std::map<std::string, Money>* disputed) {
  if (due >= as_of) return;
  if (disputed)
    if (auto it = disputed->find(id); it != disputed->end())
      due_amount -= std::min(it->second, due_amount);
  if (!due_amount.is_positive()) return;
  const int days = static_cast<int>(days_between(due, as_of));
  p.past_due += due_amount;
  p.buckets[bucket_of(days)] += due_amount;
  p.oldest_days = std::max(p.oldest_days, days);
  if (!p.newest_past_due || due > *p.newest_past_due) p.newest_past_due = due;
}

// Open amount of `d` at the end of `as_of`: its amount less what was applied
// to or from it on or before that day (a reversal dated by then reopens it).
Money open_as_of(Tx& tx, const Document& d, Date as_of) {
  Money open = d.amount;
  for (const auto& a : tx.applications_of(d.id))
    if (a.date <= as_of) open += a.is_reversal() ? a.amount : -a.amount;
  return open;
}

}  // namespace

Position position(Tx& tx, const Customer& customer, Date as_of,
                  const std::map<std::string, Money>* disputed) {
  Position p(customer.currency);
  const auto latest = tx.latest_activity();
  if (latest && *latest > as_of) {
    // Something happened after as_of: rebuild each document's open amount
    // on that day from its applications. A void document counts as never
    // posted, whenever it was voided.
    tx.documents_of(customer.id, Date(std::chrono::days(-1'000'000)), as_of,
                    [&](const Document& d) {
                      if (d.status == DocStatus::kVoid) return true;
                      const Money open = open_as_of(tx, d, as_of);
                      if (!is_debit(d.kind)) {
                        p.open -= open;
                      } else {
                        p.open += open;
                        add_past_due(p, d.id, open, d.due, as_of, disputed);
                      }
                      return true;
                    });
    return p;
  }
  tx.open_items(
      [&](const OpenItem& item) {
        if (item.issued > as_of) return true;
        if (!is_debit(item.kind)) {
          p.open -= item.open;
        } else {
          p.open += item.open;
          add_past_due(p, item.id, item.open, item.due, as_of, disputed);
        }
        return true;
      },
      customer.id);
  return p;
}

}  // namespace arctl::collections
