// The index of dated changes to open amounts (tables::kChangesByDate), which
// Tx::changes_after reads to answer "as of a past date" without replaying
// every document, and its one-time build for a ledger written before it.
#pragma once

#include "arctl/store.hpp"

namespace arctl {

// Builds the index from the applications and the void documents, then marks
// it complete in `meta`, unless the mark is already there. Ledger::write calls
// it first in every write transaction, so that a ledger last written by an
// arctl without the index is upgraded by its first write; until then readers
// see no mark and replay. Cost: one point read once built; the build itself
// scans the applications (reading their two documents) and the documents.
void ensure_change_index(WriteTxn& w);

}  // namespace arctl
