// The `arctl gl` command group and the month-end export step.
#pragma once

#include "arctl/plugin.hpp"

namespace arctl::gl {

void register_gl(CLI::App& app, Context& ctx, const PluginHandle& h);
CloseStep export_step(const PluginHandle& h);
// Writes `text` producer output to `path` atomically: a temporary file beside
// it, renamed over it when `produce` returns.
void write_atomically(const std::filesystem::path& path,
                      const std::function<void(std::ostream&)>& produce);

}  // namespace arctl::gl
