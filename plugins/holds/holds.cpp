// Placing, releasing and re-evaluating holds; each change is one journal
// event and one history record, stamped with the actor and the time.
#include "holds.hpp"

#include <algorithm>

#include "arctl/error.hpp"

namespace arctl::holds {

Json Change::to_json() const {
  return Json{{"customer", customer}, {"action", action}, {"reason", reason}, {"detail", detail}};
}

std::uint64_t EvaluateSummary::placed() const {
  return std::count_if(changes.begin(), changes.end(),
                       [](const Change& c) { return c.action == "placed"; });
}

std::uint64_t EvaluateSummary::released() const {
  return std::count_if(changes.begin(), changes.end(),
                       [](const Change& c) { return c.action == "released"; });
}

std::string release_detail(std::string_view reason, const Rules& r, const Position& p) {
  auto off = [&](const char* key) { return std::string("rule holds.rule.") + key + " is off"; };
  if (reason == kOverLimit) {
    if (!r.over_limit) return off("over_limit");
    if (!p.ceiling) return "no credit limit";
    return "exposure " + p.exposure.str() + " within the limit " + p.limit->str();
  }
  if (reason == kPastDue) {
    if (!r.past_due) return off("past_due");
    return "no item more than " + std::to_string(r.past_due_days) + " days past due";
  }
  if (reason == kReturnedPayment) {
    if (!r.returned_payment) return off("returned_payment");
    return "no returned payment in the last " + std::to_string(r.returned_payment_days) + " days";
  }
  if (reason == kBrokenPromise) {
    if (!r.broken_promise) return off("broken_promise");
    return "no broken promise in the last " + std::to_string(r.broken_promise_days) + " days";
  }
  if (reason == kGuaranteeExpired) {
    if (!r.guarantee_expired) return off("guarantee_expired");
    return p.guarantee_status == "valid"
               ? "guarantee valid until " + (p.profile.guarantee_expiry
                                                 ? format_date(*p.profile.guarantee_expiry)
                                                 : std::string("further notice"))
               : "no guarantee on file";
  }
  if (reason == kReviewPassed) {
    if (!r.review_passed) return off("review_passed");
    return p.profile.review_date ? "credit review due on " + format_date(*p.profile.review_date)
                                 : "no credit review date";
  }
  if (reason == kCollectionStage) return "collection stage back to normal";
  return "condition cleared";
}

void Holds::place(Tx& tx, const std::string& customer, std::string_view reason,
                  const std::string& detail, Date today) {
  Hold h;
  h.customer = customer;
  h.reason = std::string(reason);
  h.detail = detail;
  h.since = today;
  h.time_micros = now_micros();
  h.actor = tx.ledger().session().actor;
  h.seq = tx.publish(events::HoldPlaced{customer, h.reason, detail, today});
  store_.put_hold(tx, h);
  store_.add_history(tx, customer,
                     {h.seq, "placed", h.reason, detail, today, h.time_micros, h.actor});
}

void Holds::release(Tx& tx, const std::string& customer, std::string_view reason,
                    const std::string& detail, Date today) {
  const auto seq = tx.publish(events::HoldReleased{customer, std::string(reason), detail, today});
  store_.erase_hold(tx, customer, std::string(reason));
  store_.add_history(tx, customer,
                     {seq, "released", std::string(reason), detail, today, now_micros(),
                      tx.ledger().session().actor});
}

std::vector<Change> Holds::evaluate(Tx& tx, const std::string& customer, const AssessOptions& o) {
  const auto p = assess(tx, store_, customer, o);
  const auto held = store_.holds_of(tx, customer);
  std::vector<Change> changes;
  for (const auto& f : p.findings) {
    const bool present =
        std::any_of(held.begin(), held.end(), [&](const Hold& h) { return h.reason == f.reason; });
    if (present) continue;
    place(tx, customer, f.reason, f.detail, o.today);
    changes.push_back({customer, "placed", f.reason, f.detail});
  }
  for (const auto& h : held) {
    if (h.reason == kManual || !is_reason(h.reason)) continue;
    if (h.reason == kCollectionStage && !o.policy) continue;
    const bool found = std::any_of(p.findings.begin(), p.findings.end(),
                                   [&](const Finding& f) { return f.reason == h.reason; });
    if (found) continue;
    const auto why = release_detail(h.reason, *o.rules, p);
    release(tx, customer, h.reason, why, o.today);
    changes.push_back({customer, "released", h.reason, why});
  }
  return changes;
}

EvaluateSummary Holds::evaluate_all(Tx& tx, const std::optional<std::string>& customer,
                                    const AssessOptions& o) {
  EvaluateSummary s;
  auto one = [&](const std::string& id) {
    auto c = evaluate(tx, id, o);
    s.changes.insert(s.changes.end(), c.begin(), c.end());
    ++s.customers;
    if (!store_.holds_of(tx, id).empty()) ++s.on_hold;
  };
  if (customer) {
    tx.customer(*customer);
    one(*customer);
    return s;
  }
  std::vector<std::string> ids;
  tx.for_each_customer([&](const Customer& c) {
    ids.push_back(c.id);
    return true;
  });
  for (const auto& id : ids)
    one(id);
  return s;
}

Change Holds::place_manual(Tx& tx, const std::string& customer, const std::string& text,
                           Date today) {
  tx.customer(customer);
  if (text.empty()) fail_usage("a manual hold needs a --reason");
  for (const auto& h : store_.holds_of(tx, customer))
    if (h.reason == kManual)
      return {customer, "unchanged", std::string(kManual),
              "already on manual hold since " + format_date(h.since) + ": " + h.detail};
  place(tx, customer, kManual, text, today);
  return {customer, "placed", std::string(kManual), text};
}

Change Holds::release_manual(Tx& tx, const std::string& customer, const std::string& text,
                             Date today) {
  tx.customer(customer);
  if (text.empty()) fail_usage("releasing a hold needs a --reason");
  for (const auto& h : store_.holds_of(tx, customer))
    if (h.reason == kManual) {
      release(tx, customer, kManual, text, today);
      return {customer, "released", std::string(kManual), text};
    }
  return {customer, "unchanged", std::string(kManual), "not on manual hold"};
}

HoldStatus Holds::status(Tx& tx, const std::string& customer) {
  HoldStatus s;
  for (const auto& h : store_.holds_of(tx, customer))
    s.reasons.push_back(h.reason);
  s.on_hold = !s.reasons.empty();
  return s;
}

}  // namespace arctl::holds
