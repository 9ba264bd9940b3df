// Management reports: DSO (standard and countback), collection effectiveness
// index, cash forecast by week and period activity. The formulas are in
// doc/statements-and-dunning.md.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "arctl/context.hpp"

namespace arctl::statements {

// Per currency code: AR (the net of open debits and credits) as of `d`, and
// its part not yet past due (credits count as current).
struct ArTotals {
  std::int64_t total = 0, current = 0;
};
std::map<std::string, ArTotals> ar_as_of(Tx& tx, const PluginHandle& h, Date d);

// Credit sales (invoices and debit notes issued, not void) per currency and month.
using MonthlySales = std::map<std::string, std::map<Period, std::int64_t>>;
MonthlySales monthly_sales(Tx& tx, Period from, Period to);

Json report_dso(Tx& tx, const PluginHandle& h, Period p, bool countback);
Json report_cei(Tx& tx, const PluginHandle& h, Period p);
Json report_forecast(Context& ctx, Tx& tx, const PluginHandle& h, Date today, int weeks);
Json report_activity(Tx& tx, Date from, Date to);

}  // namespace arctl::statements
