// The collections plugin's command groups, one file each.
#pragma once

#include "arctl/context.hpp"
#include "arctl/ledger.hpp"

namespace CLI {
class App;
}

namespace arctl::collections {

void register_contact(CLI::App& app, Context& ctx, const PluginHandle& h);
void register_portfolio(CLI::App& app, Context& ctx);
void register_worklist(CLI::App& app, Context& ctx, const PluginHandle& h);

}  // namespace arctl::collections
