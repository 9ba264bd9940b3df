// Aging: one pass over the open items as of the date (the covering index
// when it is current), summing minor units per customer and bucket.
#include "aging.hpp"

#include "arctl/error.hpp"
#include "asof.hpp"
#include "groups.hpp"

namespace arctl::statements {
namespace {

AgedRow empty_row(std::string customer, const Currency& cur, std::size_t n) {
  AgedRow r;
  r.customer = std::move(customer);
  r.currency = cur;
  r.buckets.assign(n, 0);
  return r;
}

void add_into(AgedRow& into, const AgedRow& row) {
  for (std::size_t i = 0; i < row.buckets.size(); ++i)
    into.buckets[i] = checked_add(into.buckets[i], row.buckets[i]);
  into.credits = checked_add(into.credits, row.credits);
  into.total = checked_add(into.total, row.total);
  into.disputed = checked_add(into.disputed, row.disputed);
  into.items += row.items;
}

}  // namespace

Aging compute_aging(Tx& tx, const PluginHandle& h, const AgingOptions& o,
                    DisputeService* disputes) {
  Aging out;
  out.options = o;
  out.has_disputes = disputes != nullptr;
  std::map<std::string, Money> disputed;
  if (disputes) {
    if (o.customer)
      disputed = disputes->disputed_documents(tx, std::string_view(*o.customer));
    else
      disputed = disputes->disputed_documents(tx, std::nullopt);
  }
  if (o.customer && !o.customer->empty()) tx.customer(*o.customer);
  AsOf asof(tx, h, o.as_of);
  out.from_index = asof.from_index();
  const auto n = o.buckets.size();

  std::optional<AgedRow> cur;
  auto finish = [&] {
    if (!cur) return;
    if (!o.min_balance.empty() && cur->total < Money::parse(o.min_balance, cur->currency).minor()) {
      cur.reset();
      return;
    }
    if (auto c = tx.find_customer(cur->customer)) cur->name = c->name;
    if (cur->customer.empty()) cur->name = "(unassigned receipts)";
    auto [it, fresh] = out.totals.try_emplace(code(cur->currency), empty_row("", cur->currency, n));
    add_into(it->second, *cur);
    out.customers.push_back(std::move(*cur));
    cur.reset();
  };
  asof.open_items(
      [&](const OpenItem& it) {
        if (cur && (cur->customer != it.customer || !(cur->currency == it.open.currency())))
          finish();
        if (!cur) cur = empty_row(it.customer, it.open.currency(), n);
        const bool debit = is_debit(it.kind);
        const auto amount = debit ? it.open.minor() : -it.open.minor();
        if (debit) {
          const auto b =
              o.buckets.index(days_between(o.invoice_basis ? it.issued : it.due, o.as_of));
          cur->buckets[b] = checked_add(cur->buckets[b], amount);
        } else {
          cur->credits = checked_add(cur->credits, amount);
        }
        cur->total = checked_add(cur->total, amount);
        ++cur->items;
        if (debit)
          if (auto d = disputed.find(it.id); d != disputed.end())
            cur->disputed += std::min(d->second.minor(), it.open.minor());
        return true;
      },
      o.customer ? std::optional<std::string_view>(*o.customer) : std::nullopt);
  finish();
  return out;
}

Aging group_aging(Tx& tx, const Aging& a, const std::string& min_balance) {
  const auto top = top_parents(tx);
  std::map<std::pair<std::string, std::string>, AgedRow> groups;  // (group, currency)
  for (const auto& r : a.customers) {
    const auto t = top.find(r.customer);
    const auto& id = t == top.end() ? r.customer : t->second;
    auto [it, fresh] =
        groups.try_emplace({id, code(r.currency)}, empty_row(id, r.currency, r.buckets.size()));
    add_into(it->second, r);
  }
  Aging out;
  out.options = a.options;
  out.from_index = a.from_index;
  out.has_disputes = a.has_disputes;
  for (auto& [key, g] : groups) {
    if (!min_balance.empty() && g.total < Money::parse(min_balance, g.currency).minor()) continue;
    if (auto c = tx.find_customer(g.customer)) g.name = c->name;
    if (g.customer.empty()) g.name = "(unassigned receipts)";
    auto [it, fresh] =
        out.totals.try_emplace(code(g.currency), empty_row("", g.currency, g.buckets.size()));
    add_into(it->second, g);
    out.customers.push_back(std::move(g));
  }
  return out;
}

namespace {

Json row_json(const Aging& a, const AgedRow& r, const char* kind, std::int64_t grand) {
  Json j;
  j["row"] = kind;
  j["customer"] = r.customer;
  j["name"] = r.name;
  j["currency"] = code(r.currency);
  const auto labels = a.options.buckets.labels();
  for (std::size_t i = 0; i < labels.size(); ++i)
    j[labels[i]] = money_str(r.buckets[i], r.currency);
  j["credits"] = money_str(r.credits, r.currency);
  j["total"] = money_str(r.total, r.currency);
  j["pct"] = percent(r.total, grand);
  j["items"] = r.items;
  // Last, so that the columns before it do not move with the disputes plugin.
  if (a.has_disputes) j["disputed"] = money_str(r.disputed, r.currency);
  return j;
}

}  // namespace

Json aging_rows(const Aging& a, const char* kind) {
  Json rows = Json::array();
  for (const auto& r : a.customers)
    rows.push_back(row_json(a, r, kind, a.totals.at(code(r.currency)).total));
  for (const auto& [cur, t] : a.totals) {
    auto j = row_json(a, t, "total", t.total);
    j["name"] = "TOTAL";
    rows.push_back(std::move(j));
  }
  return rows;
}

Json aging_summary(const Aging& a) {
  Json rows = Json::array();
  const auto labels = a.options.buckets.labels();
  for (const auto& [cur, t] : a.totals) {
    for (std::size_t i = 0; i < labels.size(); ++i)
      rows.push_back(Json{{"currency", cur},
                          {"bucket", labels[i]},
                          {"amount", money_str(t.buckets[i], t.currency)},
                          {"pct", percent(t.buckets[i], t.total)}});
    rows.push_back(Json{{"currency", cur},
                        {"bucket", "credits"},
                        {"amount", money_str(t.credits, t.currency)},
                        {"pct", percent(t.credits, t.total)}});
    if (a.has_disputes)
      rows.push_back(Json{{"currency", cur},
                          {"bucket", "disputed"},
                          {"amount", money_str(t.disputed, t.currency)},
                          {"pct", percent(t.disputed, t.total)}});
    rows.push_back(Json{{"currency", cur},
                        {"bucket", "total"},
                        {"amount", money_str(t.total, t.currency)},
                        {"pct", percent(t.total, t.total)}});
  }
  return rows;
}

}  // namespace arctl::statements
