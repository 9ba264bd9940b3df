// `arctl config get|set|unset|list|keys`: settings stored in the ledger, and
// the keys the kernel and the loaded plugins declare.
#include <algorithm>

#include <CLI/CLI.hpp>

#include "arctl/command.hpp"
#include "arctl/config_keys.hpp"
#include "arctl/error.hpp"
#include "arctl/plugin_host.hpp"
#include "commands.hpp"
#include "external.hpp"

namespace arctl::cli {
namespace {

struct OwnedKey {
  std::string owner;
  ConfigKey key;
};

std::vector<OwnedKey> declared_keys(Context& ctx) {
  std::vector<OwnedKey> keys;
  for (auto& k : kernel_config_keys())
    keys.push_back({"arctl", std::move(k)});
  if (auto* host = ctx.plugins())
    for (auto* p : host->plugins())
      for (auto& k : p->config_keys())
        keys.push_back({p->info().name, std::move(k)});
  return keys;
}

// A key nobody reads would be stored and silently ignored: refuse it, and name
// the nearest declared key when the difference looks like a typing slip.
void require_declared(Context& ctx, const std::string& key) {
  const auto keys = declared_keys(ctx);
  for (const auto& k : keys)
    if (config_key_matches(k.key, key)) return;
  std::vector<std::string> names;
  for (const auto& k : keys)
    names.push_back(k.key.name);
  const auto close = nearest(key, names);
  const std::string hint = close.empty() ? "" : " (did you mean " + close.front() + "?)";
  fail(ErrorKind::kUsage, "unknown config key '" + key + "'" + hint +
                              "; `arctl config keys` lists the keys, and local.* is free for "
                              "your own scripts");
}

}  // namespace

void register_config(CLI::App& app, Context& ctx) {
  auto* group = add_group(app, "config", "Read and change settings stored in the ledger");

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
  mutating(
      set, ctx, [&ctx, key] { require_declared(ctx, *key); },
      [key, value](Tx& tx) {
        tx.set_config(*key, *value);
        return Report::line(Json{{"key", *key}, {"value", *value}}, *key + " = " + *value);
      });

  auto* unset = group->add_subcommand("unset", "Remove a setting (exit 3 if unset)");
  unset->add_option("key", *key, "section.name")->required();
  mutating(unset, ctx, [key](Tx& tx) {
    if (!tx.unset_config(*key)) fail_not_found("config key '" + *key + "' is not set");
    return Report::line(Json{{"key", *key}, {"removed", true}}, "Removed " + *key);
  });

  auto* keys = group->add_subcommand(
      "keys", "List the keys `config set` accepts, with their defaults and owners");
  keys->callback([&ctx] {
    auto all = declared_keys(ctx);
    std::stable_sort(all.begin(), all.end(),
                     [](const OwnedKey& a, const OwnedKey& b) { return a.key.name < b.key.name; });
    Json rows = Json::array();
    for (const auto& k : all)
      rows.push_back({{"key", k.key.name},
                      {"default", k.key.fallback},
                      {"owner", k.owner},
                      {"meaning", k.key.meaning}});
    ctx.print(rows);
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
