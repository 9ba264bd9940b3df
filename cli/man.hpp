// Manual pages written from the live CLI11 command tree, the same definitions
// that parse the command line and print `arctl help`, so they cannot drift.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "arctl/context.hpp"

namespace CLI {
class App;
}

namespace arctl::cli {

// One row of the exit-status table: arctl(1), arctl-exit-codes(7) and the
// footer of `arctl help` all print from it.
struct ExitStatus {
  int code;
  const char* name;     // the error kind's name (to_string), "ok" for 0
  const char* meaning;  // one line for people
};
std::span<const ExitStatus> exit_statuses();

// The roff source of a page: {} is arctl(1), {"invoice"} arctl-invoice(1).
// `date` goes into the title line (YYYY-MM-DD). Throws a usage error when
// the word names no command.
std::string man_page(const CLI::App& app, const std::vector<std::string>& command,
                     const std::string& date);

// The section 7 pages: "plugins" (arctl-plugins(7)) and "exit-codes".
std::string man_page7(const std::string& topic, const std::string& date);

// `arctl __man DIR [--date YYYY-MM-DD]`: writes arctl.1, arctl-COMMAND.1 for
// every visible top-level command, arctl-plugins.7 and arctl-exit-codes.7
// into DIR/man1 and DIR/man7 and prints the files written. Returns the exit code.
int write_man_pages(const CLI::App& app, Context& ctx, const std::vector<std::string>& args);

}  // namespace arctl::cli
