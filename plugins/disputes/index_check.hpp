// `arctl check` for the disputes plugin: its case tables and their index.
#pragma once

#include "arctl/check.hpp"
#include "arctl/ledger.hpp"

namespace arctl::disputes {

// Every case reads and names an existing customer (and invoice, when it has
// one); the index of unresolved cases holds exactly the cases not resolved,
// under their own customer and invoice. Findings: area "disputes", record
// "disputes.cases ID" or "disputes.unresolved CUSTOMER/INVOICE/ID".
// Cost: one scan of the cases and one of the index, a point read per case.
void check_cases(Tx& tx, const PluginHandle& h, CheckReport& report);

}  // namespace arctl::disputes
