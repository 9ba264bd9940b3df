// Cash forecast: each open debit item is expected on its due date shifted by
// the customer's average days late over its paid history, or on the date of
// an open promise to pay; amounts are summed per week from the business date.
#include <map>

#include "arctl/services.hpp"
#include "asof.hpp"
#include "report_parts.hpp"
#include "reports.hpp"

namespace arctl::statements {
namespace {

// Mean days late (rounded half away from zero) of a customer's fully paid
// invoices and debit notes: paid on the date of the last application that
// is still in force. 0 with no paid history.
std::int64_t average_days_late(Tx& tx, const std::string& customer, Date today) {
  std::int64_t sum = 0, count = 0;
  tx.documents_of(customer, kBeginning(), today, [&](const Document& d) {
    if (!is_debit(d.kind) || d.status != DocStatus::kClosed) return true;
    Date paid{};
    for (const auto& a : tx.applications_of(d.id))
      if (a.active() && a.date > paid) paid = a.date;
    if (paid == Date{}) return true;
    sum += days_between(d.due, paid);
    ++count;
    return true;
  });
  if (count == 0) return 0;
  return (sum >= 0 ? sum * 2 + count : sum * 2 - count) / (count * 2);
}

}  // namespace

Json report_forecast(Context& ctx, Tx& tx, const PluginHandle& h, Date today, int weeks) {
  std::map<std::string, std::vector<std::pair<Date, Money>>> promised;  // by invoice
  if (auto* ps = ctx.service<PromiseService>())
    for (const auto& p : ps->open_promises(tx, std::nullopt))
      if (!p.invoice.empty()) promised[p.invoice].push_back({p.date, p.amount});

  struct Cell {
    std::int64_t amount = 0;
    std::uint64_t items = 0;
  };
  // currency -> week (weeks = later) -> cell
  std::map<std::string, std::map<int, Cell>> cells;
  std::map<std::string, std::int64_t> late_of;
  auto add = [&](const Money& m, Date expected) {
    const auto days = std::max<std::int64_t>(0, days_between(today, expected));
    const int week = static_cast<int>(std::min<std::int64_t>(days / 7, weeks));
    auto& c = cells[code(m.currency())][week];
    c.amount = checked_add(c.amount, m.minor());
    ++c.items;
  };
  AsOf asof(tx, h, today);
  asof.open_items([&](const OpenItem& it) {
    if (!dunnable(it.kind) || it.customer.empty()) return true;
    Money left = it.open;
    if (auto p = promised.find(it.id); p != promised.end())
      for (const auto& [date, amount] : p->second) {
        const auto take = std::min(amount, left);
        if (!take.is_positive()) break;
        add(take, date);
        left -= take;
      }
    if (!left.is_positive()) return true;
    auto l = late_of.find(it.customer);
    if (l == late_of.end())
      l = late_of.emplace(it.customer, average_days_late(tx, it.customer, today)).first;
    add(left, it.due + std::chrono::days(l->second));
    return true;
  });
  Json rows = Json::array();
  for (const auto& [cur_code, by_week] : cells) {
    const auto cur = Currency::parse(cur_code);
    for (int w = 0; w <= weeks; ++w) {
      const auto it = by_week.find(w);
      const Cell c = it == by_week.end() ? Cell{} : it->second;
      Json j;
      j["week"] = w < weeks ? std::to_string(w + 1) : "later";
      j["from"] = format_date(today + std::chrono::days(7 * w));
      j["to"] = w < weeks ? format_date(today + std::chrono::days(7 * w + 6)) : "";
      j["currency"] = cur_code;
      j["expected"] = money_str(c.amount, cur);
      j["items"] = c.items;
      rows.push_back(std::move(j));
    }
  }
  return rows;
}

}  // namespace arctl::statements
