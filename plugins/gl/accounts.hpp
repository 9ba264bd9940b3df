// The account map: which general-ledger account each kind of AR posting goes
// to, from `config gl.account.*` over built-in defaults, and the checks that
// keep account names loadable by ledger, hledger and beancount.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/ledger.hpp"

namespace arctl::gl {

// The roles with a built-in default account (config key gl.account.ROLE).
struct Role {
  std::string_view key;
  std::string_view fallback;
  std::string_view summary;
};
const std::vector<Role>& roles();

// The receivable tree: the accounts whose sum is "AR" in the general ledger.
inline constexpr std::string_view kReceivable = "receivable";
inline constexpr std::string_view kUnapplied = "unapplied";
inline constexpr std::string_view kSuspense = "suspense";

// Throws Error(kConflict) naming `key` when `name` cannot be an account name in
// the plain-text ledger formats (empty, two spaces, a tab, an empty component...).
void validate_account(std::string_view key, std::string_view name);
// Whether `name` is also a valid beancount account (Assets|Liabilities|Equity|
// Income|Expenses, components starting with a capital letter or digit).
bool beancount_account(std::string_view name);

class AccountMap {
 public:
  explicit AccountMap(Tx& tx);

  // A role's account (gl.account.ROLE, else its default). Error(kConflict)
  // naming `what` when the role has been set to "" (deliberately unmapped).
  const std::string& role(std::string_view role, std::string_view what) const;
  // Revenue for a customer: gl.account.revenue.CATEGORY for the customer's
  // attribute gl_revenue (which must be mapped), else gl.account.revenue.class.CLASS
  // for its attribute class when mapped, else gl.account.revenue.
  const std::string& customer_revenue(const std::string& customer, std::string_view what);
  // A line's revenue category: must be mapped (gl.account.revenue.CATEGORY).
  const std::string& category(std::string_view category, std::string_view what) const;
  // Cash for a payment method: gl.account.cash.METHOD when mapped, else gl.account.cash.
  const std::string& cash(std::string_view method, std::string_view what) const;
  // Every account the map can produce, sorted (for account declarations).
  std::vector<std::string> accounts() const;
  // Each key with its account and whether it is the default, for `gl accounts`.
  Json listing() const;

 private:
  const std::string* find(std::string_view key) const;

  Tx& tx_;
  std::map<std::string, std::string, std::less<>> map_;  // full key -> account
  std::map<std::string, std::string, std::less<>> set_;  // keys set in config
  std::map<std::string, std::string, std::less<>> customer_revenue_;
};

}  // namespace arctl::gl
