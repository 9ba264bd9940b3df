// The mail plugin's commands (`arctl mail ...`).
#pragma once

#include "arctl/context.hpp"

namespace CLI {
class App;
}

namespace arctl::mail {

void register_mail(CLI::App& app, Context& ctx, const PluginHandle& h);

}  // namespace arctl::mail
