// Group accounts (groups.hpp). The walks are bounded by the number of
// customers, so that a loop written before the kernel refused them ends.
#include "groups.hpp"

namespace arctl::statements {
namespace {

std::multimap<std::string, std::string> parents(Tx& tx, std::map<std::string, std::string>* up) {
  std::multimap<std::string, std::string> children;
  tx.for_each_customer([&](const Customer& c) {
    if (const auto p = c.attrs.find("parent"); p != c.attrs.end() && !p->second.empty()) {
      children.emplace(p->second, c.id);
      if (up) up->emplace(c.id, p->second);
    }
    return true;
  });
  return children;
}

}  // namespace

std::multimap<std::string, std::string> children_by_parent(Tx& tx) {
  return parents(tx, nullptr);
}

std::vector<std::string> group_members(Tx& tx, const std::string& root) {
  const auto children = parents(tx, nullptr);
  std::vector<std::string> out{root};
  for (std::size_t i = 0; i < out.size() && out.size() <= children.size() + 1; ++i) {
    const auto [from, to] = children.equal_range(out[i]);
    for (auto it = from; it != to; ++it)
      out.push_back(it->second);
  }
  return out;
}

std::map<std::string, std::string> top_parents(Tx& tx) {
  std::map<std::string, std::string> up;
  parents(tx, &up);
  std::map<std::string, std::string> top;
  for (const auto& [customer, parent] : up) {
    auto t = parent;
    for (std::size_t depth = 0; depth <= up.size(); ++depth) {
      const auto next = up.find(t);
      if (next == up.end()) break;
      t = next->second;
    }
    top.emplace(customer, t);
  }
  return top;
}

}  // namespace arctl::statements
