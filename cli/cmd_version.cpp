// `arctl version` and `arctl --version`: what this binary is (version, source
// revision, plugin ABI, the LMDB it runs on) and which plugins it loaded.
#include <CLI/CLI.hpp>
#if ARCTL_MIMALLOC
#include <mimalloc.h>
#endif

#include "arctl/plugin_host.hpp"
#include "arctl/store.hpp"
#include "arctl_version.hpp"
#include "commands.hpp"
#include "help.hpp"

namespace arctl::cli {

Json version_info() {
  Json v;
  v["version"] = ARCTL_VERSION;
  // null outside a git checkout, so a script can tell "unknown" from a value.
  const std::string describe = ARCTL_GIT_DESCRIBE;
  v["git"] = describe.empty() ? Json(nullptr) : Json(describe);
  v["plugin_abi"] = ARCTL_PLUGIN_ABI_STRING;
  // The library actually loaded, which may be newer than the headers.
  v["lmdb"] = lmdb_library_version();
#if ARCTL_MIMALLOC
  const int mi = mi_version();  // e.g. 209 for 2.0.9
  v["allocator"] = "mimalloc " + std::to_string(mi / 100) + "." + std::to_string(mi / 10 % 10) +
                   "." + std::to_string(mi % 10);
#else
  v["allocator"] = "system";
#endif
  return v;
}

void print_version(Context& ctx) {
  auto v = version_info();
  Json plugins = Json::array();
  if (auto* host = ctx.plugins())
    for (const auto& r : host->records())
      if (r.status == "loaded") plugins.push_back(Json{{"name", r.name}, {"version", r.version}});
  v["plugins"] = plugins;
  if (ctx.format() != Format::kTable) {
    ctx.print(v);
    return;
  }
  auto& out = ctx.out();
  out << "arctl " << v["version"].get<std::string>() << '\n';
  if (!v["git"].is_null()) out << "git " << v["git"].get<std::string>() << '\n';
  out << "plugin ABI " << v["plugin_abi"].get<std::string>() << '\n'
      << "LMDB " << v["lmdb"].get<std::string>() << '\n'
      << "allocator " << v["allocator"].get<std::string>() << '\n';
  for (const auto& p : plugins)
    out << "plugin " << p["name"].get<std::string>() << ' ' << p["version"].get<std::string>()
        << '\n';
}

void register_version(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "version", "Show the version of arctl, its plugin ABI, LMDB, allocator and loaded plugins");
  cmd->callback([&ctx] { print_version(ctx); });
}

}  // namespace arctl::cli
