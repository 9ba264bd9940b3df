// What the managers' reports and the payment-behaviour figures read from the
// ledger and the journal as of a date: applications that still count, paid
// invoices, and counts of the disputes plugin's events per customer.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "arctl/ledger.hpp"
#include "arctl/ratio.hpp"

namespace arctl::collections {

// 128-bit intermediates for sums of amounts times days; a/b as text is
// arctl::ratio_text.
using Wide = WideInt;
// part/whole as a percentage with two decimals; "" when whole is zero.
std::string percent_text(std::int64_t part, std::int64_t whole);
std::string money_text(std::int64_t minor, const Currency& c);

// True when `d` existed on `as_of`: issued by then and not voided by then.
bool alive_on(const Document& d, Date as_of);

// Of `apps` (one document's, from Tx::applications_of), those that count on
// `as_of`: dated on or before it, not reversals, and not undone by a
// reversal dated on or before it.
std::vector<Application> counting(const std::vector<Application>& apps, Date as_of);
// The open amount of `d` on `as_of` (minor units) given its applications
// `apps`: zero unless alive_on(d, as_of).
std::int64_t open_on(const Document& d, const std::vector<Application>& apps, Date as_of);

// An invoice or debit note fully settled on `as_of`, at least partly with cash.
struct PaidInvoice {
  std::string id;
  Date issued{}, due{};
  Date cleared{};           // the date of the last counting application: the one that cleared it
  std::int64_t amount = 0;  // minor units
};

// A customer's paid invoices as of `as_of` (any clearing date), its largest
// invoice issued in (from, as_of], and its last receipt on or before as_of.
struct PaymentFacts {
  Currency currency;
  std::vector<PaidInvoice> paid;
  std::string largest_id;
  std::int64_t largest_amount = 0;
  std::optional<Date> last_payment;
  std::int64_t last_payment_amount = 0;  // every receipt of that day
};
// Cost: one scan of the customer's documents, applications_of for each of
// its invoices and debit notes, and one get per application's source.
PaymentFacts payment_facts(Tx& tx, const Customer& c, Date largest_from, Date as_of);

// Counts, per customer, of the disputes plugin's journal events dated in
// [from, to] (the date in each payload): activities logged, promises made,
// kept and broken, disputes opened and resolved (kind "dispute": the
// collection cases a broken promise opens are left out).
struct EventCounts {
  int activities = 0;
  int promises_made = 0, promises_kept = 0, promises_broken = 0;
  int disputes_opened = 0, disputes_resolved = 0;
};
// Cost: one scan of the whole journal.
std::map<std::string, EventCounts> count_events(Tx& tx, Date from, Date to);

}  // namespace arctl::collections
