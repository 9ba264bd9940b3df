// `arctl help [command...]`, the help text layout, and `arctl version`.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "arctl/context.hpp"

namespace CLI {
class App;
class Formatter;
}  // namespace CLI

namespace arctl::cli {

std::shared_ptr<CLI::Formatter> make_formatter();
void register_help(CLI::App& app, Context& ctx);
// Prints the help of the command named by the words in `path` (options are
// skipped). Exit 0, or 2 with a suggestion when a word names no command.
int print_help(Context& ctx, CLI::App& app, const std::vector<std::string>& path);
// `arctl version` and `arctl --version`: version, source revision, plugin ABI,
// LMDB version and the loaded plugins, in the context's output format.
void print_version(Context& ctx);

}  // namespace arctl::cli
