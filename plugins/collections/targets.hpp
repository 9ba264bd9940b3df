// Collection targets: the cash a collector is expected to bring in during a
// month, kept in the collections plugin's `targets` table and read by
// `report collector`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arctl/ledger.hpp"

namespace arctl::collections {

struct Target {
  std::string collector;
  Period period;
  Money amount;
  Date set_on{};  // business date of the last change
  std::string set_by;
};

struct TargetChange {
  Target target;
  std::string outcome;            // created, replaced, unchanged
  std::optional<Money> previous;  // with replaced
};

// Sets the target of (collector, period): a new one is created, a different
// amount replaces the old, the same amount changes nothing. The amount is in
// `currency` (empty: config ledger.currency). Errors: kUsage for an empty
// collector; kConflict for an amount that does not parse or is not positive.
// Cost: one get and at most one put.
TargetChange set_target(Tx& tx, const PluginHandle& h, const std::string& collector, Period period,
                        const std::string& amount, const std::string& currency, Date today);
// Every target (of one collector, of one period), by collector then period.
// Cost: one scan of the table (a prefix scan with `collector`).
std::vector<Target> list_targets(Tx& tx, const PluginHandle& h,
                                 std::optional<std::string_view> collector,
                                 std::optional<Period> period);
Json target_row(const Target& t);

}  // namespace arctl::collections
