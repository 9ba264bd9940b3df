// The command groups of the disputes plugin: `dispute`, `promise`,
// `writeoff` and `activity`.
#pragma once

#include <string>

#include "arctl/context.hpp"
#include "arctl/ledger.hpp"

namespace CLI {
class App;
}

namespace arctl::disputes {

void register_dispute(CLI::App& app, Context& ctx, const PluginHandle& handle);
void register_promise(CLI::App& app, Context& ctx, const PluginHandle& handle);
void register_writeoff(CLI::App& app, Context& ctx, const PluginHandle& handle);
void register_activity(CLI::App& app, Context& ctx, const PluginHandle& handle);

}  // namespace arctl::disputes
