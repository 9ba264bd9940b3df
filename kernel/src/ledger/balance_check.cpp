// The balance assertion of write transactions (balance_check.hpp). What a
// transaction touched is kept beside Tx, not in it, so that the SDK's Tx
// keeps its layout.
#include "ledger/balance_check.hpp"

#include <map>
#include <set>
#include <utility>

#include "arctl/error.hpp"
#include "ledger/records.hpp"
#include "ledger/tables.hpp"
#include "ledger/validate.hpp"

namespace arctl {
namespace {

using Touched = std::set<std::pair<std::string, std::string>>;  // customer, currency

// Transactions run one at a time per thread.
std::map<const Tx*, Touched>& touched_by() {
  thread_local std::map<const Tx*, Touched> table;
  return table;
}

}  // namespace

void note_balance_changed(const Tx& tx, const std::string& customer, std::string_view currency) {
  touched_by()[&tx].emplace(customer, std::string(currency));
}

void forget_touched_balances(const Tx& tx) {
  touched_by().erase(&tx);
}

void assert_touched_balances(Tx& tx, ReadTxn& read) {
  const auto it = touched_by().find(&tx);
  if (it == touched_by().end()) return;
  for (const auto& [customer, code] : it->second) {
    const auto cur = Currency::parse(code);
    CustomerBalance sum{Money::zero(cur), Money::zero(cur), 0};
    tx.open_items(
        [&](const OpenItem& item) {
          if (item.open.currency() == cur) {
            (is_debit(item.kind) ? sum.receivable : sum.unapplied) += item.open;
            ++sum.open_items;
          }
          return true;
        },
        customer);
    CustomerBalance stored{Money::zero(cur), Money::zero(cur), 0};
    if (auto v = read.get(tables::kBalances, balance_key(customer, cur)))
      stored = records::decode_balance(*v);
    ARCTL_ASSERT(stored.receivable == sum.receivable && stored.unapplied == sum.unapplied &&
                     stored.open_items == sum.open_items,
                 "the " + code + " balance of '" + customer + "' (receivable " +
                     stored.receivable.str() + ", unapplied " + stored.unapplied.str() + ", " +
                     std::to_string(stored.open_items) +
                     " items) is not the sum of its open items (" + sum.receivable.str() + ", " +
                     sum.unapplied.str() + ", " + std::to_string(sum.open_items) + ")");
  }
  touched_by().erase(it);
}

}  // namespace arctl
