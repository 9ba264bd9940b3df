// The `arctl gl` command group and the month-end export step.
#pragma once

#include "arctl/plugin.hpp"

namespace arctl::gl {

void register_gl(CLI::App& app, Context& ctx, const PluginHandle& h);
// The close's export: the month's entries and any earlier ones never
// exported, to DIR/YYYY-MM/gl.EXT (gl-export-N.EXT, N the export number,
// when an earlier export went to that file), put in place once the step
// commits. Runs after statements.snapshot.
CloseStep export_step(const PluginHandle& h);

}  // namespace arctl::gl
