// The collections plugin's commands for strategies and stages.
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

}  // namespace arctl::collections
