// Paid invoices, counting applications and journal counts as of a date.
#include "ledger_facts.hpp"

#include <set>

#include "arctl/events/disputes.hpp"
#include "arctl/journal.hpp"

namespace arctl::collections {

std::string percent_text(std::int64_t part, std::int64_t whole) {
  return whole == 0 ? "" : ratio_text(static_cast<Wide>(part) * 100, whole, 2);
}

std::string money_text(std::int64_t minor, const Currency& c) {
  return Money(minor, c).str();
}

bool alive_on(const Document& d, Date as_of) {
  if (d.issued > as_of) return false;
  if (d.status != DocStatus::kVoid) return true;
  const auto v = d.links.find("voided_on");
  if (v == d.links.end()) return false;
  const auto on = try_parse_date(v->second);
  return on && *on > as_of;
}

std::vector<Application> counting(const std::vector<Application>& apps, Date as_of) {
  std::set<std::uint64_t> undone;
  for (const auto& a : apps)
    if (a.is_reversal() && a.date <= as_of) undone.insert(a.reverses);
  std::vector<Application> out;
  for (const auto& a : apps)
    if (!a.is_reversal() && a.date <= as_of && !undone.count(a.id)) out.push_back(a);
  return out;
}

std::int64_t open_on(const Document& d, const std::vector<Application>& apps, Date as_of) {
  if (!alive_on(d, as_of)) return 0;
  std::int64_t open = d.amount.minor();
  for (const auto& a : counting(apps, as_of))
    open -= a.amount.minor();
  return open;
}

PaymentFacts payment_facts(Tx& tx, const Customer& c, Date largest_from, Date as_of) {
  PaymentFacts f;
  f.currency = c.currency;
  std::map<std::string, DocKind> kinds;  // of the applications' sources
  auto kind_of = [&](const std::string& id) {
    auto it = kinds.find(id);
    if (it == kinds.end()) it = kinds.emplace(id, tx.document(id).kind).first;
    return it->second;
  };
  tx.documents_of(c.id, Date(std::chrono::days(-1'000'000)), as_of, [&](const Document& d) {
    if (!alive_on(d, as_of)) return true;
    if (d.kind == DocKind::kReceipt) {
      if (!f.last_payment || d.issued > *f.last_payment) {
        f.last_payment = d.issued;
        f.last_payment_amount = 0;
      }
      f.last_payment_amount = checked_add(f.last_payment_amount, d.amount.minor());
      return true;
    }
    if (d.kind != DocKind::kInvoice && d.kind != DocKind::kDebitNote) return true;
    if (d.issued > largest_from && d.amount.minor() > f.largest_amount) {
      f.largest_amount = d.amount.minor();
      f.largest_id = d.id;
    }
    std::int64_t settled = 0;
    bool cash = false;
    Date last{};
    for (const auto& a : counting(tx.applications_of(d.id), as_of)) {
      settled = checked_add(settled, a.amount.minor());
      cash = cash || kind_of(a.from) == DocKind::kReceipt;
      last = std::max(last, a.date);
    }
    if (settled == d.amount.minor() && cash)
      f.paid.push_back({d.id, d.issued, d.due, last, d.amount.minor()});
    return true;
  });
  return f;
}

namespace {

std::optional<Date> payload_date(const Json& p, const char* key) {
  const auto it = p.find(key);
  if (it == p.end() || !it->is_string()) return std::nullopt;
  return try_parse_date(it->get<std::string>());
}

std::string payload_text(const Json& p, const char* key) {
  const auto it = p.find(key);
  return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::map<std::string, EventCounts> count_events(Tx& tx, Date from, Date to) {
  std::map<std::string, EventCounts> out;
  std::set<std::string> disputes;  // case ids opened as disputes, at any date
  auto in = [&](const std::optional<Date>& d) { return d && *d >= from && *d <= to; };
  tx.journal(1, [&](const JournalEntry& e) {
    const auto& p = e.payload;
    const auto customer = payload_text(p, "customer");
    if (e.type == events::ActivityAdded::kName) {
      if (in(payload_date(p, "date"))) out[customer].activities++;
    } else if (e.type == events::PromiseAdded::kName) {
      if (in(payload_date(p, "made"))) out[customer].promises_made++;
    } else if (e.type == events::PromiseKept::kName) {
      if (in(payload_date(p, "checked"))) out[customer].promises_kept++;
    } else if (e.type == events::PromiseBroken::kName) {
      if (in(payload_date(p, "checked"))) out[customer].promises_broken++;
    } else if (e.type == events::DisputeOpened::kName) {
      if (payload_text(p, "kind") != "dispute") return true;
      disputes.insert(payload_text(p, "id"));
      if (in(payload_date(p, "date"))) out[customer].disputes_opened++;
    } else if (e.type == events::DisputeResolved::kName) {
      if (disputes.count(payload_text(p, "id")) && in(payload_date(p, "date")))
        out[customer].disputes_resolved++;
    }
    return true;
  });
  return out;
}

}  // namespace arctl::collections
