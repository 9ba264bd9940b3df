// Group accounts (groups.hpp): the parent chain is walked one customer at a
// time; a bound on its length stops a loop written before these rules.
#include "ledger/groups.hpp"

#include <set>

#include "arctl/error.hpp"
#include "arctl/ledger.hpp"

namespace arctl {
namespace {

constexpr std::size_t kMaxDepth = 1000;

[[noreturn]] void refuse(const Customer& c, const std::string& why) {
  fail(ErrorKind::kConflict, "customer '" + c.id + "': parent " + why, {"", 0, "parent"});
}

}  // namespace

std::string parent_of(const Customer& c) {
  const auto it = c.attrs.find(kParentAttr);
  return it == c.attrs.end() ? std::string() : it->second;
}

void validate_group(Tx& tx, const Customer& c, bool currency_changed) {
  const auto parent = parent_of(c);
  if (!parent.empty()) {
    if (parent == c.id) refuse(c, "'" + parent + "' is the customer itself");
    const auto p = tx.find_customer(parent);
    if (!p) refuse(c, "'" + parent + "' does not exist");
    if (!(p->currency == c.currency))
      refuse(c, "'" + parent + "' is billed in " + std::string(p->currency.code()) + ", not " +
                    std::string(c.currency.code()));
    std::set<std::string> seen{c.id};
    for (auto up = parent; !up.empty();) {
      if (!seen.insert(up).second || seen.size() > kMaxDepth)
        refuse(c, "'" + parent + "' would make a loop (" + up + " is already below " + c.id + ")");
      const auto a = tx.find_customer(up);
      up = a ? parent_of(*a) : std::string();
    }
  }
  if (!currency_changed) return;
  tx.for_each_customer([&](const Customer& child) {
    if (parent_of(child) == c.id && !(child.currency == c.currency))
      fail(ErrorKind::kConflict,
           "customer '" + c.id + "': its child '" + child.id + "' is billed in " +
               std::string(child.currency.code()) + "; a group has one currency",
           {"", 0, "currency"});
    return true;
  });
}

bool is_ancestor(Tx& tx, std::string_view ancestor, std::string_view customer) {
  if (ancestor.empty() || customer.empty()) return false;
  std::string up(customer);
  for (std::size_t depth = 0; depth < kMaxDepth; ++depth) {
    const auto c = tx.find_customer(up);
    if (!c) return false;
    up = parent_of(*c);
    if (up.empty()) return false;
    if (up == ancestor) return true;
  }
  return false;
}

}  // namespace arctl
