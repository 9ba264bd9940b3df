// What the arctl binary (and the kernel's own tests) may reach that plugins
// may not: a ledger's store and a handle in the host's own name. This header
// is not part of the SDK and is not installed.
#pragma once

#include <string>
#include <utility>

#include "arctl/ledger.hpp"

namespace arctl {

struct HostAccess {
  // The ledger's store: backup, `store info` and `store copy` work on it whole.
  static Store& store(Ledger& ledger) noexcept { return *ledger.store_; }
  // The handle under which the host itself keeps records ("close": the
  // month-end close's tables). The plugin host refuses plugins of that name.
  static PluginHandle handle(std::string name) { return PluginHandle(std::move(name)); }
};

}  // namespace arctl
