// Group accounts: a customer's parent is its reserved attribute "parent".
// A parent's credit documents may pay its descendants' debit documents; the
// rules that keep a group a tree (one currency, no loop) live here.
#pragma once

#include <string>
#include <string_view>

namespace arctl {

class Tx;
struct Customer;

inline constexpr std::string_view kParentAttr = "parent";

// The parent named by `c`, or "" when it has none.
std::string parent_of(const Customer& c);

// Refuses (kConflict, naming "parent") a parent of `c` that does not exist,
// is `c` itself, is billed in another currency or would make a loop; and,
// when `c` changes currency, children left in the old one.
// Cost: one get per ancestor; a full scan of customers when the currency changes.
void validate_group(Tx& tx, const Customer& c, bool currency_changed);

// True when `ancestor` is a parent, grandparent... of `customer` (not itself).
// Cost: one get per level.
bool is_ancestor(Tx& tx, std::string_view ancestor, std::string_view customer);

}  // namespace arctl
