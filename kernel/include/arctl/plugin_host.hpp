// Finds, vets and loads plugins. The host owns every loaded library and
// outlives every object, handler and command callback that came from one.
//
// Plugins are loaded as a command needs them. A manifest (one JSON file per
// search path, in the user's cache directory) records what each plugin file
// offers: its top-level command words, the events it subscribes to and the
// services it provides. It is rebuilt, by loading every plugin once, when a
// file on the search path is added, removed or changed (path, size, mtime,
// ctime or inode), or when arctl itself changes. A command then loads the
// plugins of its own word; a service or an event loads its providers or
// subscribers when it is first asked for or published; `check`, `close`,
// `config` and the manual pages load every plugin. ARCTL_PLUGIN_LOAD=all
// loads every plugin up front, as a check that the result is the same.
#pragma once

#include <filesystem>
#include <functional>
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
  std::string status;  // "loaded" (usable: loaded when needed), "refused" or "shadowed"
  std::string reason;  // why refused or shadowed
};

// A top-level command word a plugin registers or adds to.
struct ARCTL_API PluginCommand {
  std::string name;
  std::string description;
  std::vector<std::string> aliases;
  std::string plugin;    // the plugin that registers or adds to it
  bool creates = false;  // the word is new when this plugin registers (else it adds to a group)
};

// The search path in priority order: --plugin-dir values, ARCTL_PLUGIN_PATH
// (colon-separated), the ledger's plugins/, then lib/arctl/plugins beside the
// running binary's prefix.
ARCTL_API std::vector<std::filesystem::path> plugin_search_path(
    const GlobalOptions& options, const std::filesystem::path& ledger_dir);

// Where the manifest of `dirs` is kept: $XDG_CACHE_HOME/arctl (else
// ~/.cache/arctl), one file per list of existing directories; empty when
// there is no home to keep it in (then every plugin is loaded each time).
ARCTL_API std::filesystem::path plugin_manifest_path(
    const std::vector<std::filesystem::path>& dirs);

class ARCTL_API PluginHost {
 public:
  PluginHost();
  ~PluginHost();
  PluginHost(const PluginHost&) = delete;
  PluginHost& operator=(const PluginHost&) = delete;

  // Loads every *.so in `dirs` now. A file is refused (and recorded, not
  // thrown) when it or its directory is world-writable, it is owned by
  // another non-root user, its ABI string differs, or it fails to load. The
  // first plugin of a name wins; later ones are recorded as shadowed.
  void load(const std::vector<std::filesystem::path>& dirs);
  // Reads the manifest of `dirs` at `manifest` and loads nothing, or, when
  // the manifest is missing or out of date (or `manifest` is empty), loads
  // every plugin as load() does and writes a new manifest. `ctx` is what
  // plugins register their commands with while they are described.
  void open(const std::vector<std::filesystem::path>& dirs, const std::filesystem::path& manifest,
            Context& ctx);

  const std::vector<PluginRecord>& records() const noexcept { return records_; }
  // Every usable plugin, in search-path order: loads those not loaded yet.
  std::vector<Plugin*> plugins();
  // The plugins loaded so far, in search-path order.
  std::vector<Plugin*> loaded() const;
  // A loaded plugin by name, or nullptr.
  Plugin* find(std::string_view name) const;
  const std::vector<std::filesystem::path>& search_path() const noexcept { return dirs_; }
  Services& services() noexcept { return services_; }

  // The top-level command words of every usable plugin, in the order they
  // would be registered if every plugin were loaded.
  const std::vector<PluginCommand>& commands() const noexcept { return commands_; }
  // Loads the plugins that register or add to the top-level word `word` (a
  // name or alias); false when no plugin has it.
  bool load_command(std::string_view word);
  // Loads the plugins subscribed to events of `type`.
  void load_event(std::string_view type);
  // Loads the plugin that provides the service `name`.
  void load_service(std::string_view name);
  // The position of plugin `name` in the search path (subscribers run in
  // this order); plugins after every other owner when unknown.
  int rank(std::string_view name) const;
  // Called with each plugin as it is loaded, after its init() and provide().
  void on_load(std::function<void(Plugin&)> fn) { on_load_.push_back(std::move(fn)); }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;  // the libraries; declared first, destroyed last
  std::vector<std::unique_ptr<Plugin>> plugins_;
  std::vector<std::unique_ptr<PluginHandle>> handles_;
  std::vector<PluginRecord> records_;
  std::vector<PluginCommand> commands_;
  Services services_;  // implementations live in the libraries: cleared before they unload
  std::vector<std::filesystem::path> dirs_;
  std::vector<std::function<void(Plugin&)>> on_load_;

  void load_all_files(Context* describe_with);
  void load_file(std::size_t entry, Context* describe_with);
  void load_entry(std::size_t entry);
  void finish_records();
};

// The ABI string this host accepts.
ARCTL_API const char* host_plugin_abi() noexcept;

}  // namespace arctl
