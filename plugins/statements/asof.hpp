// Where the ledger stood on a date: the open items and balances as of D.
// When nothing in the ledger is dated after D, the kernel's covering
// open-items index is that state and is read directly; otherwise each
// customer's documents and applications are replayed up to D.
#pragma once

#include <functional>
#include <optional>
#include <string_view>

#include "arctl/ledger.hpp"

namespace arctl::statements {

// Open amount of `d` as of `as_of`: its amount less the applications dated on
// or before it, plus their reversals dated on or before it; zero for a
// document voided on or before `as_of`.
Money open_as_of(Tx& tx, const Document& d, Date as_of);

class AsOf {
 public:
  AsOf(Tx& tx, const PluginHandle& h, Date as_of);
  Date date() const { return as_of_; }
  // True when the open-items index is the state as of the date.
  bool from_index() const { return fast_; }
  // Visits open items as of the date grouped by customer (suspense receipts,
  // customer "", first), for one customer or all. Return false to stop.
  void open_items(const std::function<bool(const OpenItem&)>& fn,
                  std::optional<std::string_view> customer = std::nullopt);

 private:
  bool customer_items(std::string_view customer, const std::function<bool(const OpenItem&)>& fn);

  Tx& tx_;
  Date as_of_;
  bool fast_ = false;
};

}  // namespace arctl::statements
