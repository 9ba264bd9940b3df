// What a customer owes on a business date and how late it is: the figures
// portfolios and the worklist are built on, from the kernel's open items.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>

#include "arctl/ledger.hpp"

namespace arctl::collections {

// Age buckets of past-due amounts, in days past due.
inline constexpr std::array<const char*, 4> kBuckets = {"1_30", "31_60", "61_90", "91_plus"};
int bucket_of(int days_past_due);  // 0..3; days_past_due >= 1

struct Position {
  Money open;      // open debit items less open credit items (unapplied cash, credit notes)
  Money past_due;  // open debit items due before the date (less what is disputed, if asked)
  std::array<Money, 4> buckets;         // past_due by kBuckets
  int oldest_days = 0;                  // days past due of the oldest past-due item; 0: none
  std::optional<Date> newest_past_due;  // the latest due date among the past-due items
  explicit Position(Currency c = Currency())
      : open(Money::zero(c)), past_due(Money::zero(c)), buckets{open, open, open, open} {}
  void add(const Position& o);  // same currency
};

// `customer`'s position at the end of `as_of`: the documents issued on or
// before it, at their open amounts on that day. An item is past due from the
// day after its due date. With `disputed` (document -> disputed amount), what
// is disputed is not past due: a collector does not chase it while the
// dispute runs.
// Cost: when nothing was posted, applied or voided after as_of (the usual
// run for today), one range scan of the customer's open items; otherwise a
// range scan of its documents and one read per application of each.
Position position(Tx& tx, const Customer& customer, Date as_of,
                  const std::map<std::string, Money>* disputed = nullptr);

}  // namespace arctl::collections
