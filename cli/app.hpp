// The arctl command line: global options, builtin commands, plugin commands,
// aliases and external arctl-* commands, and the one place errors are caught.
#pragma once

#include <string>
#include <vector>

namespace arctl::cli {

// Runs arctl with `args` (argv without the program name); returns the exit code.
int run(std::vector<std::string> args);

}  // namespace arctl::cli
