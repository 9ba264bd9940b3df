// The GL plugin's configuration keys: the account map and the export formats.
#include "config_keys.hpp"

#include "accounts.hpp"

namespace arctl::gl {

std::vector<ConfigKey> config_keys() {
  std::vector<ConfigKey> keys;
  for (const auto& r : roles())
    keys.push_back(
        {"gl.account." + std::string(r.key), std::string(r.fallback), std::string(r.summary)});
  keys.push_back({"gl.account.revenue.*", "",
                  "gl.account.revenue.CATEGORY: revenue for lines or customers of CATEGORY; "
                  "gl.account.revenue.class.CLASS: for customers with class=CLASS"});
  keys.push_back({"gl.account.cash.*", "", "gl.account.cash.METHOD: cash received by METHOD"});
  keys.push_back({"gl.export.format", "hledger",
                  "the default --format of `gl export`: hledger, ledger, beancount, csv or jsonl"});
  keys.push_back(
      {"gl.close.format", "hledger", "the format of the close's GL export; off skips the step"});
  keys.push_back({"gl.close.detail", "detail",
                  "summary: one entry per day and account pair in the close's export"});
  return keys;
}

}  // namespace arctl::gl
