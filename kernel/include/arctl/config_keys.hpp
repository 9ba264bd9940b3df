// The configuration keys a ledger accepts. The kernel and each plugin declare
// their keys with the value used when a key is unset and what it means;
// `config set` refuses a key that nobody declares (a misspelt key would
// otherwise be stored and silently ignored), `config keys` lists them, and
// doc/configuration.md is checked against the same table.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "arctl/api.hpp"

namespace arctl {

struct ARCTL_API ConfigKey {
  // "payments.write_off_tolerance"; a family of keys ends in ".*"
  // ("gl.account.*" accepts gl.account.revenue.consulting).
  std::string name;
  std::string fallback;  // the value in force when unset, as text; "" if none
  std::string meaning;   // one sentence, for `config keys` and the reference
};

// The keys the kernel itself reads (ledger.currency, company.*, alias.*,
// close.*) and the free family `local.*` for a site's own scripts and hooks.
ARCTL_API std::vector<ConfigKey> kernel_config_keys();

// True when `key` is `k` itself or, for a family "p.*", starts with "p.".
ARCTL_API bool config_key_matches(const ConfigKey& k, std::string_view key);

}  // namespace arctl
