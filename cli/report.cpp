// Shared output helpers and `arctl version`.
#include <CLI/CLI.hpp>

#include "arctl/plugin_host.hpp"
#include "commands.hpp"

namespace arctl::cli {

Json version_info() {
  Json v;
  v["version"] = ARCTL_VERSION;
  v["plugin_abi"] = ARCTL_PLUGIN_ABI_STRING;
  return v;
}

void register_version(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("version", "Show the version of arctl and its plugin ABI");
  cmd->callback([&ctx] {
    auto v = version_info();
    Json plugins = Json::array();
    if (auto* host = ctx.plugins())
      for (const auto& r : host->records())
        if (r.status == "loaded") plugins.push_back(Json{{"name", r.name}, {"version", r.version}});
    v["plugins"] = plugins;
    if (ctx.format() == Format::kTable) {
      ctx.out() << "arctl " << v["version"].get<std::string>() << "\nplugin ABI "
                << v["plugin_abi"].get<std::string>() << '\n';
      for (const auto& p : plugins)
        ctx.out() << "plugin " << p["name"].get<std::string>() << ' '
                  << p["version"].get<std::string>() << '\n';
    } else {
      ctx.print(v);
    }
  });
}

}  // namespace arctl::cli
