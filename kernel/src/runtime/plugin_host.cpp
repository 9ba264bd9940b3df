// The plugin host: search path, file vetting, ABI check, and loading through
// Boost.DLL. Libraries are kept alive longer than anything that came from them.
#include "arctl/plugin_host.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <unordered_set>

#include "arctl/error.hpp"
#include "arctl/events.hpp"
#include "arctl/journal.hpp"
#include "arctl/log.hpp"

#ifndef ARCTL_PLUGIN_RELDIR
#define ARCTL_PLUGIN_RELDIR "lib/arctl/plugins"
#endif

namespace arctl {

namespace {

// One plugin file on the search path, with what the manifest or a load said of it.
struct Entry {
  std::filesystem::path file;
  std::uintmax_t size = 0;
  std::int64_t mtime_ns = 0, ctime_ns = 0;
  std::uint64_t ino = 0;
  std::string vet;  // why the file may not be loaded (checked every run), or empty
  PluginRecord rec;
  bool described = false;  // commands, events and services below are known
  std::vector<PluginCommand> commands;
  std::vector<std::string> events, services;
  bool usable = false, loaded = false;
  Plugin* plugin = nullptr;
};

}  // namespace

struct PluginHost::Impl {
  std::vector<boost::dll::shared_library> libs;
  std::vector<Entry> entries;
  std::unordered_set<std::string> events_resolved;
  std::set<std::string, std::less<>> services_resolved;
  bool all_loaded = false;
  // Where load_file() registers the commands of the plugins it describes.
  std::unique_ptr<CLI::App> scratch;
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

namespace {

constexpr int kManifestVersion = 1;

std::string manifest_key() {
  return std::string(host_plugin_abi()) + " arctl " + ARCTL_VERSION;
}

bool load_all_requested() {
  const char* v = std::getenv("ARCTL_PLUGIN_LOAD");
  return v != nullptr && std::string_view(v) == "all";
}

// The *.so files of `dirs` in load order, each with its identity and vetting.
std::vector<Entry> candidates(const std::vector<fs::path>& dirs) {
  std::vector<Entry> out;
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
    for (auto& file : files) {
      Entry e;
      e.file = std::move(file);
      e.rec.file = e.file;
      e.rec.name = e.file.stem().string();
      if (e.rec.name.rfind("lib", 0) == 0) e.rec.name.erase(0, 3);
      struct stat st {};
      if (::stat(e.file.c_str(), &st) == 0) {
        e.size = static_cast<std::uintmax_t>(st.st_size);
        e.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
        e.ctime_ns = static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
        e.ino = static_cast<std::uint64_t>(st.st_ino);
      }
      e.vet = vet(e.file);
      if (!e.vet.empty()) {
        e.rec.status = "refused";
        e.rec.reason = e.vet;
      }
      out.push_back(std::move(e));
    }
  }
  return out;
}

Json entry_json(const Entry& e) {
  Json j{{"path", e.file.string()},
         {"size", e.size},
         {"mtime_ns", e.mtime_ns},
         {"ctime_ns", e.ctime_ns},
         {"ino", e.ino},
         {"name", e.rec.name},
         {"version", e.rec.version},
         {"summary", e.rec.summary},
         {"status", e.rec.status == "refused" ? "refused" : "usable"},
         {"reason", e.rec.status == "refused" ? e.rec.reason : ""},
         {"described", e.described}};
  if (e.described) {
    Json commands = Json::array();
    for (const auto& c : e.commands)
      commands.push_back(Json{{"name", c.name},
                              {"description", c.description},
                              {"aliases", c.aliases},
                              {"creates", c.creates}});
    j["commands"] = std::move(commands);
    j["events"] = e.events;
    j["services"] = e.services;
  }
  return j;
}

// Fills `e` from its manifest record; false when the record is not of this
// file as it is now.
bool entry_from_json(const Json& j, Entry& e) {
  if (j.value("path", "") != e.file.string() || j.value("size", std::uintmax_t{0}) != e.size ||
      j.value("mtime_ns", std::int64_t{0}) != e.mtime_ns ||
      j.value("ctime_ns", std::int64_t{0}) != e.ctime_ns ||
      j.value("ino", std::uint64_t{0}) != e.ino)
    return false;
  e.rec.name = j.value("name", e.rec.name);
  e.rec.version = j.value("version", "");
  e.rec.summary = j.value("summary", "");
  if (j.value("status", "") == "refused") {
    e.rec.status = "refused";
    e.rec.reason = j.value("reason", "");
  } else {
    e.rec.status = "loaded";
  }
  e.described = j.value("described", false);
  if (e.described) {
    for (const auto& c : j.at("commands")) {
      PluginCommand pc;
      pc.name = c.at("name").get<std::string>();
      pc.description = c.value("description", "");
      pc.aliases = c.value("aliases", std::vector<std::string>{});
      pc.creates = c.value("creates", false);
      pc.plugin = e.rec.name;
      e.commands.push_back(std::move(pc));
    }
    e.events = j.at("events").get<std::vector<std::string>>();
    e.services = j.at("services").get<std::vector<std::string>>();
  }
  return true;
}

std::string shadowed_by_earlier(const std::string& name) {
  return "a plugin named '" + name + "' was already loaded from earlier in the path";
}

bool event_matches(std::string_view pattern, std::string_view type) {
  if (!pattern.empty() && pattern.back() == '*') {
    pattern.remove_suffix(1);
    return type.substr(0, pattern.size()) == pattern;
  }
  return pattern == type;
}

std::vector<CLI::App*> all_subcommands(CLI::App& app) {
  return app.get_subcommands([](CLI::App*) { return true; });
}

std::map<std::string, std::size_t> child_counts(CLI::App& app) {
  std::map<std::string, std::size_t> out;
  for (auto* sub : all_subcommands(app))
    out[sub->get_name()] = all_subcommands(*sub).size();
  return out;
}

void write_manifest(const fs::path& manifest, const Json& m) {
  std::error_code ec;
  fs::create_directories(manifest.parent_path(), ec);
  const auto tmp = manifest.string() + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << m.dump(1) << '\n';
    if (!out.flush()) {
      log::debug("cannot write the plugin manifest " + manifest.string());
      fs::remove(tmp, ec);
      return;
    }
  }
  fs::rename(tmp, manifest, ec);
  if (ec) {
    log::debug("cannot write the plugin manifest " + manifest.string() + ": " + ec.message());
    fs::remove(tmp, ec);
  }
}

// A plugin that loaded but cannot be described: the command fails.
struct PluginFailure {
  std::string message;
};

// A plugin file opened and its plugin made, or why it is not a plugin of
// this arctl.
struct Opened {
  boost::dll::shared_library lib;
  std::unique_ptr<Plugin> plugin;
  std::string refused;
};

Opened open_plugin(const fs::path& file) {
  Opened o;
  o.lib = boost::dll::shared_library(
      file.string(), boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  if (!o.lib.has("arctl_plugin_abi")) {
    o.refused = "no arctl_plugin_abi symbol: not an arctl plugin";
    return o;
  }
  const char* abi = &o.lib.get<const char>("arctl_plugin_abi");
  if (std::strcmp(abi, host_plugin_abi()) != 0) {
    o.refused = std::string("ABI mismatch: plugin was built for '") + abi + "', this arctl is '" +
                host_plugin_abi() + "'";
    return o;
  }
  if (!o.lib.has("arctl_plugin_create")) {
    o.refused = "no arctl_plugin_create factory";
    return o;
  }
  o.plugin = o.lib.get_alias<PluginFactory>("arctl_plugin_create")();
  if (!o.plugin) o.refused = "the factory returned nothing";
  return o;
}

// Gives `plugin` its handle and lets it provide its services. A plugin
// refused here is unloaded with its library: whatever its provide()
// registered before throwing goes with it, or a later lookup would call into
// code that is no longer mapped.
void start_plugin(Plugin& plugin, const PluginHandle& handle, Services& services) {
  plugin.init(handle);
  Services before = services;
  try {
    plugin.provide(services);
  } catch (...) {
    services = std::move(before);
    throw;
  }
}

}  // namespace

fs::path plugin_manifest_path(const std::vector<fs::path>& dirs) {
  fs::path base;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x == '/')
    base = fs::path(x) / "arctl";
  else if (const char* h = std::getenv("HOME"); h && *h == '/')
    base = fs::path(h) / ".cache" / "arctl";
  else
    return {};
  std::string key;
  for (const auto& d : dirs) {
    std::error_code ec;
    if (!fs::is_directory(d, ec)) continue;
    key += fs::absolute(d, ec).lexically_normal().string();
    key += '\n';
  }
  return base / ("plugins-" + to_hex(chain_hash(Hash{}, key)).substr(0, 16) + ".json");
}

PluginHost::PluginHost() : impl_(std::make_unique<Impl>()) {}

PluginHost::~PluginHost() {
  // Services and plugin objects first, then their handles; the libraries go
  // last with impl_. The scratch command tree holds plugin callbacks.
  impl_->scratch.reset();
  services_.clear();
  services_.set_resolver(nullptr);
  plugins_.clear();
  handles_.clear();
}

// Loads entry `i` (vetted) as every plugin is loaded when nothing is known
// of it: refuses it (recorded) when it is not a usable plugin, and shadows
// it when its name is taken. With `describe_with`, also notes its commands
// (registered on a scratch tree), events and services.
void PluginHost::load_file(std::size_t i, Context* describe_with) {
  auto& e = impl_->entries[i];
  auto& rec = e.rec;
  const auto& file = e.file;
  auto refuse = [&](std::string why) {
    log::info("refused plugin " + file.string() + ": " + why);
    rec.status = "refused";
    rec.reason = std::move(why);
  };
  try {
    auto [lib, plugin, refused] = open_plugin(file);
    if (!refused.empty()) return refuse(refused);
    const auto info = plugin->info();
    if (!valid_plugin_name(info.name))
      return refuse("invalid plugin name '" + info.name +
                    "' (lowercase letters, digits, '_' and '-' only)");
    if (info.name == "close")  // the host's own tables (host_handle)
      return refuse("the plugin name 'close' is reserved for arctl itself");
    rec.name = info.name;
    rec.version = info.version;
    rec.summary = info.summary;
    if (find(info.name) != nullptr) {
      rec.status = "shadowed";
      rec.reason = shadowed_by_earlier(info.name);
      plugin.reset();
      impl_->libs.push_back(std::move(lib));
      return;
    }
    auto handle = std::unique_ptr<PluginHandle>(new PluginHandle(info.name));
    Services before = services_;
    before.set_resolver(nullptr);
    start_plugin(*plugin, *handle, services_);
    if (describe_with != nullptr) try {
        for (auto& n : services_.names())
          if (services_.find(n) != before.find(n)) e.services.push_back(n);
        EventBus bus;
        plugin->subscribe(bus);
        e.events = bus.types();
        if (!impl_->scratch) impl_->scratch = std::make_unique<CLI::App>();
        auto& app = *impl_->scratch;
        const auto counts = child_counts(app);
        plugin->register_commands(app, *describe_with);
        for (auto* sub : all_subcommands(app)) {
          const auto it = counts.find(sub->get_name());
          const bool creates = it == counts.end();
          if (!creates && it->second == all_subcommands(*sub).size()) continue;
          e.commands.push_back(
              {sub->get_name(), sub->get_description(), sub->get_aliases(), info.name, creates});
        }
        e.described = true;
      } catch (...) {
        // As when it registers its commands for a run: the command fails. The
        // library stays mapped, since the scratch tree may hold its code.
        services_ = std::move(before);
        impl_->libs.push_back(std::move(lib));
        std::string why = "an unknown exception";
        try {
          throw;
        } catch (const std::exception& ex) {
          why = ex.what();
        } catch (...) {
        }
        throw PluginFailure{"plugin '" + info.name + "' failed to register its commands: " + why};
      }
    handles_.push_back(std::move(handle));
    rec.status = "loaded";
    log::debug("loaded plugin " + info.name + " " + info.version + " from " + file.string());
    e.usable = e.loaded = true;
    e.plugin = plugin.get();
    plugins_.push_back(std::move(plugin));
    impl_->libs.push_back(std::move(lib));
  } catch (const PluginFailure& f) {
    fail(ErrorKind::kError, f.message);
  } catch (const std::exception& ex) {
    refuse(std::string("failed to load: ") + ex.what());
  } catch (...) {
    refuse("failed to load: an unknown exception");
  }
}

void PluginHost::finish_records() {
  records_.clear();
  commands_.clear();
  for (const auto& e : impl_->entries) {
    records_.push_back(e.rec);
    if (e.usable)
      for (const auto& c : e.commands)
        commands_.push_back(c);
  }
}

void PluginHost::load_all_files(Context* describe_with) {
  impl_->entries = candidates(dirs_);
  for (std::size_t i = 0; i < impl_->entries.size(); ++i) {
    const auto& e = impl_->entries[i];
    if (e.vet.empty())
      load_file(i, describe_with);
    else
      log::info("refused plugin " + e.file.string() + ": " + e.vet);
  }
  impl_->scratch.reset();
  impl_->all_loaded = true;
  finish_records();
}

void PluginHost::load(const std::vector<fs::path>& dirs) {
  dirs_ = dirs;
  load_all_files(nullptr);
}

void PluginHost::open(const std::vector<fs::path>& dirs, const fs::path& manifest, Context& ctx) {
  dirs_ = dirs;
  impl_->entries = candidates(dirs);
  auto& entries = impl_->entries;
  const bool eager = load_all_requested();
  // The manifest, if it describes every file that may be loaded as it is now.
  bool fresh = false;
  if (!manifest.empty() && !eager) {
    std::ifstream in(manifest);
    const Json m = in ? Json::parse(in, nullptr, false) : Json();
    if (!m.is_discarded() && m.is_object() && m.value("version", 0) == kManifestVersion &&
        m.value("key", "") == manifest_key() && m.contains("files") && m["files"].is_array()) {
      std::map<std::string, const Json*> by_path;
      for (const auto& f : m["files"])
        if (f.is_object()) by_path[f.value("path", "")] = &f;
      fresh = true;
      std::set<std::string> names;
      for (auto& e : entries) {
        if (!e.vet.empty()) continue;
        const auto it = by_path.find(e.file.string());
        try {
          fresh = it != by_path.end() && entry_from_json(*it->second, e);
        } catch (const std::exception&) {
          fresh = false;
        }
        if (!fresh) break;
        if (e.rec.status == "refused") continue;
        if (!names.insert(e.rec.name).second) {
          e.rec.status = "shadowed";
          e.rec.reason = shadowed_by_earlier(e.rec.name);
          continue;
        }
        if (!(fresh = e.described)) break;
        e.usable = true;
      }
    }
  }
  if (fresh) {
    log::debug("plugins as the manifest " + manifest.string() + " describes them");
    services_.set_resolver([this](std::string_view name) { load_service(name); });
    finish_records();
    return;
  }
  // Load and describe every plugin, then keep what was learnt.
  load_all_files(&ctx);
  if (manifest.empty() || eager) return;
  Json files = Json::array();
  for (const auto& e : impl_->entries)
    if (e.vet.empty()) files.push_back(entry_json(e));
  write_manifest(manifest,
                 Json{{"version", kManifestVersion}, {"key", manifest_key()}, {"files", files}});
}

// Loads a usable entry the manifest described.
void PluginHost::load_entry(std::size_t i) {
  auto& e = impl_->entries[i];
  if (!e.usable || e.loaded) return;
  const auto expected = e.rec;
  try {
    auto [lib, plugin, refused] = open_plugin(e.file);
    if (!refused.empty()) throw std::runtime_error(refused);
    if (plugin->info().name != expected.name)
      throw std::runtime_error("it is no longer the plugin '" + expected.name + "'");
    auto handle = std::unique_ptr<PluginHandle>(new PluginHandle(expected.name));
    start_plugin(*plugin, *handle, services_);
    handles_.push_back(std::move(handle));
    e.loaded = true;
    e.plugin = plugin.get();
    plugins_.push_back(std::move(plugin));
    impl_->libs.push_back(std::move(lib));
    log::debug("loaded plugin " + expected.name + " " + expected.version + " from " +
               e.file.string());
  } catch (const Error&) {
    throw;
  } catch (const std::exception& ex) {
    fail(ErrorKind::kError,
         "cannot load plugin '" + expected.name + "' from " + e.file.string() + ": " + ex.what());
  }
  for (const auto& fn : on_load_)
    fn(*e.plugin);
}

std::vector<Plugin*> PluginHost::plugins() {
  if (!impl_->all_loaded) {
    impl_->all_loaded = true;
    for (std::size_t i = 0; i < impl_->entries.size(); ++i)
      load_entry(i);
  }
  return loaded();
}

std::vector<Plugin*> PluginHost::loaded() const {
  std::vector<Plugin*> out;
  for (const auto& e : impl_->entries)
    if (e.loaded) out.push_back(e.plugin);
  return out;
}

Plugin* PluginHost::find(std::string_view name) const {
  for (const auto& e : impl_->entries)
    if (e.loaded && e.rec.name == name) return e.plugin;
  return nullptr;
}

bool PluginHost::load_command(std::string_view word) {
  bool found = false;
  for (std::size_t i = 0; i < impl_->entries.size(); ++i) {
    const auto& e = impl_->entries[i];
    if (!e.usable) continue;
    const auto named = [&](const PluginCommand& c) {
      return c.name == word ||
             std::find(c.aliases.begin(), c.aliases.end(), word) != c.aliases.end();
    };
    if (std::any_of(e.commands.begin(), e.commands.end(), named)) {
      found = true;
      load_entry(i);
    }
  }
  return found;
}

void PluginHost::load_event(std::string_view type) {
  if (impl_->all_loaded) return;
  if (!impl_->events_resolved.insert(std::string(type)).second) return;
  for (std::size_t i = 0; i < impl_->entries.size(); ++i) {
    const auto& e = impl_->entries[i];
    if (!e.usable || e.loaded) continue;
    const auto matches = [&](const std::string& p) { return event_matches(p, type); };
    if (std::any_of(e.events.begin(), e.events.end(), matches)) load_entry(i);
  }
}

void PluginHost::load_service(std::string_view name) {
  if (impl_->all_loaded) return;
  if (!impl_->services_resolved.emplace(name).second) return;
  for (std::size_t i = 0; i < impl_->entries.size(); ++i) {
    const auto& e = impl_->entries[i];
    if (e.usable && !e.loaded &&
        std::find(e.services.begin(), e.services.end(), name) != e.services.end())
      load_entry(i);
  }
}

int PluginHost::rank(std::string_view name) const {
  for (std::size_t i = 0; i < impl_->entries.size(); ++i)
    if (impl_->entries[i].usable && impl_->entries[i].rec.name == name) return static_cast<int>(i);
  return INT_MAX / 2;
}

void* Services::find(std::string_view name) const {
  auto it = map_.find(name);
  if (it != map_.end()) return it->second.get();
  if (!resolver_) return nullptr;
  resolver_(name);
  it = map_.find(name);
  return it == map_.end() ? nullptr : it->second.get();
}

std::vector<std::string> Services::names() const {
  std::vector<std::string> out;
  for (const auto& [name, impl] : map_)
    out.push_back(name);
  return out;
}

}  // namespace arctl
