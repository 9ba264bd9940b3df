// Promises to pay: recorded from a call, checked against the cash that
// actually came in, and marked kept or broken; a broken promise is published
// (holds reacts to it) and, as configured, escalates or opens a case.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arctl/events/disputes.hpp"
#include "arctl/ledger.hpp"
#include "records.hpp"

namespace arctl::disputes {

struct Checked {
  Promise promise;
  std::string action;  // what a broken promise did: "escalated DSP-..", "opened DSP-..", ""
};

class Promises {
 public:
  Promises(Tx& tx, const PluginHandle& handle) : tx_(tx), handle_(handle), store_(tx, handle) {}

  Promise add(const std::string& customer, const std::string& amount, Date date,
              const std::string& invoice, const std::string& note, Date today);
  // Checks every open promise on `as_of`: kept once enough was paid (on or
  // after the day it was made, on or before its date), broken once as_of is
  // past its date without that. What counts as paid comes from allocate().
  // Cost: one scan of all promises, then per customer with an open promise
  // the applications of its promised invoices and its receipts in the windows.
  std::vector<Checked> check(Date as_of);

  static Json row(const Promise& p);

 private:
  // Shares the cash of one customer among `promises` (all of that customer's,
  // whatever their status) so that no amount counts twice: cash applied to a
  // promised invoice counts for that invoice's promises first (oldest first),
  // then what is left of each receipt for the on-account promises, oldest
  // first; each promise takes at most its amount, and only cash dated in its
  // window (made .. its date, and no later than `as_of` for an open promise
  // or the day it was checked for a closed one). Sets each promise's `paid`.
  void allocate(std::vector<Promise>& promises, Date as_of);
  std::string on_broken(const Promise& p, Date as_of);

  Tx& tx_;
  const PluginHandle& handle_;
  Records store_;
};

}  // namespace arctl::disputes
