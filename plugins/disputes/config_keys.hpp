// The disputes plugin's configuration keys, for `config set` and `config keys`.
#pragma once

#include <vector>

#include "arctl/config_keys.hpp"

namespace arctl::disputes {
std::vector<ConfigKey> config_keys();
}
