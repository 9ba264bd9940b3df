// The kernel's own configuration keys.
#include "arctl/config_keys.hpp"

namespace arctl {

std::vector<ConfigKey> kernel_config_keys() {
  return {
      {"ledger.currency", "USD", "the ledger's currency (ISO 4217), set once by `arctl init`"},
      {"company.name", "", "your company's name, printed on documents, statements and notices"},
      {"company.address", "", "your company's address, printed on statements"},
      {"alias.*", "", "alias.NAME: a command line that `arctl NAME` runs, as git's aliases"},
      {"close.check.ledger", "block", "the close's ledger consistency check: block, warn or off"},
      {"close.check.suspense", "warn",
       "the close's check for receipts still in suspense: block, warn or off"},
      {"close.check.unapplied", "warn",
       "the close's check for unapplied cash older than close.unapplied_days: block, warn or off"},
      {"close.unapplied_days", "30", "days after which unapplied cash is reported by the close"},
      {"local.*", "", "free for a site's own scripts and hooks; arctl never reads these keys"},
  };
}

bool config_key_matches(const ConfigKey& k, std::string_view key) {
  const std::string_view name = k.name;
  if (name.size() >= 2 && name.substr(name.size() - 2) == ".*")
    return key.size() > name.size() - 1 &&
           key.substr(0, name.size() - 1) == name.substr(0, name.size() - 1);
  return key == name;
}

}  // namespace arctl
