// Document numbering series such as "INV-{YYYY}-{SEQ:06}": gap-free within a
// ledger because the counter rolls back with the transaction that used it.
#pragma once

#include <string>
#include <string_view>

#include "arctl/api.hpp"
#include "arctl/ledger.hpp"

namespace arctl {

// Placeholders: {YYYY}, {YY}, {MM} from `date`, and {SEQ} or {SEQ:0N}. Each
// prefix has its own counter, so a yearly series restarts every year. A
// number already taken (by an import, say) is skipped, never reused.
// Error(kConflict) for a pattern without {SEQ}.
ARCTL_API std::string next_number(Tx& tx, std::string_view pattern, Date date);

}  // namespace arctl
