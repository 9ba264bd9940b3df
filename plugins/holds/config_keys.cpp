// The holds plugin's configuration keys: the credit rules.
#include "config_keys.hpp"

#include "rules.hpp"

namespace arctl::holds {

std::vector<ConfigKey> config_keys() {
  std::vector<ConfigKey> keys;
  for (const auto& k : rule_keys())
    keys.push_back({std::string(k.key), std::string(k.fallback), std::string(k.meaning)});
  return keys;
}

}  // namespace arctl::holds
