// The collections plugin's analyst and manager commands: `report behavior`,
// `report collector` and `target set|list`.
#pragma once

#include "arctl/context.hpp"

namespace CLI {
class App;
}

namespace arctl::collections {

void register_reports(CLI::App& app, Context& ctx, const PluginHandle*& handle);

}  // namespace arctl::collections
