// The collections plugin's command groups, one file each.
#pragma once

#include "arctl/context.hpp"
#include "arctl/ledger.hpp"

namespace CLI {
class App;
}

namespace arctl::collections {

// `arctl collection stage|strategy|strategies`.
void register_collection(CLI::App& app, Context& ctx, const PluginHandle& h);
// `arctl report stages`.
void register_report_stages(CLI::App& app, Context& ctx, const PluginHandle& h);
void register_contact(CLI::App& app, Context& ctx, const PluginHandle& h);
void register_portfolio(CLI::App& app, Context& ctx);
void register_worklist(CLI::App& app, Context& ctx, const PluginHandle& h);

}  // namespace arctl::collections
