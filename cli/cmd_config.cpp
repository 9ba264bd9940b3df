// `arctl config get|set|unset|list`: settings stored in the ledger.
#include <CLI/CLI.hpp>

#include "arctl/error.hpp"
#include "commands.hpp"

namespace arctl::cli {

void register_config(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand("config", "Read and change settings stored in the ledger");
  group->require_subcommand(1);

  auto key = std::make_shared<std::string>();
  auto value = std::make_shared<std::string>();

  auto* get = group->add_subcommand("get", "Print a setting (exit 3 if unset)");
  get->add_option("key", *key, "section.name")->required();
  get->callback([&ctx, key] {
    auto v = ctx.ledger().read([&](Tx& tx) { return tx.config(*key); });
    if (!v) fail_not_found("config key '" + *key + "' is not set");
    ctx.report(Json{{"key", *key}, {"value", *v}}, *v);
  });

  auto* set = group->add_subcommand("set", "Set a setting (alias.NAME defines an alias)");
  set->add_option("key", *key, "section.name")->required();
  set->add_option("value", *value, "Value")->required();
  ctx.add_dry_run(set);
  set->callback([&ctx, key, value] {
    ctx.ledger().write([&](Tx& tx) { tx.set_config(*key, *value); });
    ctx.report(Json{{"key", *key}, {"value", *value}}, *key + " = " + *value);
  });

  auto* unset = group->add_subcommand("unset", "Remove a setting (exit 3 if unset)");
  unset->add_option("key", *key, "section.name")->required();
  ctx.add_dry_run(unset);
  unset->callback([&ctx, key] {
    const bool removed = ctx.ledger().write([&](Tx& tx) { return tx.unset_config(*key); });
    if (!removed) fail_not_found("config key '" + *key + "' is not set");
    ctx.report(Json{{"key", *key}, {"removed", true}}, "Removed " + *key);
  });

  auto prefix = std::make_shared<std::string>();
  auto* list = group->add_subcommand("list", "List settings, optionally those under a prefix");
  list->add_option("prefix", *prefix, "Only keys starting with this");
  list->callback([&ctx, prefix] {
    Json rows = Json::array();
    ctx.ledger().read([&](Tx& tx) {
      for (const auto& [k, v] : tx.config_list(*prefix))
        rows.push_back({{"key", k}, {"value", v}});
    });
    if (ctx.format() == Format::kTable) {
      for (const auto& r : rows)
        ctx.out() << r["key"].get<std::string>() << '=' << r["value"].get<std::string>() << '\n';
    } else {
      ctx.print(rows);
    }
  });
}

}  // namespace arctl::cli
