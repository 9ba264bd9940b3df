// The `arctl invoice ...` command group.
#pragma once

#include "arctl/context.hpp"
#include "invoices.hpp"

namespace CLI {
class App;
}

namespace arctl::invoicing {

void register_commands(CLI::App& app, Context& ctx, Invoicing& inv);
void register_import(CLI::App& group, Context& ctx, Invoicing& inv);
void register_render(CLI::App& group, Context& ctx, Invoicing& inv);

// Parses repeated --line values into specs (DESCRIPTION;QTY;UNIT_PRICE[;TAX%]).
std::vector<LineSpec> line_specs(const std::vector<std::string>& lines);

}  // namespace arctl::invoicing
