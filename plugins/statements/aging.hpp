// Aging of open items into day buckets, per customer and in total, as of a
// date, on the due-date or invoice-date basis. The buckets hold open debits
// only; credit balances (unapplied cash, open credit notes) are a column of
// their own, and the total is the net balance.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "arctl/ledger.hpp"
#include "arctl/services.hpp"
#include "report_parts.hpp"

namespace arctl::statements {

struct AgingOptions {
  Date as_of{};
  Buckets buckets;
  bool invoice_basis = false;           // age from the invoice date, not the due date
  std::optional<std::string> customer;  // only this customer
  std::string min_balance;              // only customers whose total is at least this
};

// One customer's (or one currency's total) aged amounts, in minor units.
struct AgedRow {
  std::string customer;
  std::string name;
  Currency currency;
  std::vector<std::int64_t> buckets;  // open debits, as many as Buckets::size()
  std::int64_t credits = 0;           // open credits, negative
  std::int64_t total = 0;             // buckets + credits
  std::int64_t disputed = 0;
  std::uint64_t items = 0;
};

struct Aging {
  AgingOptions options;
  bool from_index = false;    // read from the open-items index
  bool has_disputes = false;  // the disputes service was there
  std::vector<AgedRow> customers;
  std::map<std::string, AgedRow> totals;  // by currency code
};

// `disputes` may be null (no disputes plugin): no disputed column then.
Aging compute_aging(Tx& tx, const PluginHandle& h, const AgingOptions& o, DisputeService* disputes);

// The customers rolled into their top-most parent (group accounts): one row
// per group, named after that parent, kept when its total is at least
// `min_balance`; totals over the rows kept. Cost: one scan of the customers.
Aging group_aging(Tx& tx, const Aging& a, const std::string& min_balance);

// Rows for `aging --by customer` (kind "customer") or `--by group` (kind
// "group"): one per row, then a total per currency.
Json aging_rows(const Aging& a, const char* kind = "customer");
// Rows for `aging --by summary`: per currency, one per bucket, then the total.
Json aging_summary(const Aging& a);

}  // namespace arctl::statements
