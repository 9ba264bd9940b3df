// The `arctl payment ...` command group.
#pragma once

#include "arctl/context.hpp"
#include "payments.hpp"

namespace CLI {
class App;
}

namespace arctl::payments {

void register_commands(CLI::App& app, Context& ctx, Payments& payments);
void register_import(CLI::App& group, Context& ctx, Payments& payments);

}  // namespace arctl::payments
