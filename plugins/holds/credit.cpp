// Credit lines, open orders and the order-release decision.
#include "credit.hpp"

#include "arctl/error.hpp"
#include "arctl/terms.hpp"

namespace arctl::holds {
namespace {

bool is_none(const std::string& v) {
  return v == "none" || v.empty();
}

std::string opt_str(const std::optional<Money>& m) {
  return m ? m->str() : "";
}
std::string opt_str(const std::optional<Date>& d) {
  return d ? format_date(*d) : "";
}

Money parse_amount(const std::string& text, const Currency& cur, const char* field) {
  try {
    return Money::parse(text, cur);
  } catch (const Error& e) {
    throw Error(e.kind(), e.what(), {"", 0, field});
  }
}

}  // namespace

CreditSetResult set_credit(Tx& tx, HoldTables& store, const CreditInput& in, bool& suppress) {
  auto c = tx.customer(in.customer);
  const auto before_customer = c;
  auto profile = store.profile(tx, c.id);
  const auto before_profile = profile;
  CreditSetResult r{c.id, {}};

  if (in.limit) {
    if (is_none(*in.limit)) {
      c.credit_limit.reset();
    } else {
      const auto m = parse_amount(*in.limit, c.currency, "--limit");
      if (m.is_negative())
        fail(ErrorKind::kConflict, "a credit limit cannot be negative", {"", 0, "--limit"});
      c.credit_limit = m;
    }
  }
  if (in.terms) c.terms = Terms::parse(*in.terms).text();
  if (in.guarantee_amount) {
    if (is_none(*in.guarantee_amount)) {
      profile.guarantee_amount.reset();
      profile.guarantee_expiry.reset();
    } else {
      const auto m = parse_amount(*in.guarantee_amount, c.currency, "--guarantee-amount");
      if (!m.is_positive())
        fail(ErrorKind::kConflict, "a guarantee must be positive (use 'none' to remove it)",
             {"", 0, "--guarantee-amount"});
      profile.guarantee_amount = m;
    }
  }
  if (in.guarantee_expiry) {
    if (is_none(*in.guarantee_expiry))
      profile.guarantee_expiry.reset();
    else
      profile.guarantee_expiry = parse_date(*in.guarantee_expiry);
  }
  if (profile.guarantee_expiry && !profile.guarantee_amount)
    fail(ErrorKind::kConflict, "a guarantee expiry needs a guarantee amount (--guarantee-amount)",
         {"", 0, "--guarantee-expiry"});
  if (in.review_date) {
    if (is_none(*in.review_date))
      profile.review_date.reset();
    else
      profile.review_date = parse_date(*in.review_date);
  }

  if (!(c.credit_limit == before_customer.credit_limit)) r.changed.push_back("limit");
  if (c.terms != before_customer.terms) r.changed.push_back("terms");
  if (!(profile.guarantee_amount == before_profile.guarantee_amount))
    r.changed.push_back("guarantee_amount");
  if (!(profile.guarantee_expiry == before_profile.guarantee_expiry))
    r.changed.push_back("guarantee_expiry");
  if (!(profile.review_date == before_profile.review_date)) r.changed.push_back("review_date");
  if (r.changed.empty()) return r;

  if (!(c == before_customer)) {
    suppress = true;
    struct Reset {
      bool& f;
      ~Reset() { f = false; }
    } reset{suppress};
    tx.update_customer(c);
  }
  store.put_profile(tx, c.id, profile);
  Json p;
  p["customer"] = c.id;
  p["limit"] = opt_str(c.credit_limit);
  p["terms"] = c.terms;
  p["guarantee_amount"] = opt_str(profile.guarantee_amount);
  p["guarantee_expiry"] = opt_str(profile.guarantee_expiry);
  p["review_date"] = opt_str(profile.review_date);
  p["changed"] = r.changed;
  tx.publish(events::CreditSet{{std::move(p)}});
  return r;
}

Json CreditSetResult::to_json(const Position& p) const {
  Json j;
  j["customer"] = customer;
  j["outcome"] = changed.empty() ? "unchanged" : "changed";
  j["changed"] = changed;
  j["limit"] = opt_str(p.limit);
  j["terms"] = p.customer.terms;
  j["guarantee_amount"] = opt_str(p.profile.guarantee_amount);
  j["guarantee_expiry"] = opt_str(p.profile.guarantee_expiry);
  j["review_date"] = opt_str(p.profile.review_date);
  return j;
}

std::string set_order(Tx& tx, HoldTables& store, const std::string& customer, const std::string& id,
                      const std::optional<std::string>& amount, Date today) {
  const auto c = tx.customer(customer);
  if (id.empty()) fail_usage("an order needs an --order-id");
  const auto existing = store.order(tx, c.id, id);
  Json p{{"customer", c.id}, {"order_id", id}};
  std::string action;
  if (!amount) {
    if (!existing) fail_not_found("customer '" + c.id + "' has no open order '" + id + "'");
    store.erase_order(tx, c.id, id);
    action = "removed";
    p["amount"] = existing->amount.str();
  } else {
    const auto m = parse_amount(*amount, c.currency, "--amount");
    if (!m.is_positive())
      fail(ErrorKind::kConflict, "an order amount must be positive", {"", 0, "--amount"});
    if (existing && existing->amount == m) return "unchanged";
    store.put_order(tx, {c.id, id, m, existing ? existing->date : today});
    action = existing ? "changed" : "added";
    p["amount"] = m.str();
    if (existing) p["previous_amount"] = existing->amount.str();
  }
  p["currency"] = std::string(c.currency.code());
  p["action"] = action;
  tx.publish(events::CreditOrder{{std::move(p)}});
  return action;
}

Json show_json(Tx& tx, HoldTables& store, const Position& p) {
  const auto cur = std::string(p.customer.currency.code());
  Json j;
  j["customer"] = p.customer.id;
  j["name"] = p.customer.name;
  j["currency"] = cur;
  j["terms"] = p.customer.terms;
  j["limit"] = opt_str(p.limit);
  j["receivable"] = p.receivable.str();
  j["open_orders"] = p.orders.str();
  j["exposure"] = p.exposure.str();
  j["guarantee_amount"] = opt_str(p.profile.guarantee_amount);
  j["guarantee_expiry"] = opt_str(p.profile.guarantee_expiry);
  j["guarantee_status"] = p.guarantee_status;
  j["available"] = opt_str(p.available);
  j["oldest_past_due_days"] = p.oldest_past_due_days;
  j["oldest_past_due_item"] = p.oldest_past_due_item;
  j["unapplied"] = p.unapplied.str();
  j["review_date"] = opt_str(p.profile.review_date);
  j["review_status"] = p.review_status;
  const auto held = store.holds_of(tx, p.customer.id);
  j["on_hold"] = !held.empty();
  Json holds = Json::array();
  for (const auto& h : held)
    holds.push_back(Json{{"reason", h.reason},
                         {"detail", h.detail},
                         {"since", format_date(h.since)},
                         {"actor", h.actor}});
  j["holds"] = holds;
  // Automatic reasons that the rules find today but no evaluation has placed yet.
  Json pending = Json::array();
  for (const auto& f : p.findings) {
    bool placed = false;
    for (const auto& h : held)
      placed = placed || h.reason == f.reason;
    if (!placed) pending.push_back(Json{{"reason", f.reason}, {"detail", f.detail}});
  }
  j["pending"] = pending;
  Json orders = Json::array();
  for (const auto& o : store.orders_of(tx, p.customer.id))
    orders.push_back(
        Json{{"order_id", o.id}, {"amount", o.amount.str()}, {"date", format_date(o.date)}});
  j["orders"] = orders;
  return j;
}

Json Decision::to_json() const {
  Json j;
  j["customer"] = customer;
  if (!order_id.empty()) j["order_id"] = order_id;
  put_money(j, "amount", amount);
  j["decision"] = release ? "release" : "blocked";
  Json rs = Json::array();
  for (const auto& f : reasons)
    rs.push_back(Json{{"code", f.reason}, {"detail", f.detail}});
  j["reasons"] = rs;
  j["exposure"] = exposure.str();
  j["limit"] = limit ? limit->str() : "";
  j["available"] = available ? available->str() : "";
  return j;
}

CheckBase check_base(Tx& tx, HoldTables& store, const std::string& customer,
                     const AssessOptions& o) {
  CheckBase b;
  b.position = assess(tx, store, customer, o);
  for (const auto& h : store.holds_of(tx, customer))
    b.holds.push_back({h.reason, "on hold (" + h.reason + "): " + h.detail});
  for (const auto& f : b.position.findings) {
    bool dup = false;
    for (const auto& r : b.holds)
      dup = dup || r.reason == f.reason;
    // Over the limit already: the "would exceed" reason says it, with the order.
    if (!dup && f.reason != kOverLimit)
      b.holds.push_back({f.reason, "on hold (" + f.reason + "): " + f.detail});
  }
  return b;
}

Decision decide(const CheckBase& b, const std::string& amount, const std::string& order_id,
                const Money* extra) {
  const auto& p = b.position;
  Decision d;
  d.customer = p.customer.id;
  d.order_id = order_id;
  d.amount = parse_amount(amount, p.customer.currency, "amount");
  if (!d.amount.is_positive())
    fail(ErrorKind::kConflict, "an order amount must be positive", {"", 0, "amount"});
  d.reasons = b.holds;
  d.exposure = extra ? p.exposure + *extra : p.exposure;
  if (p.ceiling) {
    d.available = *p.ceiling - d.exposure;
    const auto after = d.exposure + d.amount;
    if (after > *p.ceiling)
      d.reasons.push_back(
          {std::string(kOverLimit),
           "would exceed limit " + p.limit->str() +
               (p.guarantee_in_force.is_zero() ? std::string()
                                               : " + guarantee " + p.guarantee_in_force.str()) +
               " by " + (after - *p.ceiling).str()});
  }
  d.limit = p.limit;
  d.release = d.reasons.empty();
  return d;
}

}  // namespace arctl::holds
