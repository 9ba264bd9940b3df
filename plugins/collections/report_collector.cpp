// `report collector`: cash, targets, contacts, promises, disputes, past due
// and DSO per collector's portfolio for one month.
#include "report_collector.hpp"

#include <map>
#include <set>

#include "ledger_facts.hpp"
#include "targets.hpp"

namespace arctl::collections {

const char* const kCollectorFormulas =
    "Per collector (the customer attribute `collector`; (unassigned) for customers without\n"
    "one), over the customers it has now, for the month --period:\n"
    "- cash_collected: receipt applications dated in the month to the portfolio's invoices and\n"
    "  debit notes, less reversals dated in the month of receipt applications (whenever made).\n"
    "- target: `target set` for the collector and month; target_pct = cash / target x 100.\n"
    "- accounts_contacted: customers with at least one activity logged in the month.\n"
    "- promises_made (made in the month), promises_kept and promises_broken (judged in it).\n"
    "- disputes_opened and disputes_resolved in the month (dispute cases only, not the\n"
    "  collection cases of broken promises).\n"
    "- past_due_start / past_due_end: open amount of invoices and debit notes whose due date\n"
    "  is before the day, as of the day before the month and as of its last day.\n"
    "- dso (as `report dso`, standard): AR at the month's end (open debits less open credits)\n"
    "  x days in the month / the month's credit sales (invoices and debit notes dated in it,\n"
    "  not void), 1 decimal; empty without sales.\n"
    "Amounts are exact; percentages and DSO are rounded half away from zero.";

namespace {

struct Row {
  Currency currency;
  std::int64_t cash = 0, past_due_start = 0, past_due_end = 0, ar_end = 0, sales = 0;
  int contacted = 0;
  EventCounts events;
  std::optional<Money> target;
};

bool debit_to_collect(DocKind k) {
  return k == DocKind::kInvoice || k == DocKind::kDebitNote;
}

// Adds customer `c`'s figures for the month to `r`.
void add_customer(Tx& tx, const Customer& c, Period p, Row& r,
                  std::map<std::string, DocKind>& kinds) {
  const Date first = p.first_day(), last = p.last_day();
  const Date before = first - std::chrono::days(1);
  auto kind_of = [&](const std::string& id) {
    auto it = kinds.find(id);
    if (it == kinds.end()) it = kinds.emplace(id, tx.document(id).kind).first;
    return it->second;
  };
  auto in_month = [&](Date d) { return d >= first && d <= last; };
  tx.documents_of(c.id, Date(std::chrono::days(-1'000'000)), last, [&](const Document& d) {
    const auto apps = tx.applications_of(d.id);
    const auto open = open_on(d, apps, last);
    if (!is_debit(d.kind)) {
      r.ar_end = checked_add(r.ar_end, -open);
      return true;
    }
    r.ar_end = checked_add(r.ar_end, open);
    if (!debit_to_collect(d.kind)) return true;
    if (in_month(d.issued) && d.status != DocStatus::kVoid)
      r.sales = checked_add(r.sales, d.amount.minor());
    if (d.due < before) r.past_due_start = checked_add(r.past_due_start, open_on(d, apps, before));
    if (d.due < last) r.past_due_end = checked_add(r.past_due_end, open);
    for (const auto& a : apps) {
      if (!in_month(a.date) || kind_of(a.from) != DocKind::kReceipt) continue;
      r.cash = checked_add(r.cash, a.is_reversal() ? -a.amount.minor() : a.amount.minor());
    }
    return true;
  });
}

void add_events(EventCounts& to, const EventCounts& e) {
  to.activities += e.activities;
  to.promises_made += e.promises_made;
  to.promises_kept += e.promises_kept;
  to.promises_broken += e.promises_broken;
  to.disputes_opened += e.disputes_opened;
  to.disputes_resolved += e.disputes_resolved;
}

// Collectors by name, kUnassigned last.
struct CollectorOrder {
  bool operator()(const std::pair<std::string, std::string>& a,
                  const std::pair<std::string, std::string>& b) const {
    const bool ua = a.first == kUnassigned, ub = b.first == kUnassigned;
    if (ua != ub) return ub;
    return a < b;
  }
};

}  // namespace

Json report_collector(Tx& tx, const PluginHandle& h, Period p,
                      std::optional<std::string> collector) {
  const auto counts = count_events(tx, p.first_day(), p.last_day());
  std::map<std::pair<std::string, std::string>, Row, CollectorOrder> rows;
  std::map<std::string, DocKind> kinds;
  tx.for_each_customer([&](const Customer& c) {
    const auto it = c.attrs.find("collector");
    const std::string name = it == c.attrs.end() || it->second.empty() ? kUnassigned : it->second;
    if (collector && name != *collector) return true;
    auto& r = rows[{name, std::string(c.currency.code())}];
    r.currency = c.currency;
    add_customer(tx, c, p, r, kinds);
    if (const auto e = counts.find(c.id); e != counts.end()) {
      add_events(r.events, e->second);
      if (e->second.activities > 0) r.contacted++;
    }
    return true;
  });
  for (const auto& t : list_targets(tx, h, collector, p)) {
    auto& r = rows[{t.collector, std::string(t.amount.currency().code())}];
    r.currency = t.amount.currency();
    r.target = t.amount;
  }
  Json out = Json::array();
  for (const auto& [key, r] : rows) {
    const auto& cur = r.currency;
    Json j;
    j["collector"] = key.first;
    j["period"] = p.str();
    j["currency"] = key.second;
    j["cash_collected"] = money_text(r.cash, cur);
    j["target"] = r.target ? r.target->str() : "";
    j["target_pct"] = r.target ? percent_text(r.cash, r.target->minor()) : "";
    j["accounts_contacted"] = r.contacted;
    j["promises_made"] = r.events.promises_made;
    j["promises_kept"] = r.events.promises_kept;
    j["promises_broken"] = r.events.promises_broken;
    j["disputes_opened"] = r.events.disputes_opened;
    j["disputes_resolved"] = r.events.disputes_resolved;
    j["past_due_start"] = money_text(r.past_due_start, cur);
    j["past_due_end"] = money_text(r.past_due_end, cur);
    j["ending_ar"] = money_text(r.ar_end, cur);
    j["credit_sales"] = money_text(r.sales, cur);
    const auto days = days_between(p.first_day(), p.last_day()) + 1;
    j["dso"] = r.sales > 0 ? ratio_text(static_cast<Wide>(r.ar_end) * days, r.sales, 1) : "";
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace arctl::collections
