// Open items as of a date: the index when it is current; otherwise today's
// open items with the later changes undone, or a replay of documents and
// applications.
#include "asof.hpp"

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <map>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "arctl/codec.hpp"
#include "arctl/log.hpp"

namespace arctl::statements {
namespace {

// Whether a void document counts as never posted as of `as_of`: voided on or
// before it, or before void dates were kept.
bool void_by(const Document& d, Date as_of) {
  auto v = d.links.find("voided_on");
  return v == d.links.end() || parse_date(v->second) <= as_of;
}

OpenItem item_of(const OpenItem& it, const Money& open) {
  return OpenItem{it.customer, it.id, it.kind, it.issued, it.due, open, false, std::nullopt};
}

OpenItem item_of(const Document& d, const Money& open) {
  return OpenItem{d.customer, d.id, d.kind, d.issued, d.due, open, false, std::nullopt};
}

}  // namespace

Money open_as_of(Tx& tx, const Document& d, Date as_of) {
  if (d.issued > as_of) return Money::zero(d.amount.currency());
  // Voided after as_of: open then as far as its applications of that day say
  // (a receipt reversed later was applied on as_of; its applications'
  // reversals carry the later date).
  if (d.status == DocStatus::kVoid && void_by(d, as_of)) return Money::zero(d.amount.currency());
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
  const char* replay = std::getenv("ARCTL_ASOF_REPLAY");
  replay_ = replay != nullptr && std::string_view(replay) == "1";
}

void AsOf::open_items(const std::function<bool(const OpenItem&)>& fn,
                      std::optional<std::string_view> customer) {
  if (fast_) {
    tx_.open_items([&](const OpenItem& it) { return it.issued > as_of_ || fn(it); }, customer);
    return;
  }
  // One customer's history is small; the index of changes covers the ledger.
  if (customer) {
    customer_items(*customer, fn);
    return;
  }
  if (!replay_ && undo_later_changes(fn)) return;
  if (log::enabled(2))
    log::debug("as of " + format_date(as_of_) +
               ": replaying each customer's documents and applications");
  if (!customer_items("", fn)) return;
  tx_.for_each_customer([&](const Customer& c) { return customer_items(c.id, fn); });
}

bool AsOf::customer_items(std::string_view customer,
                          const std::function<bool(const OpenItem&)>& fn) {
  bool go = true;
  tx_.documents_of(customer, Date(std::chrono::days(-1'000'000)), as_of_, [&](const Document& d) {
    const auto open = open_as_of(tx_, d, as_of_);
    if (!open.is_positive()) return true;
    go = fn(item_of(d, open));
    return go;
  });
  return go;
}

// A document's open amount as of the date is today's less what its changes
// after the date did (Tx::changes_after); one issued after the date is left
// out. That equals the replay's amount less applications plus reversals up to
// the date, because today's open amount is the amount less all of them
// (`arctl check` holds it to that). Each customer's items are sorted by issue
// date and id, the replay's order, so that every report reads the same
// sequence whichever way it was made.
bool AsOf::undo_later_changes(const std::function<bool(const OpenItem&)>& fn) {
  std::unordered_map<std::string, std::int64_t> undo;  // document -> effect after the date
  std::uint64_t later = 0;
  if (!tx_.changes_after(as_of_, [&](const DatedChange& c) {
        ++later;
        if (c.issued <= as_of_) undo[c.document] += c.effect;
        return true;
      }))
    return false;
  if (log::enabled(2))
    log::debug("as of " + format_date(as_of_) + ": today's open items less the changes after it (" +
               std::to_string(later) + ", to " + std::to_string(undo.size()) +
               " documents issued by then)");
  // The documents changed after the date: their amount then, from their own
  // record (one read each). Those open today are met again in the scan below;
  // the others (closed or void since) are added to their customer's items.
  std::unordered_map<std::string, Money> changed_open;
  std::map<std::string, std::vector<OpenItem>> closed_since;  // by customer
  for (const auto& [id, effect] : undo) {
    const auto d = tx_.document(id);
    const auto cur = d.amount.currency();
    auto open = d.open - Money(effect, cur);
    if (d.status == DocStatus::kVoid && void_by(d, as_of_)) open = Money::zero(cur);
    if (d.open.is_positive())
      changed_open.emplace(id, open);
    else if (open.is_positive())
      closed_since[d.customer].push_back(item_of(d, open));
  }

  std::vector<OpenItem> items;  // the current customer's
  std::optional<std::string> current;
  auto other = closed_since.begin();
  auto emit = [&](std::vector<OpenItem>& v) {
    std::sort(v.begin(), v.end(), [](const OpenItem& a, const OpenItem& b) {
      return std::tie(a.issued, a.id) < std::tie(b.issued, b.id);
    });
    for (const auto& it : v)
      if (!fn(it)) return false;
    v.clear();
    return true;
  };
  // The current customer's items, after those of the customers before it
  // that have nothing open today.
  auto flush = [&] {
    for (; other != closed_since.end() && other->first < *current; ++other)
      if (!emit(other->second)) return false;
    if (other != closed_since.end() && other->first == *current) {
      std::move(other->second.begin(), other->second.end(), std::back_inserter(items));
      ++other;
    }
    return emit(items);
  };
  bool go = true;
  tx_.open_items([&](const OpenItem& it) {
    if (current != it.customer) {
      if (current && !(go = flush())) return false;
      current = it.customer;
    }
    if (it.issued > as_of_) return true;
    const auto changed = changed_open.empty() ? changed_open.end() : changed_open.find(it.id);
    const auto& open = changed == changed_open.end() ? it.open : changed->second;
    if (open.is_positive()) items.push_back(item_of(it, open));
    return true;
  });
  if (!go || (current && !flush())) return true;
  for (; other != closed_since.end(); ++other)
    if (!emit(other->second)) return true;
  return true;
}

}  // namespace arctl::statements
