// Where the ledger stood on a date: the open items and balances as of D.
// When nothing in the ledger is dated after D, the kernel's covering
// open-items index is that state and is read directly. Otherwise today's open
// items are read with the changes dated after D undone (Tx::changes_after):
// the cost grows with the open items and the later changes, not with every
// document's history. One customer's, or a ledger whose index of changes is
// not built yet, is replayed from its documents and applications.
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
  // ARCTL_ASOF_REPLAY=1 in the environment replays every customer even when
  // the index of changes could answer: the reference the tests compare with.
  AsOf(Tx& tx, const PluginHandle& h, Date as_of);
  Date date() const { return as_of_; }
  // True when the open-items index is the state as of the date.
  bool from_index() const { return fast_; }
  // Visits open items as of the date grouped by customer (suspense receipts,
  // customer "", first, then by customer id), each customer's by issue date
  // and id; for one customer or all. Return false to stop. (When
  // from_index(), a customer's items come by side and due date instead.)
  void open_items(const std::function<bool(const OpenItem&)>& fn,
                  std::optional<std::string_view> customer = std::nullopt);

 private:
  bool customer_items(std::string_view customer, const std::function<bool(const OpenItem&)>& fn);
  // Every customer's, from today's open items and the changes after the
  // date; false, having visited nothing, when the ledger has no index of
  // changes yet.
  bool undo_later_changes(const std::function<bool(const OpenItem&)>& fn);

  Tx& tx_;
  Date as_of_;
  bool fast_ = false;
  bool replay_ = false;
};

}  // namespace arctl::statements
