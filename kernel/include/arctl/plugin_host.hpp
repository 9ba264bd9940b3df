// Finds, vets and loads plugins. The host owns every loaded library and
// outlives every object, handler and command callback that came from one.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "arctl/api.hpp"
#include "arctl/plugin.hpp"

namespace arctl {

struct ARCTL_API PluginRecord {
  std::string name;  // from info(); the file stem when refused
  std::string version;
  std::string summary;
  std::filesystem::path file;
  std::string status;  // "loaded", "refused" or "shadowed"
  std::string reason;  // why refused or shadowed
};

// The search path in priority order: --plugin-dir values, ARCTL_PLUGIN_PATH
// (colon-separated), the ledger's plugins/, then lib/arctl/plugins beside the
// running binary's prefix.
ARCTL_API std::vector<std::filesystem::path> plugin_search_path(
    const GlobalOptions& options, const std::filesystem::path& ledger_dir);

class ARCTL_API PluginHost {
 public:
  PluginHost();
  ~PluginHost();
  PluginHost(const PluginHost&) = delete;
  PluginHost& operator=(const PluginHost&) = delete;

  // Loads every *.so in `dirs`. A file is refused (and recorded, not thrown)
  // when it or its directory is world-writable, it is owned by another
  // non-root user, its ABI string differs, or it fails to load. The first
  // plugin of a name wins; later ones are recorded as shadowed.
  void load(const std::vector<std::filesystem::path>& dirs);

  const std::vector<PluginRecord>& records() const noexcept { return records_; }
  std::vector<Plugin*> plugins() const;
  Plugin* find(std::string_view name) const;
  const std::vector<std::filesystem::path>& search_path() const noexcept { return dirs_; }
  Services& services() noexcept { return services_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;  // the libraries; declared first, destroyed last
  std::vector<std::unique_ptr<Plugin>> plugins_;
  std::vector<std::unique_ptr<PluginHandle>> handles_;
  std::vector<PluginRecord> records_;
  Services services_;  // implementations live in the libraries: cleared before they unload
  std::vector<std::filesystem::path> dirs_;
};

// The ABI string this host accepts.
ARCTL_API const char* host_plugin_abi() noexcept;

}  // namespace arctl
