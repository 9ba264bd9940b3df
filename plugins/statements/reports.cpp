// DSO, CEI and activity: sums over AR as of a date and over documents
// issued in a range, in minor units per currency.
#include "reports.hpp"

#include <set>

#include "arctl/error.hpp"
#include "asof.hpp"
#include "report_parts.hpp"

namespace arctl::statements {

std::map<std::string, ArTotals> ar_as_of(Tx& tx, const PluginHandle& h, Date d) {
  std::map<std::string, ArTotals> out;
  AsOf asof(tx, h, d);
  asof.open_items([&](const OpenItem& it) {
    auto& t = out[code(it.open.currency())];
    const bool debit = is_debit(it.kind);
    const auto v = debit ? it.open.minor() : -it.open.minor();
    t.total = checked_add(t.total, v);
    if (!debit || it.due >= d) t.current = checked_add(t.current, v);
    return true;
  });
  return out;
}

MonthlySales monthly_sales(Tx& tx, Period from, Period to) {
  MonthlySales out;
  auto visit = [&](const Document& d) {
    if (d.status == DocStatus::kVoid) return true;
    if (d.kind != DocKind::kInvoice && d.kind != DocKind::kDebitNote) return true;
    auto& v = out[code(d.amount.currency())][Period::of(d.issued)];
    v = checked_add(v, d.amount.minor());
    return true;
  };
  tx.for_each_customer([&](const Customer& c) {
    tx.documents_of(c.id, from.first_day(), to.last_day(), visit);
    return true;
  });
  return out;
}

namespace {

Period previous(Period p) {
  return p.month == 1 ? Period{p.year - 1, 12} : Period{p.year, p.month - 1};
}

std::int64_t days_in(Period p) {
  return days_between(p.first_day(), p.last_day()) + 1;
}

// The currency codes that key any of `maps`, in order: a report has one row per
// currency that has AR or sales.
template <class... Maps>
std::set<std::string> currencies_of(const Maps&... maps) {
  std::set<std::string> out;
  auto add = [&](const auto& m) {
    for (const auto& entry : m)
      out.insert(entry.first);
  };
  (add(maps), ...);
  return out;
}

constexpr int kCountbackMonths = 36;

}  // namespace

Json report_dso(Tx& tx, const PluginHandle& h, Period p, bool countback) {
  Period first = p;
  if (countback)
    for (int i = 1; i < kCountbackMonths; ++i)
      first = previous(first);
  const auto sales = monthly_sales(tx, first, p);
  const auto ar = ar_as_of(tx, h, p.last_day());
  Json rows = Json::array();
  for (const auto& cur_code : currencies_of(ar, sales)) {
    const auto cur = Currency::parse(cur_code);
    const auto ar_end = ar.count(cur_code) ? ar.at(cur_code).total : 0;
    std::map<Period, std::int64_t> none;
    const auto& s = sales.count(cur_code) ? sales.at(cur_code) : none;
    auto sales_of = [&](Period m) { return s.count(m) ? s.at(m) : std::int64_t{0}; };
    Json j;
    j["period"] = p.str();
    j["method"] = countback ? "countback" : "standard";
    j["currency"] = cur_code;
    j["ending_ar"] = money_str(ar_end, cur);
    j["credit_sales"] = money_str(sales_of(p), cur);
    j["days_in_period"] = days_in(p);
    if (!countback) {
      j["dso"] =
          sales_of(p) > 0 ? ratio_str(static_cast<Wide>(ar_end) * days_in(p), sales_of(p), 1) : "";
    } else {
      // Walk back month by month, consuming each month's sales from the AR.
      std::int64_t remaining = ar_end, whole_days = 0;
      Wide num = 0, den = 1;
      int months = 0;
      for (Period m = p; remaining > 0 && months < kCountbackMonths; m = previous(m), ++months) {
        const auto sm = sales_of(m);
        if (sm <= remaining) {
          whole_days += days_in(m);
          remaining -= sm;
          continue;
        }
        num = static_cast<Wide>(remaining) * days_in(m);
        den = sm;
        remaining = 0;
      }
      j["months_counted"] = months;
      j["dso"] = ratio_str(static_cast<Wide>(whole_days) * den + num, den, 1);
    }
    rows.push_back(std::move(j));
  }
  return rows;
}

Json report_cei(Tx& tx, const PluginHandle& h, Period p) {
  const auto sales = monthly_sales(tx, p, p);
  const auto begin = ar_as_of(tx, h, p.first_day() - std::chrono::days(1));
  const auto end = ar_as_of(tx, h, p.last_day());
  Json rows = Json::array();
  for (const auto& cur_code : currencies_of(begin, end, sales)) {
    const auto cur = Currency::parse(cur_code);
    const auto b = begin.count(cur_code) ? begin.at(cur_code).total : 0;
    const auto e = end.count(cur_code) ? end.at(cur_code) : ArTotals{};
    std::int64_t s = 0;
    if (sales.count(cur_code))
      for (const auto& [m, v] : sales.at(cur_code))
        s = checked_add(s, v);
    const auto collected = checked_add(b, s) - e.total;
    const auto collectible = checked_add(b, s) - e.current;
    Json j;
    j["period"] = p.str();
    j["currency"] = cur_code;
    j["beginning_ar"] = money_str(b, cur);
    j["credit_sales"] = money_str(s, cur);
    j["ending_ar"] = money_str(e.total, cur);
    j["ending_current_ar"] = money_str(e.current, cur);
    j["collected"] = money_str(collected, cur);
    j["collectible"] = money_str(collectible, cur);
    j["cei"] =
        collectible != 0 ? ratio_str(static_cast<Wide>(collected) * 100, collectible, 2) : "";
    rows.push_back(std::move(j));
  }
  return rows;
}

Json report_activity(Tx& tx, Date from, Date to) {
  static const char* const kCols[] = {"invoiced",  "collected", "credited", "written_off",
                                      "discounts", "returned",  "refunded"};
  auto column = [](DocKind k) -> int {
    switch (k) {
      case DocKind::kInvoice:
      case DocKind::kDebitNote:
        return 0;
      case DocKind::kReceipt:
        return 1;
      case DocKind::kCreditNote:
        return 2;
      case DocKind::kWriteOff:
        return 3;
      case DocKind::kDiscount:
        return 4;
      case DocKind::kPaymentReturn:
        return 5;
      case DocKind::kRefund:
        return 6;
    }
    return 0;
  };
  struct Row {
    std::string customer, name;
    Currency cur;
    std::int64_t v[7] = {};
  };
  std::vector<Row> rows;
  std::map<std::string, Row> totals;
  auto customer_rows = [&](const std::string& id, const std::string& name) {
    std::map<std::string, Row> by_cur;
    tx.documents_of(id, from, to, [&](const Document& d) {
      if (d.status == DocStatus::kVoid) return true;
      auto& r = by_cur[code(d.amount.currency())];
      r.customer = id;
      r.name = name;
      r.cur = d.amount.currency();
      auto& cell = r.v[column(d.kind)];
      cell = checked_add(cell, d.amount.minor());
      return true;
    });
    for (auto& [c, r] : by_cur) {
      auto& t = totals[c];
      t.cur = r.cur;
      t.name = "TOTAL";
      for (int i = 0; i < 7; ++i)
        t.v[i] = checked_add(t.v[i], r.v[i]);
      rows.push_back(std::move(r));
    }
  };
  customer_rows("", "(unassigned receipts)");
  tx.for_each_customer([&](const Customer& c) {
    customer_rows(c.id, c.name);
    return true;
  });
  Json out = Json::array();
  auto emit = [&](const Row& r, const char* kind) {
    Json j;
    j["row"] = kind;
    j["customer"] = r.customer;
    j["name"] = r.name;
    j["currency"] = code(r.cur);
    for (int i = 0; i < 7; ++i)
      j[kCols[i]] = money_str(r.v[i], r.cur);
    j["from"] = format_date(from);
    j["to"] = format_date(to);
    out.push_back(std::move(j));
  };
  for (const auto& r : rows)
    emit(r, "customer");
  for (const auto& [c, t] : totals)
    emit(t, "total");
  return out;
}

}  // namespace arctl::statements
