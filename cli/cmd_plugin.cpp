// `arctl plugin list|info`: what was loaded, from where, and what was refused.
#include <CLI/CLI.hpp>

#include "arctl/command.hpp"
#include "arctl/error.hpp"
#include "arctl/plugin_host.hpp"
#include "commands.hpp"

namespace arctl::cli {
namespace {

Json record_json(const PluginRecord& r) {
  Json j;
  j["name"] = r.name;
  j["version"] = r.version;
  j["status"] = r.status;
  j["file"] = r.file.string();
  j["reason"] = r.reason;
  j["summary"] = r.summary;
  return j;
}

}  // namespace

void register_plugin(CLI::App& app, Context& ctx) {
  auto* group = add_group(app, "plugin", "Show loaded plugins and refused plugin files");

  auto* list = group->add_subcommand("list", "List loaded, shadowed and refused plugins");
  list->callback([&ctx] {
    Json rows = Json::array();
    for (const auto& r : ctx.plugins()->records())
      rows.push_back(record_json(r));
    ctx.print(rows);
  });

  auto name = std::make_shared<std::string>();
  auto* info = group->add_subcommand("info", "Show one plugin and the search path");
  info->add_option("name", *name, "Plugin name")->required();
  info->callback([&ctx, &app, name] {
    Json found;
    for (const auto& r : ctx.plugins()->records())
      if (r.name == *name && found.is_null()) found = record_json(r);
    if (found.is_null())
      fail_not_found("no plugin named '" + *name + "' (see 'arctl plugin list')");
    // The words the plugin adds (from the manifest: it need not be loaded),
    // less the built-in groups it adds to.
    Json commands = Json::array();
    for (const auto& c : ctx.plugins()->commands()) {
      if (c.plugin != *name || !c.creates) continue;
      bool builtin = false;
      for (auto* sub : app.get_subcommands([](CLI::App*) { return true; }))
        builtin = builtin || (sub->check_name(c.name) &&
                              sub->get_group().rfind("Commands from plugin ", 0) != 0);
      if (!builtin) commands.push_back(c.name);
    }
    found["commands"] = commands;
    Json path = Json::array();
    for (const auto& d : ctx.plugins()->search_path())
      path.push_back(d.string());
    found["search_path"] = path;
    ctx.print(found);
  });
}

}  // namespace arctl::cli
