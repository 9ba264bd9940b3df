// Shared validation of identifiers and text fields written to the ledger.
#pragma once

#include <string>
#include <string_view>

namespace arctl {

// An id (customer, document) is 1..128 bytes of printable text without
// leading/trailing spaces. Throws Error(kConflict) naming `what`.
void validate_id(std::string_view id, std::string_view what);
// Free text: no control characters except tab; at most `max` bytes.
void validate_text(std::string_view text, std::string_view what, std::size_t max = 4096);

class Currency;
// Key of a running balance: the customer id, or a per-currency suspense key.
std::string balance_key(std::string_view customer_id, const Currency& cur);

}  // namespace arctl
