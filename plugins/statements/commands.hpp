// The statements plugin's command groups: aging, statement, notice, report.
#pragma once

#include "arctl/context.hpp"

namespace CLI {
class App;
}

namespace arctl::statements {

void register_aging(CLI::App& app, Context& ctx, const PluginHandle& h);
void register_statement(CLI::App& app, Context& ctx, const PluginHandle& h);
void register_notice(CLI::App& app, Context& ctx, const PluginHandle& h);
void register_report(CLI::App& app, Context& ctx, const PluginHandle& h);

}  // namespace arctl::statements
