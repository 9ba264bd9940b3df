// Group accounts as statements and aging read them: a customer's parent is
// its attribute "parent" (the kernel keeps each group a tree in one currency).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "arctl/ledger.hpp"

namespace arctl::statements {

// `root` first, then its children, grandchildren... breadth first.
// Cost: one scan of the customers.
std::vector<std::string> group_members(Tx& tx, const std::string& root);

// Parent -> each of its children. Cost: one scan of the customers.
std::multimap<std::string, std::string> children_by_parent(Tx& tx);

// Every customer that has a parent -> its top-most parent.
// Cost: one scan of the customers.
std::map<std::string, std::string> top_parents(Tx& tx);

}  // namespace arctl::statements
