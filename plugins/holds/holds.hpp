// Holds: placing and releasing them (by the rules or by hand), with every
// change journaled and kept in the customer's hold history.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arctl/events/holds.hpp"
#include "arctl/ledger.hpp"
#include "arctl/services.hpp"
#include "assess.hpp"
#include "hold_tables.hpp"

namespace arctl::holds {

struct Change {
  std::string customer;
  std::string action;  // placed, released
  std::string reason;
  std::string detail;
  Json to_json() const;
};

struct EvaluateSummary {
  std::vector<Change> changes;
  std::uint64_t customers = 0;
  std::uint64_t on_hold = 0;  // customers on hold after the evaluation
  std::uint64_t placed() const;
  std::uint64_t released() const;
};

class Holds {
 public:
  explicit Holds(const PluginHandle& handle) : store_(handle) {}
  HoldTables& store() noexcept { return store_; }

  // Brings one customer's automatic holds in line with the rules as of
  // `today`: places what they find, releases what they no longer find.
  // Manual holds are never touched.
  std::vector<Change> evaluate(Tx& tx, const std::string& customer, const AssessOptions& o);
  // Every customer, or only `customer`.
  EvaluateSummary evaluate_all(Tx& tx, const std::optional<std::string>& customer,
                               const AssessOptions& o);

  // Manual holds: placing one already there, or releasing none, is reported
  // as unchanged (action "unchanged") rather than an error, so scripts can re-run.
  Change place_manual(Tx& tx, const std::string& customer, const std::string& text, Date today);
  Change release_manual(Tx& tx, const std::string& customer, const std::string& text, Date today);

  HoldStatus status(Tx& tx, const std::string& customer);

 private:
  void place(Tx& tx, const std::string& customer, std::string_view reason,
             const std::string& detail, Date today);
  void release(Tx& tx, const std::string& customer, std::string_view reason,
               const std::string& detail, Date today);
  HoldTables store_;
};

// Why an automatic hold is released, for the history.
std::string release_detail(std::string_view reason, const Rules& rules, const Position& p);

}  // namespace arctl::holds
