// Shell completion: `arctl __complete WORDS...` prints the candidates for the
// last word, walking the same command tree that parses the command line.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "arctl/context.hpp"

namespace CLI {
class App;
}

namespace arctl::cli {

void complete(CLI::App& app, Context& ctx, const std::vector<std::string>& words,
              std::ostream& out);
void register_completion(CLI::App& app, Context& ctx);

}  // namespace arctl::cli
