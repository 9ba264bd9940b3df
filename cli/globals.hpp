// The global options, defined once and attached both to the pre-parser (which
// stops at the command word) and to the main app (so they may also follow it).
#pragma once

#include <string>

#include "arctl/context.hpp"

namespace CLI {
class App;
}

namespace arctl::cli {

struct PreFlags {
  bool version = false;
  bool help = false;
};

void add_global_options(CLI::App& app, GlobalOptions& g);
// `--dry-run` before the command word: every write of the command is run and
// then discarded, as with `--dry-run` after it.
void add_pre_dry_run(CLI::App& pre, GlobalOptions& g);
// Fills what the command line left unset from ARCTL_DIR, ARCTL_ACTOR and the
// login name.
void apply_environment(GlobalOptions& g);

}  // namespace arctl::cli
