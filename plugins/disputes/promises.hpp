// Promises to pay: recorded from a call, checked against the cash that
// actually came in, and marked kept or broken; a broken promise is published
// (holds reacts to it) and, as configured, escalates or opens a case.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arctl/ledger.hpp"
#include "records.hpp"

namespace arctl::disputes {

inline constexpr std::string_view kPromiseAdded = "promise.added";
inline constexpr std::string_view kPromiseKept = "promise.kept";
inline constexpr std::string_view kPromiseBroken = "promise.broken";

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
  // past its date without that.
  std::vector<Checked> check(Date as_of);
  // What counts as paid towards `p` up to `until`.
  Money paid(const Promise& p, Date until);

  static Json row(const Promise& p);

 private:
  std::string on_broken(const Promise& p, Date as_of);

  Tx& tx_;
  const PluginHandle& handle_;
  Records store_;
};

}  // namespace arctl::disputes
