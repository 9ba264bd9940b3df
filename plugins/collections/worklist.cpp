// Building the worklist (see worklist.hpp): groups, facts, scores, the
// leave-out rules and the suggested action.
#include "worklist.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "strategies.hpp"

namespace arctl::collections {
namespace {

// A customer's top-most parent (attribute `parent`): itself when it has none,
// when the parent does not exist or is in another currency (amounts are not
// added across currencies), and where the chain loops.
std::string top_of(const std::map<std::string, Customer>& all, const Customer& c) {
  std::string top = c.id;
  std::set<std::string> seen{top};
  while (true) {
    const auto& cur = all.at(top);
    auto p = cur.attrs.find("parent");
    if (p == cur.attrs.end() || p->second.empty()) return top;
    auto parent = all.find(p->second);
    if (parent == all.end() || parent->second.currency != c.currency ||
        !seen.insert(parent->first).second)
      return top;
    top = parent->first;
  }
}

// The strategy step's action as one of the four a collector takes.
std::string action_of(const std::string& step) {
  if (step == "call" || step == "email" || step == "letter") return step;
  return step.empty() ? "call" : "escalate";  // manager, pre-legal, legal, agency
}

void gather_facts(Entry& e, const FollowUpFacts& f, const Weights& w, Date as_of,
                  std::optional<Date>& last_contact, std::optional<Date>& next_action) {
  if (f.last_contact && (!last_contact || *f.last_contact > *last_contact))
    last_contact = f.last_contact;
  if (f.next_action && (!next_action || *f.next_action < *next_action)) next_action = f.next_action;
  e.inputs.promises_due += static_cast<int>(f.promises_due.size());
  for (const auto& b : f.broken)
    if (b.broken <= as_of && days_between(b.broken, as_of) <= w.broken_promise_days)
      ++e.inputs.promises_broken;
  for (const auto& d : f.disputes)
    e.inputs.disputes_past_sla += d.past_sla ? 1 : 0;
}

// "code: words" for each term that counts, in the order of the terms.
std::vector<std::string> reasons_of(const Entry& e, std::optional<Date> last_contact,
                                    std::optional<Date> next_action) {
  std::vector<std::string> r;
  const auto& in = e.inputs;
  auto n = [](int k, const char* what) { return std::to_string(k) + " " + what; };
  // "1 promise due", "2 promises due".
  auto of = [](int k, const char* one, const char* many) {
    return std::to_string(k) + " " + (k == 1 ? one : many);
  };
  if (in.position.past_due.is_positive())
    r.push_back("past-due: " + in.position.past_due.str() + ", oldest " +
                n(in.position.oldest_days, "days"));
  if (in.promises_due)
    r.push_back("promise-due: " + of(in.promises_due, "promise due", "promises due"));
  if (in.promises_broken) r.push_back("promise-broken: " + n(in.promises_broken, "broken"));
  if (in.disputes_past_sla)
    r.push_back("dispute-sla: " +
                of(in.disputes_past_sla, "dispute past SLA", "disputes past SLA"));
  if (in.next_action_due) r.push_back("next-action: due " + format_date(*next_action));
  if (in.orders_held)
    r.push_back("hold: on credit hold, orders waiting");
  else if (in.on_hold)
    r.push_back("hold: on credit hold");
  r.push_back(last_contact ? "last-contact: " + format_date(*last_contact)
                           : "no-contact: never contacted");
  if (in.stage != Stage::kNormal) r.push_back(std::string("stage: ") + stage_name(in.stage));
  if (e.scheduled) r.push_back("scheduled: next action " + format_date(*next_action));
  return r;
}

}  // namespace

std::string collector_of(const Customer& c) {
  auto it = c.attrs.find("collector");
  return it == c.attrs.end() ? "" : it->second;
}

std::vector<Entry> build_worklist(Tx& tx, const PluginHandle& handle, const WorklistServices& s,
                                  Date as_of) {
  const Weights w = load_weights(tx);
  std::map<std::string, Customer> all;
  tx.for_each_customer([&](const Customer& c) {
    all.emplace(c.id, c);
    return true;
  });
  const auto facts =
      s.followup ? s.followup->all_facts(tx, as_of) : std::map<std::string, FollowUpFacts>{};
  const auto disputed = s.disputes ? s.disputes->disputed_documents(tx, std::nullopt)
                                   : std::map<std::string, Money>{};

  struct Group {
    Entry e;
    std::optional<Date> last_contact, next_action;
  };
  std::map<std::string, Group> groups;
  for (const auto& [id, c] : all) {
    const auto top = top_of(all, c);
    auto [it, fresh] = groups.try_emplace(top);
    auto& g = it->second;
    if (fresh) {
      g.e.customer = all.at(top);
      g.e.inputs.position = Position(g.e.customer.currency);
    }
    if (id != top) g.e.members.push_back(id);
    g.e.inputs.position.add(position(tx, c, as_of, &disputed));
    if (auto f = facts.find(id); f != facts.end())
      gather_facts(g.e, f->second, w, as_of, g.last_contact, g.next_action);
    if (s.holds && s.holds->status(tx, id).on_hold) {
      g.e.inputs.on_hold = true;
      // Without the orders service, the hold alone counts.
      if (!s.orders || s.orders->open_orders(tx, id).is_positive()) g.e.inputs.orders_held = true;
    }
  }

  std::vector<Entry> out;
  for (auto& [top, g] : groups) {
    Entry& e = g.e;
    auto& in = e.inputs;
    if (g.last_contact)
      in.days_since_contact = static_cast<int>(days_between(*g.last_contact, as_of));
    in.next_action_due = g.next_action && *g.next_action <= as_of;
    in.stage = current_stage(tx, handle, top).stage;
    const bool past_due = in.position.past_due.is_positive();
    // An item is new when it fell past due after the last contact (on due + 1).
    const bool new_past_due = in.position.newest_past_due &&
                              (!g.last_contact || *in.position.newest_past_due >= *g.last_contact);
    const bool pressing = in.promises_due || in.promises_broken || in.disputes_past_sla;
    e.listed = past_due || pressing || in.next_action_due;
    e.scheduled = g.next_action && *g.next_action > as_of && !pressing && !new_past_due;
    e.score = score(in, w);
    if (in.stage >= Stage::kPreLegal) {
      e.action = "escalate";
      e.step = stage_name(in.stage);
    } else {
      const auto step = step_due(strategy_for(tx, e.customer), in.position.oldest_days);
      e.step = step ? step->action : "";
      e.action = action_of(e.step);
    }
    e.contact = Contacts(tx, handle).to_reach(top);
    e.reasons = reasons_of(e, g.last_contact, g.next_action);
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) {
    if (a.score.total != b.score.total) return a.score.total > b.score.total;
    const auto pa = a.inputs.position.past_due.minor(), pb = b.inputs.position.past_due.minor();
    if (pa != pb) return pa > pb;
    return a.customer.id < b.customer.id;
  });
  return out;
}

}  // namespace arctl::collections
