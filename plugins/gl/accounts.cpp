// The account map and account-name rules.
#include "accounts.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "arctl/error.hpp"
#include "arctl/text.hpp"

namespace arctl::gl {

const std::vector<Role>& roles() {
  static const std::vector<Role> r = {
      {"receivable", "Assets:Receivable", "trade receivables: the AR control account"},
      {"unapplied", "Assets:Receivable:Unapplied", "cash received and not yet applied"},
      {"suspense", "Assets:Receivable:Suspense", "receipts not yet assigned to a customer"},
      {"revenue", "Income:Sales", "revenue, unless a line, customer or class says otherwise"},
      {"tax", "Liabilities:SalesTax", "tax charged on invoice lines"},
      {"cash", "Assets:Bank:Clearing", "cash and bank clearing, unless cash.METHOD is set"},
      {"discount", "Expenses:Discounts", "early-payment discounts taken"},
      {"write_off", "Expenses:BadDebt", "write-offs and bad debt"},
      {"nsf_fee", "Income:NSFFees", "returned-payment (NSF) fees charged"},
  };
  return r;
}

void validate_account(std::string_view key, std::string_view name) {
  auto bad = [&](const std::string& why) {
    fail(ErrorKind::kConflict,
         "gl account '" + std::string(name) + "' (" + std::string(key) + ") " + why);
  };
  if (name.empty()) bad("is empty");
  if (name.size() > 200) bad("is longer than 200 characters");
  if (text::has_control(name)) bad("contains a control character");
  if (name.find("  ") != std::string_view::npos) bad("contains two spaces in a row");
  if (name.front() == ' ' || name.back() == ' ') bad("starts or ends with a space");
  if (name.find(';') != std::string_view::npos || name.find('#') != std::string_view::npos)
    bad("contains ';' or '#' (a comment in ledger files)");
  if (std::string_view("([!*").find(name.front()) != std::string_view::npos)
    bad("starts with a character ledger reads as a marker");
  if (name.front() == ':' || name.back() == ':' || name.find("::") != std::string_view::npos)
    bad("has an empty component");
}

bool beancount_account(std::string_view name) {
  static const std::set<std::string_view> kRoots = {"Assets", "Liabilities", "Equity", "Income",
                                                    "Expenses"};
  std::size_t start = 0, parts = 0;
  bool first = true;
  while (start <= name.size()) {
    auto end = name.find(':', start);
    if (end == std::string_view::npos) end = name.size();
    const auto part = name.substr(start, end - start);
    if (part.empty()) return false;
    if (first && !kRoots.count(part)) return false;
    if (!(std::isupper(static_cast<unsigned char>(part[0])) ||
          std::isdigit(static_cast<unsigned char>(part[0]))))
      return false;
    for (char c : part)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    first = false;
    ++parts;
    if (end == name.size()) break;
    start = end + 1;
  }
  return parts >= 2;  // a root alone is not an account
}

AccountMap::AccountMap(Tx& tx) : tx_(tx) {
  for (const auto& r : roles())
    map_.emplace("gl.account." + std::string(r.key), std::string(r.fallback));
  for (auto& [k, v] : tx.config_list("gl.account.")) {
    map_[k] = v;
    set_[k] = v;
  }
}

const std::string* AccountMap::find(std::string_view key) const {
  auto it = map_.find(key);
  return it == map_.end() ? nullptr : &it->second;
}

const std::string& AccountMap::role(std::string_view role, std::string_view what) const {
  const auto key = "gl.account." + std::string(role);
  const auto* a = find(key);
  if (!a || a->empty())
    fail(ErrorKind::kConflict, std::string(what) + " maps to no account: " + key +
                                   " is not set (arctl config set " + key + " ACCOUNT)");
  return *a;
}

const std::string& AccountMap::category(std::string_view category, std::string_view what) const {
  const auto key = "gl.account.revenue." + std::string(category);
  const auto* a = find(key);
  if (!a || a->empty())
    fail(ErrorKind::kConflict, std::string(what) + ": revenue account '" + std::string(category) +
                                   "' is not mapped (arctl config set " + key + " ACCOUNT)");
  return *a;
}

const std::string& AccountMap::customer_revenue(const std::string& customer,
                                                std::string_view what) {
  if (auto it = customer_revenue_.find(customer); it != customer_revenue_.end()) return it->second;
  const std::string* account = nullptr;
  if (auto c = tx_.find_customer(customer)) {
    if (auto cat = c->attrs.find("gl_revenue"); cat != c->attrs.end() && !cat->second.empty())
      account = &category(cat->second, std::string(what) + " (customer '" + customer + "')");
    else if (auto cls = c->attrs.find("class"); cls != c->attrs.end())
      if (const auto* a = find("gl.account.revenue.class." + cls->second); a && !a->empty())
        account = a;
  }
  if (!account) account = &role("revenue", what);
  return customer_revenue_.emplace(customer, *account).first->second;
}

const std::string& AccountMap::cash(std::string_view method, std::string_view what) const {
  if (!method.empty())
    if (const auto* a = find("gl.account.cash." + std::string(method)); a && !a->empty()) return *a;
  return role("cash", what);
}

std::vector<std::string> AccountMap::accounts() const {
  std::set<std::string> out;
  for (const auto& [k, v] : map_)
    if (!v.empty()) out.insert(v);
  return {out.begin(), out.end()};
}

Json AccountMap::listing() const {
  Json rows = Json::array();
  for (const auto& [k, v] : map_) {
    const bool is_set = set_.count(k) > 0;
    std::string summary;
    for (const auto& r : roles())
      if (k == "gl.account." + std::string(r.key)) summary = r.summary;
    rows.push_back(Json{{"key", k},
                        {"account", v},
                        {"source", is_set ? "config" : "default"},
                        {"summary", summary}});
  }
  return rows;
}

}  // namespace arctl::gl
