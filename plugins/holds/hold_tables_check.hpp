// `arctl check` for the holds plugin: its records read and name customers
// that exist.
#pragma once

#include "arctl/check.hpp"
#include "hold_tables.hpp"

namespace arctl::holds {

// Every hold, credit profile and open order reads and belongs to an existing
// customer. Findings: area "holds", record "holds.TABLE CUSTOMER[/KEY]".
// Cost: one scan of each of the three tables, a point read per record.
void check_records(Tx& tx, HoldTables& store, const PluginHandle& h, CheckReport& report);

}  // namespace arctl::holds
