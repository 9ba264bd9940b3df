// Git-style hooks: executables in the ledger's hooks/ directory named after
// an event type ("dispute.escalated") or a moment ("pre-close",
// "post-close", "pre-<step>"), run with the event as JSON on standard input.
#pragma once

#include <filesystem>
#include <set>
#include <string>

#include "arctl/context.hpp"

namespace arctl::cli {

class Hooks {
 public:
  explicit Hooks(std::filesystem::path dir);
  bool has(const std::string& name) const { return names_.count(name) != 0; }
  bool empty() const { return names_.empty(); }
  // Runs hook `name` with `payload` on stdin and ARCTL_DIR set; returns its
  // exit code (0 when there is no such hook).
  int run(const std::string& name, const Json& payload) const;
  // After every commit, runs the hooks named after the committed events' types.
  void attach(Context& ctx) const;

 private:
  void watch(Ledger& ledger) const;

  std::filesystem::path dir_;
  std::set<std::string> names_;
};

}  // namespace arctl::cli
