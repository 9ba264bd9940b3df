// The payment-behaviour figures: days to pay, days late, share on time,
// trend, largest invoice, disputes, broken promises and the last payment.
#include "behavior.hpp"

#include <map>

#include "arctl/error.hpp"
#include "ledger_facts.hpp"

namespace arctl::collections {

const char* const kBehaviorFormulas =
    "Figures, as of --as-of (default: the business date), from the ledger as it stood then\n"
    "(applications dated later, and applications reversed by then, do not count):\n"
    "- A paid invoice is an invoice or debit note whose counting applications settle all of it,\n"
    "  at least one of them from a receipt. It is paid on the date of its last application\n"
    "  (the one that cleared it). The window is the --months months ending on --as-of\n"
    "  (as-of minus N months < paid date <= as-of); only invoices paid in it count.\n"
    "- avg_days_to_pay = sum(amount x (paid - invoice date)) / sum(amount), 1 decimal.\n"
    "- avg_days_late (ADD) = sum(amount x max(0, paid - due date)) / sum(amount), 1 decimal:\n"
    "  an invoice paid early counts as 0 days late, never as negative days.\n"
    "- on_time_count_pct = invoices paid on or before their due date / invoices paid x 100;\n"
    "  on_time_amount_pct = their amount / amount paid x 100 (2 decimals).\n"
    "- add_last_3_months: ADD of invoices paid in the 3 months ending on as-of;\n"
    "  add_prior_12_months: of those paid in the 12 months before them; add_trend = the first\n"
    "  less the second (exact, then rounded); trend: worse (> 0), better (< 0) or same; empty\n"
    "  when either period has no paid invoice. The trend does not depend on --months.\n"
    "- largest_invoice: the largest invoice or debit note dated in the window (first if tied).\n"
    "- disputes: dispute cases opened in the window (not the collection cases of broken\n"
    "  promises); broken_promises: promises judged broken in the window.\n"
    "- last_payment: the latest receipt dated on or before as-of, and the total of that day's.\n"
    "Rounding is half away from zero, on integer arithmetic. Empty: no paid invoice.";

namespace {

// Sums over the paid invoices of one period.
struct Sums {
  std::int64_t count = 0, amount = 0, on_time_count = 0, on_time_amount = 0;
  Wide days_to_pay = 0, days_late = 0;  // amount x days
};

Sums sums(const std::vector<PaidInvoice>& paid, Date after, Date upto) {
  Sums s;
  for (const auto& p : paid) {
    if (p.cleared <= after || p.cleared > upto) continue;
    s.count++;
    s.amount = checked_add(s.amount, p.amount);
    s.days_to_pay += static_cast<Wide>(p.amount) * days_between(p.issued, p.cleared);
    const auto late = days_between(p.due, p.cleared);
    if (late > 0) {
      s.days_late += static_cast<Wide>(p.amount) * late;
    } else {
      s.on_time_count++;
      s.on_time_amount = checked_add(s.on_time_amount, p.amount);
    }
  }
  return s;
}

std::string days(Wide weighted, std::int64_t amount) {
  return amount == 0 ? "" : ratio_text(weighted, amount, 1);
}

Json row(Tx& tx, const Customer& c, Date as_of, int months, const EventCounts& ev) {
  const Date from = add_months(as_of, -months);
  const auto f = payment_facts(tx, c, from, as_of);
  const auto all = sums(f.paid, from, as_of);
  const Date recent_from = add_months(as_of, -3);
  const auto recent = sums(f.paid, recent_from, as_of);
  const auto prior = sums(f.paid, add_months(recent_from, -12), recent_from);

  Json j;
  j["customer"] = c.id;
  j["name"] = c.name;
  j["currency"] = std::string(c.currency.code());
  j["as_of"] = format_date(as_of);
  j["months"] = months;
  j["invoices_paid"] = all.count;
  j["amount_paid"] = money_text(all.amount, c.currency);
  j["avg_days_to_pay"] = days(all.days_to_pay, all.amount);
  j["avg_days_late"] = days(all.days_late, all.amount);
  j["on_time_count_pct"] = percent_text(all.on_time_count, all.count);
  j["on_time_amount_pct"] = percent_text(all.on_time_amount, all.amount);
  j["add_last_3_months"] = days(recent.days_late, recent.amount);
  j["add_prior_12_months"] = days(prior.days_late, prior.amount);
  std::string trend, diff;
  if (recent.amount != 0 && prior.amount != 0) {
    // recent/ra - prior/pa, as one fraction so that only the result is rounded.
    const Wide num = recent.days_late * prior.amount - prior.days_late * recent.amount;
    const Wide den = static_cast<Wide>(recent.amount) * prior.amount;
    diff = ratio_text(num, den, 1);
    trend = num > 0 ? "worse" : num < 0 ? "better" : "same";
  }
  j["add_trend"] = diff;
  j["trend"] = trend;
  j["largest_invoice"] = f.largest_id;
  j["largest_invoice_amount"] =
      f.largest_id.empty() ? "" : money_text(f.largest_amount, c.currency);
  j["disputes"] = ev.disputes_opened;
  j["broken_promises"] = ev.promises_broken;
  j["last_payment_date"] = f.last_payment ? format_date(*f.last_payment) : "";
  j["last_payment_amount"] = f.last_payment ? money_text(f.last_payment_amount, c.currency) : "";
  return j;
}

// Disputes opened and promises judged broken in the window, from the
// disputes plugin's own tables rather than a scan of the journal.
EventCounts window_counts(const FollowUpFacts& f, Date as_of, int months) {
  const Date from = add_months(as_of, -months) + std::chrono::days(1);
  EventCounts ev;
  for (const auto d : f.disputes_opened)
    if (d >= from && d <= as_of) ++ev.disputes_opened;
  for (const auto& p : f.broken)
    if (p.checked >= from && p.checked <= as_of) ++ev.promises_broken;
  return ev;
}

}  // namespace

Json behavior_row(Tx& tx, const Customer& c, Date as_of, int months, FollowUpService* followup) {
  const auto facts = followup ? followup->facts(tx, c.id, as_of) : FollowUpFacts{};
  return row(tx, c, as_of, months, window_counts(facts, as_of, months));
}

Json report_behavior(Tx& tx, std::optional<std::string> customer, Date as_of, int months,
                     FollowUpService* followup) {
  Json rows = Json::array();
  std::map<std::string, EventCounts> counts;
  if (followup)
    for (const auto& [id, f] : followup->all_facts(tx, as_of))
      counts[id] = window_counts(f, as_of, months);
  auto one = [&](const Customer& c) {
    bool any = false;
    tx.documents_of(c.id, Date(std::chrono::days(-1'000'000)), as_of, [&](const Document&) {
      any = true;
      return false;
    });
    const auto it = counts.find(c.id);
    if (any || customer)
      rows.push_back(row(tx, c, as_of, months, it == counts.end() ? EventCounts{} : it->second));
    return true;
  };
  if (customer)
    one(tx.customer(*customer));
  else
    tx.for_each_customer(one);
  return rows;
}

}  // namespace arctl::collections
