// Opening cases, notes, owners and the escalation ladder.
#include "cases.hpp"

#include <algorithm>

#include "arctl/error.hpp"
#include "arctl/numbering.hpp"

namespace arctl::disputes {

bool valid_reason(std::string_view r) {
  for (auto x : {"quantity", "price", "warranty", "freight", "damaged", "tax", "duplicate-billing",
                 "not-received", "other"})
    if (r == x) return true;
  return false;
}

std::string actor_of(Tx& tx) {
  return tx.ledger().session().actor;
}

Cases::Cases(Tx& tx, const PluginHandle& handle) : tx_(tx), handle_(handle), store_(tx, handle) {}

const Ladder& Cases::ladder() {
  if (!ladder_) ladder_ = Ladder::parse(tx_.config_or("disputes.ladder", kDefaultLadder));
  return *ladder_;
}

std::string Cases::default_owner(const std::string& level) {
  return tx_.config_or("disputes.owner." + level, "");
}

Json Cases::base_payload(const Case& c) {
  Json p;
  p["id"] = c.id;
  p["customer"] = c.customer;
  p["invoice"] = c.invoice;
  return p;
}

void Cases::save(Case& c, const std::string& action, const std::string& from, const std::string& to,
                 const std::string& amount, const std::string& note, Date date) {
  store_.add_history(c, {0, date, actor_of(tx_), action, from, to, amount, note});
  store_.put_case(c);
}

Money Cases::disputed(const Document& d) {
  Money sum = Money::zero(d.amount.currency());
  if (d.status == DocStatus::kVoid || d.customer.empty()) return sum;
  for (const auto& c : store_.unresolved(std::string_view(d.customer), std::string_view(d.id)))
    if (c.kind == "dispute") sum += c.amount;
  return std::min(sum, d.open);
}

Case Cases::open(const OpenInput& in) {
  Case c;
  c.kind = in.kind;
  c.reason = in.reason;
  c.opened = c.level_since = in.date;
  c.opened_by = actor_of(tx_);
  c.source = in.source;
  c.source_ref = in.source_ref;
  c.level = ladder().first().name;
  c.owner = in.owner.empty() ? default_owner(c.level) : in.owner;
  if (in.invoice.empty()) {
    // Only a collection case (a broken promise on account) has no document.
    if (in.kind != "collection") fail_usage("a dispute needs --invoice");
    const auto cust = tx_.customer(in.customer);
    c.customer = cust.id;
    c.amount = Money::parse(in.amount.value_or("0"), cust.currency);
  } else {
    const auto d = tx_.document(in.invoice);
    if (!is_debit(d.kind) || d.kind == DocKind::kPaymentReturn || d.kind == DocKind::kRefund)
      fail_conflict("'" + d.id + "' is a " + to_string(d.kind) +
                    "; only invoices and debit notes can be disputed");
    if (d.status == DocStatus::kVoid) fail_conflict("'" + d.id + "' is void");
    c.customer = d.customer;
    c.invoice = d.id;
    const auto cur = d.amount.currency();
    // Disputes may not overlap: together they cover at most the open balance.
    const Money free = in.kind == "dispute" ? d.open - disputed(d) : d.open;
    c.amount = in.amount ? Money::parse(*in.amount, cur) : free;
    if (!c.amount.is_positive())
      fail_conflict(in.amount ? "a disputed amount must be positive"
                              : "'" + d.id + "' has nothing open left to dispute");
    if (c.amount > free)
      fail_conflict("'" + d.id + "' has " + free.str() + " " + std::string(cur.code()) +
                    " open and not yet disputed; " + c.amount.str() + " is more");
  }
  if (in.kind == "dispute" && !valid_reason(in.reason) && in.reason != "deduction")
    fail_usage("--reason must be one of " + std::string(kReasons));
  c.id = next_number(tx_, tx_.config_or("dispute.series", "DSP-{YYYY}-{SEQ:05}"), in.date);
  if (store_.find_case(c.id)) fail_conflict("dispute id '" + c.id + "' is already taken");
  save(c, "opened", "", c.level, c.amount.str(), in.note, in.date);
  tx_.publish(events::DisputeOpened{c.id, c.customer, c.invoice, c.kind, c.amount, c.reason,
                                    c.level, c.owner, in.date, c.source, c.source_ref, in.note});
  return c;
}

Case Cases::note(const std::string& id, const std::string& text, Date date) {
  if (text.empty()) fail_usage("a note needs some text");
  auto c = store_.get_case(id);
  save(c, "noted", "", "", "", text, date);
  tx_.publish(events::DisputeNoted{c.id, c.customer, c.invoice, text, date});
  return c;
}

Case Cases::assign(const std::string& id, const std::string& owner, Date date) {
  if (owner.empty()) fail_usage("--owner needs a name");
  auto c = store_.get_case(id);
  if (c.status == "resolved") fail_conflict("'" + id + "' is resolved");
  const auto from = c.owner;
  c.owner = owner;
  save(c, "assigned", from, owner, "", "", date);
  tx_.publish(events::DisputeAssigned{c.id, c.customer, c.invoice, from, owner, date});
  return c;
}

Escalation Cases::escalate(const std::string& id, const std::string& to, const std::string& note,
                           const std::string& owner, Date date, bool automatic) {
  auto c = store_.get_case(id);
  if (c.status == "resolved") fail_conflict("'" + id + "' is resolved");
  const Level* target = nullptr;
  if (to.empty()) {
    target = ladder().next(c.level);
    if (!target) fail_conflict("'" + id + "' is at '" + c.level + "', the top of the ladder");
  } else {
    const auto want = ladder().index(to);
    if (!want) fail_conflict("no level '" + to + "' on the ladder (config disputes.ladder)");
    const auto here = ladder().index(c.level);
    if (here && *want <= *here)
      fail_conflict("'" + id + "' is at '" + c.level + "'; escalation goes up the ladder");
    target = &ladder().levels()[*want];
  }
  if (date < c.level_since)
    fail_conflict("'" + id + "' entered '" + c.level + "' on " + format_date(c.level_since) +
                  ", after " + format_date(date));
  Escalation e{c.id,
               c.customer,
               c.invoice,
               c.level,
               target->name,
               "",
               ladder().sla(c.level),
               days_between(c.level_since, date),
               date};
  c.level = target->name;
  c.level_since = date;
  if (!owner.empty()) {
    c.owner = owner;
  } else if (auto o = default_owner(c.level); !o.empty()) {
    c.owner = o;
  }
  e.owner = c.owner;
  std::string text = note;
  if (automatic)
    text = "SLA of " + std::to_string(e.sla_days) + " days at '" + e.from + "' passed (" +
           std::to_string(e.days_at_level) + " days)";
  save(c, "escalated", e.from, e.to, "", text, date);
  tx_.publish(events::DisputeEscalated{c.id, c.customer, c.invoice, e.from, e.to, e.owner,
                                       e.sla_days, date, automatic, text});
  return e;
}

std::vector<Escalation> Cases::escalate_due(Date as_of) {
  std::vector<std::string> due;
  for (const auto& c : store_.unresolved(std::nullopt))
    if (c.status == "open" && ladder().next(c.level) &&
        ladder().overdue(c.level, c.level_since, as_of))
      due.push_back(c.id);
  std::vector<Escalation> out;
  for (const auto& id : due)
    out.push_back(escalate(id, "", "", "", as_of, true));
  return out;
}

Json Cases::row(const Case& c, Date today) {
  Json j;
  j["id"] = c.id;
  j["status"] = c.status;
  j["kind"] = c.kind;
  j["customer"] = c.customer;
  j["invoice"] = c.invoice;
  put_money(j, "amount", c.amount);
  j["reason"] = c.reason;
  j["source"] = c.source;
  j["level"] = c.level;
  j["owner"] = c.owner;
  j["opened"] = format_date(c.opened);
  j["level_since"] = format_date(c.level_since);
  const int sla = ladder().sla(c.level);
  j["sla_days"] = sla;
  j["sla_due"] = sla > 0 ? format_date(c.level_since + std::chrono::days(sla)) : "";
  const bool open = c.status != "resolved";
  j["days_at_level"] = open ? std::max<std::int64_t>(0, days_between(c.level_since, today)) : 0;
  j["overdue"] = open && ladder().overdue(c.level, c.level_since, today);
  j["outcome"] = c.outcome;
  j["resolved"] = c.status == "resolved" ? format_date(c.resolved) : "";
  return j;
}

Json Cases::show(const std::string& id, Date today) {
  const auto c = store_.get_case(id);
  Json j = row(c, today);
  j["opened_by"] = c.opened_by;
  j["source_ref"] = c.source_ref;
  j["resolved_amount"] = c.status == "resolved" ? c.resolved_amount.str() : "";
  j["documents"] = c.documents;
  if (!c.invoice.empty()) {
    const auto d = tx_.document(c.invoice);
    const auto disputed_now = disputed(d);
    j["invoice_open"] = d.open.str();
    j["invoice_disputed"] = disputed_now.str();
    j["invoice_collectible"] = (d.open - disputed_now).str();
  }
  Json hist = Json::array();
  for (const auto& h : store_.history(id)) {
    Json r;
    r["n"] = h.n;
    r["date"] = format_date(h.date);
    r["actor"] = h.actor;
    r["action"] = h.action;
    r["from"] = h.from;
    r["to"] = h.to;
    r["amount"] = h.amount;
    r["note"] = h.note;
    hist.push_back(std::move(r));
  }
  j["history"] = hist;
  return j;
}

}  // namespace arctl::disputes
