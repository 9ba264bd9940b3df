// Open items as of a date: the index when it is current, a replay of
// documents and applications otherwise.
#include "asof.hpp"

#include "arctl/codec.hpp"

namespace arctl::statements {
Money open_as_of(Tx& tx, const Document& d, Date as_of) {
  if (d.issued > as_of) return Money::zero(d.amount.currency());
  if (d.status == DocStatus::kVoid) {
    // Voided on or before as_of: gone. Voided after it: open then as far as
    // its applications of that day say (a receipt reversed later was applied
    // on as_of; its applications' reversals carry the later date).
    auto v = d.links.find("voided_on");
    if (v == d.links.end() || parse_date(v->second) <= as_of)
      return Money::zero(d.amount.currency());
  }
  Money open = d.amount;
  for (const auto& a : tx.applications_of(d.id))
    if (a.date <= as_of) open += a.is_reversal() ? a.amount : -a.amount;
  return open;
}

AsOf::AsOf(Tx& tx, const PluginHandle& h, Date as_of) : tx_(tx), as_of_(as_of) {
  (void)h;
  const auto mark = tx.latest_activity();
  fast_ = mark && *mark <= as_of;
  // An empty ledger has no watermark and nothing to replay either way.
  if (!mark) {
    bool any = false;
    tx.open_items([&](const OpenItem&) { return !(any = true); });
    fast_ = !any;
  }
}

void AsOf::open_items(const std::function<bool(const OpenItem&)>& fn,
                      std::optional<std::string_view> customer) {
  if (fast_) {
    tx_.open_items([&](const OpenItem& it) { return it.issued > as_of_ || fn(it); }, customer);
    return;
  }
  if (customer) {
    customer_items(*customer, fn);
    return;
  }
  if (!customer_items("", fn)) return;
  tx_.for_each_customer([&](const Customer& c) { return customer_items(c.id, fn); });
}

bool AsOf::customer_items(std::string_view customer,
                          const std::function<bool(const OpenItem&)>& fn) {
  bool go = true;
  tx_.documents_of(customer, Date(std::chrono::days(-1'000'000)), as_of_, [&](const Document& d) {
    const auto open = open_as_of(tx_, d, as_of_);
    if (!open.is_positive()) return true;
    go = fn(OpenItem{d.customer, d.id, d.kind, d.issued, d.due, open, false, std::nullopt});
    return go;
  });
  return go;
}

}  // namespace arctl::statements
