// Computing a customer's credit position and the automatic hold findings.
#include "assess.hpp"

#include <map>
#include <optional>

#include "arctl/error.hpp"

namespace arctl::holds {

Money ceiling_of(const Money& limit, const Rules& rules, const Money& guarantee) {
  return limit + multiply(limit, rules.over_limit_pct) + guarantee;
}

namespace {

void past_due(Tx& tx, Position& p, const AssessOptions& o) {
  // The threshold is a plain decimal: compare in thousandths, the finest unit there is.
  const auto min = Money::parse(o.rules->past_due_min_amount, Currency::parse("KWD")).minor();
  std::int64_t to_thousandths = 1;
  for (int i = p.customer.currency.exponent(); i < 3; ++i)
    to_thousandths *= 10;
  // The customer's disputed documents, read once (and only when an item is
  // past due) rather than by reading every item's document.
  std::optional<std::map<std::string, Money>> disputed;
  // The index is by due date, so the first item that counts is the oldest.
  tx.open_items(
      [&](const OpenItem& it) {
        if (it.due >= o.today) return false;
        Money open = it.open;
        if (o.disputes) {
          if (!disputed) disputed = o.disputes->disputed_documents(tx, p.customer.id);
          if (auto d = disputed->find(it.id); d != disputed->end()) open -= d->second;
        }
        if (checked_mul(open.minor(), to_thousandths) <= min) return true;
        p.oldest_past_due_days = days_between(it.due, o.today);
        p.oldest_past_due_item = it.id;
        return false;
      },
      std::string_view(p.customer.id), true, false);
}

}  // namespace

Position assess(Tx& tx, HoldTables& store, const std::string& customer, const AssessOptions& o) {
  const Rules& rules = *o.rules;
  Position p;
  p.customer = tx.customer(customer);
  const auto& cur = p.customer.currency;
  p.profile = store.profile(tx, customer);
  const auto bal = tx.balance(customer);
  p.receivable = bal.receivable.currency().empty() ? Money::zero(cur) : bal.receivable;
  p.unapplied = bal.unapplied.currency().empty() ? Money::zero(cur) : bal.unapplied;
  p.orders = Money::zero(cur);
  for (const auto& ord : store.orders_of(tx, customer))
    if (ord.id != o.exclude_order) p.orders += ord.amount;
  p.exposure = p.receivable + p.orders;
  if (rules.net_unapplied) p.exposure -= p.unapplied;

  p.guarantee_in_force = Money::zero(cur);
  p.guarantee_status = "none";
  if (p.profile.guarantee_amount) {
    const bool expired = p.profile.guarantee_expiry && *p.profile.guarantee_expiry < o.today;
    p.guarantee_status = expired ? "expired" : "valid";
    if (!expired) p.guarantee_in_force = *p.profile.guarantee_amount;
  }
  p.review_status = !p.profile.review_date             ? "none"
                    : *p.profile.review_date < o.today ? "passed"
                                                       : "scheduled";
  p.limit = p.customer.credit_limit;
  if (p.limit) {
    p.ceiling = ceiling_of(*p.limit, rules, p.guarantee_in_force);
    p.available = *p.ceiling - p.exposure;
  }
  past_due(tx, p, o);

  auto add = [&](std::string_view reason, std::string detail) {
    p.findings.push_back({std::string(reason), std::move(detail)});
  };
  if (rules.over_limit && p.ceiling && p.exposure > *p.ceiling)
    add(kOverLimit,
        "exposure " + p.exposure.str() + " is over the limit " + p.limit->str() +
            (p.guarantee_in_force.is_zero() ? std::string()
                                            : " + guarantee " + p.guarantee_in_force.str()) +
            " by " + (p.exposure - *p.ceiling).str());
  if (rules.past_due && p.oldest_past_due_days > rules.past_due_days)
    add(kPastDue, p.oldest_past_due_item + " is " + std::to_string(p.oldest_past_due_days) +
                      " days past due (rule: more than " + std::to_string(rules.past_due_days) +
                      ")");
  if (rules.returned_payment) {
    const auto from = o.today - std::chrono::days(rules.returned_payment_days);
    if (auto f = store.latest_fact(tx, "returns", customer, from, o.today))
      add(kReturnedPayment,
          "payment " + f->id + " of " + f->amount.str() + " returned on " + format_date(f->date));
  }
  if (rules.broken_promise) {
    const auto from = o.today - std::chrono::days(rules.broken_promise_days);
    if (auto f = store.latest_fact(tx, "promises", customer, from, o.today))
      add(kBrokenPromise,
          "promise " + f->id + " of " + f->amount.str() + " broken on " + format_date(f->date));
  }
  if (rules.guarantee_expired && p.guarantee_status == "expired")
    add(kGuaranteeExpired, "guarantee of " + p.profile.guarantee_amount->str() + " expired on " +
                               format_date(*p.profile.guarantee_expiry));
  if (rules.review_passed && p.review_status == "passed")
    add(kReviewPassed, "credit review was due on " + format_date(*p.profile.review_date));
  if (o.policy) {
    const auto s = o.policy->stage(tx, p.customer);
    if (s.escalated)
      add(kCollectionStage, "collection stage " + s.stage +
                                (s.agency.empty() ? std::string() : " with " + s.agency) +
                                " since " + format_date(s.since) + ": " + s.reason);
  }
  return p;
}

}  // namespace arctl::holds
