// The managers' view: per collector (customer attribute `collector`), the
// cash collected in a month against the target, the accounts contacted,
// promises and disputes, past due at the start and end, and the portfolio's
// DSO. The formulas are in kCollectorFormulas (the command's help).
#pragma once

#include <optional>
#include <string>

#include "arctl/ledger.hpp"

namespace arctl::collections {

extern const char* const kCollectorFormulas;
// The row of the customers without a collector.
inline constexpr const char* kUnassigned = "(unassigned)";

// One row per collector (and currency of its customers), collectors in name
// order, kUnassigned last; with `collector`, only that collector's rows.
// Cost: every customer's documents and their applications, one scan of the
// journal and one of the targets.
Json report_collector(Tx& tx, const PluginHandle& h, Period p,
                      std::optional<std::string> collector);

}  // namespace arctl::collections
