// The plugin ABI: a plugin is a shared library that exports the ABI string
// `arctl_plugin_abi` and a factory `arctl_plugin_create` (BOOST_DLL_ALIAS)
// returning an arctl::Plugin. Use ARCTL_PLUGIN(MyPlugin) once per library.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <CLI/Version.hpp>
#include <boost/config.hpp>
#include <boost/dll/alias.hpp>
#include <boost/version.hpp>
#include <nlohmann/json.hpp>

#include "arctl/api.hpp"
#include "arctl/check.hpp"
#include "arctl/config_keys.hpp"
#include "arctl/context.hpp"
#include "arctl/events.hpp"
#include "arctl/ledger.hpp"
#include "arctl/services.hpp"

namespace CLI {
class App;
}

// Bumped on any incompatible change to the SDK headers.
#define ARCTL_PLUGIN_API_VERSION 4

#define ARCTL_STR2(x) #x
#define ARCTL_STR(x) ARCTL_STR2(x)
#if defined(__clang__)
#define ARCTL_COMPILER_ID "clang-" ARCTL_STR(__clang_major__)
#elif defined(__GNUC__)
#define ARCTL_COMPILER_ID "gcc-" ARCTL_STR(__GNUC__)
#else
#define ARCTL_COMPILER_ID "unknown"
#endif
#if defined(_GLIBCXX_USE_CXX11_ABI) && _GLIBCXX_USE_CXX11_ABI
#define ARCTL_STDLIB_ID "libstdc++-cxx11"
#elif defined(_LIBCPP_VERSION)
#define ARCTL_STDLIB_ID "libc++"
#else
#define ARCTL_STDLIB_ID "libstdc++-old"
#endif

// The header-only libraries whose types cross the SDK (CLI::App, Json, the
// Boost.DLL alias): a plugin built against other versions lays them out
// differently, so their versions are part of the ABI.
#define ARCTL_JSON_VERSION               \
  ARCTL_STR(NLOHMANN_JSON_VERSION_MAJOR) \
  "." ARCTL_STR(NLOHMANN_JSON_VERSION_MINOR) "." ARCTL_STR(NLOHMANN_JSON_VERSION_PATCH)
#define ARCTL_DEPS_ID "cli11-" CLI11_VERSION " json-" ARCTL_JSON_VERSION " boost-" BOOST_LIB_VERSION

// Plugins must have been built against the same SDK, compiler, standard
// library ABI and header-only libraries as the host; the host refuses any
// other string before calling the factory.
#ifndef ARCTL_PLUGIN_ABI_STRING
#define ARCTL_PLUGIN_ABI_STRING                                                 \
  "arctl-plugin-api/" ARCTL_STR(ARCTL_PLUGIN_API_VERSION) " " ARCTL_COMPILER_ID \
                                                          " " ARCTL_STDLIB_ID   \
                                                          " c++20 " ARCTL_DEPS_ID
#endif

namespace arctl {

struct ARCTL_API PluginInfo {
  std::string name;  // also the prefix of its tables and its log owner
  std::string version;
  std::string summary;
};

// What a month-end close step is run for.
struct ARCTL_API CloseRun {
  Period period;                  // the month being closed
  Date as_of{};                   // the business date of the run
  std::filesystem::path out_dir;  // DIR/YYYY-MM/: where artefacts go
  bool dry_run = false;           // the step's transaction will be discarded
};

// Outcome of one month-end close step, for the close report.
struct ARCTL_API StepResult {
  std::string summary;                 // one line for people
  Json figures = Json::object();       // counts and amounts, machine-readable
  bool blocking_failure = false;       // stops the close before the period lock
  std::vector<std::string> artefacts;  // files written, relative to out_dir
};

// A month-end step contributed by a plugin, run in its own write transaction.
// A step runs after every step named in `after`; among the steps ready to
// run, by name. A dependency on a step of a plugin that is not loaded is
// ignored; an unknown step of a loaded plugin or a cycle is an error. The
// bundled steps run payments, disputes, holds, statements, reports, GL
// export; the period lock comes last. Files go through Tx::after_commit.
struct ARCTL_API CloseStep {
  std::string name;  // "payments.auto"
  std::string summary;
  std::function<StepResult(Context&, Tx&, const CloseRun&)> run;
  std::vector<std::string> after = {};  // "payments.auto", ...
};

class ARCTL_API Plugin {
 public:
  virtual ~Plugin() = default;
  virtual PluginInfo info() const = 0;
  // Called once after loading and before provide(), with the handle that
  // names its tables. A plugin that throws here is not loaded.
  virtual void init(const PluginHandle& handle) { (void)handle; }
  // Adds the plugin's subcommands to the top-level app.
  virtual void register_commands(CLI::App& app, Context& ctx) {
    (void)app;
    (void)ctx;
  }
  // Subscribes to kernel and other plugins' events.
  virtual void subscribe(EventBus& bus) { (void)bus; }
  // Registers the services it offers to other plugins (services.hpp). A
  // plugin that throws here is not loaded, and whatever it registered before
  // throwing is withdrawn.
  virtual void provide(Services& services) { (void)services; }
  virtual std::vector<CloseStep> close_steps() { return {}; }
  // The configuration keys it reads: `config set` refuses keys that no
  // plugin and not the kernel declares (config_keys.hpp).
  virtual std::vector<ConfigKey> config_keys() const { return {}; }
  // Verifies the plugin's own tables and indexes for `arctl check`, adding a
  // finding (area: the plugin's name, record: the index and key) for each
  // bad entry. Runs in a read transaction; must not write.
  virtual void check(Tx& tx, CheckReport& report) {
    (void)tx;
    (void)report;
  }
};

using PluginFactory = std::unique_ptr<Plugin>();

}  // namespace arctl

#define ARCTL_PLUGIN(Class)                                           \
  extern "C" BOOST_SYMBOL_EXPORT const char arctl_plugin_abi[];       \
  extern "C" const char arctl_plugin_abi[] = ARCTL_PLUGIN_ABI_STRING; \
  namespace {                                                         \
  std::unique_ptr<::arctl::Plugin> arctl_plugin_create_impl() {       \
    return std::make_unique<Class>();                                 \
  }                                                                   \
  }                                                                   \
  BOOST_DLL_ALIAS(arctl_plugin_create_impl, arctl_plugin_create)
