// The plugin host: search path, file vetting, ABI check, and loading through
// Boost.DLL. Libraries are kept alive longer than anything that came from them.
#include "arctl/plugin_host.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <cstdlib>
#include <cstring>

#include "arctl/error.hpp"
#include "arctl/log.hpp"

#ifndef ARCTL_PLUGIN_RELDIR
#define ARCTL_PLUGIN_RELDIR "lib/arctl/plugins"
#endif

namespace arctl {

struct PluginHost::Impl {
  std::vector<boost::dll::shared_library> libs;
};

const char* host_plugin_abi() noexcept {
  return ARCTL_PLUGIN_ABI_STRING;
}

namespace {

namespace fs = std::filesystem;

// Why a file may not be loaded, or empty if it may.
std::string vet(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return std::string("cannot stat: ") + std::strerror(errno);
  if (!S_ISREG(st.st_mode)) return "not a regular file";
  if (st.st_mode & S_IWOTH) return "the file is world-writable";
  if (st.st_uid != 0 && st.st_uid != ::geteuid())
    return "the file is owned by another user (uid " + std::to_string(st.st_uid) + ")";
  struct stat dst {};
  if (::stat(file.parent_path().c_str(), &dst) == 0) {
    if (dst.st_mode & S_IWOTH) return "its directory is world-writable";
    if (dst.st_uid != 0 && dst.st_uid != ::geteuid())
      return "its directory is owned by another user (uid " + std::to_string(dst.st_uid) + ")";
  }
  return {};
}

// A plugin's name prefixes its tables ("x.<name>.<table>") and names it in
// messages: no dots, so that no name can reach into another plugin's tables.
bool valid_plugin_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && (c == '_' || c == '-'));
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::vector<fs::path> plugin_search_path(const GlobalOptions& options, const fs::path& ledger_dir) {
  std::vector<fs::path> dirs = options.plugin_dirs;
  if (const char* env = std::getenv("ARCTL_PLUGIN_PATH"); env && *env) {
    std::string_view rest(env);
    while (!rest.empty()) {
      const auto colon = rest.find(':');
      const auto part = rest.substr(0, colon);
      if (!part.empty()) dirs.emplace_back(std::string(part));
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  if (!ledger_dir.empty()) dirs.push_back(ledger_dir / "plugins");
  std::error_code ec;
  const auto exe = boost::dll::program_location(ec);
  if (!ec) dirs.push_back(fs::path(exe.string()).parent_path().parent_path() / ARCTL_PLUGIN_RELDIR);
  return dirs;
}

PluginHost::PluginHost() : impl_(std::make_unique<Impl>()) {}

PluginHost::~PluginHost() {
  // Services and plugin objects first, then their handles; the libraries go
  // last with impl_.
  services_.clear();
  plugins_.clear();
  handles_.clear();
}

void PluginHost::load(const std::vector<fs::path>& dirs) {
  dirs_ = dirs;
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      log::debug("plugin directory " + dir.string() + " does not exist");
      continue;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (entry.path().extension() == ".so") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      PluginRecord rec;
      rec.file = file;
      rec.name = file.stem().string();
      if (rec.name.rfind("lib", 0) == 0) rec.name.erase(0, 3);
      auto refuse = [&](std::string why) {
        log::info("refused plugin " + file.string() + ": " + why);
        rec.status = "refused";
        rec.reason = std::move(why);
        records_.push_back(rec);
      };
      if (auto why = vet(file); !why.empty()) {
        refuse(why);
        continue;
      }
      try {
        boost::dll::shared_library lib(
            file.string(), boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
        if (!lib.has("arctl_plugin_abi")) {
          refuse("no arctl_plugin_abi symbol: not an arctl plugin");
          continue;
        }
        const char* abi = &lib.get<const char>("arctl_plugin_abi");
        if (std::strcmp(abi, host_plugin_abi()) != 0) {
          refuse(std::string("ABI mismatch: plugin was built for '") + abi + "', this arctl is '" +
                 host_plugin_abi() + "'");
          continue;
        }
        if (!lib.has("arctl_plugin_create")) {
          refuse("no arctl_plugin_create factory");
          continue;
        }
        auto& factory = lib.get_alias<PluginFactory>("arctl_plugin_create");
        auto plugin = factory();
        if (!plugin) {
          refuse("the factory returned nothing");
          continue;
        }
        const auto info = plugin->info();
        if (!valid_plugin_name(info.name)) {
          refuse("invalid plugin name '" + info.name +
                 "' (lowercase letters, digits, '_' and '-' only)");
          continue;
        }
        if (info.name == "close") {  // the host's own tables (host_handle)
          refuse("the plugin name 'close' is reserved for arctl itself");
          continue;
        }
        rec.name = info.name;
        rec.version = info.version;
        rec.summary = info.summary;
        if (find(info.name) != nullptr) {
          rec.status = "shadowed";
          rec.reason =
              "a plugin named '" + info.name + "' was already loaded from earlier in the path";
          records_.push_back(rec);
          plugin.reset();
          impl_->libs.push_back(std::move(lib));
          continue;
        }
        auto handle = std::unique_ptr<PluginHandle>(new PluginHandle(info.name));
        plugin->init(*handle);
        // A plugin refused here is unloaded with its library: whatever its
        // provide() registered before throwing must go with it, or a later
        // lookup would call into code that is no longer mapped.
        Services before = services_;
        try {
          plugin->provide(services_);
        } catch (...) {
          services_ = std::move(before);
          throw;
        }
        handles_.push_back(std::move(handle));
        rec.status = "loaded";
        log::debug("loaded plugin " + info.name + " " + info.version + " from " + file.string());
        records_.push_back(rec);
        plugins_.push_back(std::move(plugin));
        impl_->libs.push_back(std::move(lib));
      } catch (const std::exception& e) {
        refuse(std::string("failed to load: ") + e.what());
      } catch (...) {
        refuse("failed to load: an unknown exception");
      }
    }
  }
}

std::vector<Plugin*> PluginHost::plugins() const {
  std::vector<Plugin*> out;
  out.reserve(plugins_.size());
  for (const auto& p : plugins_)
    out.push_back(p.get());
  return out;
}

Plugin* PluginHost::find(std::string_view name) const {
  for (const auto& p : plugins_)
    if (p->info().name == name) return p.get();
  return nullptr;
}

}  // namespace arctl
