// Registration of the builtin commands, one function per command group.
#pragma once

#include <string>

#include "arctl/context.hpp"
#include "arctl/output.hpp"

namespace CLI {
class App;
}

namespace arctl::cli {

void register_init(CLI::App& app, Context& ctx);
void register_customer(CLI::App& app, Context& ctx);
void register_log(CLI::App& app, Context& ctx);
void register_check(CLI::App& app, Context& ctx);
void register_period(CLI::App& app, Context& ctx);
void register_config(CLI::App& app, Context& ctx);
void register_plugin(CLI::App& app, Context& ctx);
void register_version(CLI::App& app, Context& ctx);
void register_backup(CLI::App& app, Context& ctx);
void register_store(CLI::App& app, Context& ctx);
class Hooks;
void register_close(CLI::App& app, Context& ctx, const Hooks& hooks);

// "1.2.3 (plugin ABI ...)" for --version and `arctl version`.
Json version_info();

}  // namespace arctl::cli
