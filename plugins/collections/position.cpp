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

Position position(Tx& tx, const Customer& customer, Date as_of,
                  const std::map<std::string, Money>* disputed) {
  Position p(customer.currency);
  tx.open_items(
      [&](const OpenItem& item) {
        if (item.issued > as_of) return true;
        if (!is_debit(item.kind)) {
          p.open -= item.open;
          return true;
        }
        p.open += item.open;
        if (item.due >= as_of) return true;
        Money due = item.open;
        if (disputed)
          if (auto it = disputed->find(item.id); it != disputed->end())
            due -= std::min(it->second, due);
        if (!due.is_positive()) return true;
        const int days = static_cast<int>(days_between(item.due, as_of));
        p.past_due += due;
        p.buckets[bucket_of(days)] += due;
        p.oldest_days = std::max(p.oldest_days, days);
        if (!p.newest_past_due || item.due > *p.newest_past_due) p.newest_past_due = item.due;
        return true;
      },
      customer.id);
  return p;
}

}  // namespace arctl::collections
