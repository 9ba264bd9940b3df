// The kernel's check that a write transaction leaves every balance it
// changed equal to the sum of that customer's open items (ARCTL_ASSERT).
#pragma once

#include <string>

#include "arctl/ledger.hpp"
#include "arctl/store.hpp"

namespace arctl {

// Notes that `tx` changed the balance of `customer` in `currency`.
void note_balance_changed(const Tx& tx, const std::string& customer, std::string_view currency);
// Fails with kInternal (exit 70) unless each balance `tx` changed equals the
// sum of its open items (`read` reads the stored balances); then forgets
// them. Costs one scan of the open items of each customer it touched.
void assert_touched_balances(Tx& tx, ReadTxn& read);
// Forgets what `tx` noted (its destructor calls this).
void forget_touched_balances(const Tx& tx);

}  // namespace arctl
