// What the project's own unit tests may do that plugins may not: name a
// plugin (only the plugin host makes handles in the product).
#pragma once

#include <string>

#include "arctl/ledger.hpp"

namespace arctl {

struct TestAccess {
  static PluginHandle handle(std::string name) { return PluginHandle(std::move(name)); }
};

}  // namespace arctl
