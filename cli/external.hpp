// What happens to a command word arctl does not know: alias expansion from
// `alias.NAME` config entries, external `arctl-NAME` programs on PATH, and
// the nearest-command suggestion.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace arctl::cli {

// Splits an alias value into words with sh-like quoting ('...', "...", \x).
std::vector<std::string> split_words(const std::string& text);

// The path of an executable `arctl-NAME` on PATH, if any.
std::optional<std::filesystem::path> find_external(const std::string& name);

// Every `arctl-*` program on PATH, by command name.
std::vector<std::string> external_commands();

// Replaces this process with `program args...`, with ARCTL_DIR set to
// `ledger_dir`. Returns only on failure (with an exit code).
int exec_external(const std::filesystem::path& program, const std::vector<std::string>& args,
                  const std::filesystem::path& ledger_dir);

// Runs a "!shell command" alias through /bin/sh with `args` as "$@".
int run_shell_alias(const std::string& command, const std::vector<std::string>& args,
                    const std::filesystem::path& ledger_dir);

// Candidates within a small edit distance of `word`, nearest first.
std::vector<std::string> nearest(const std::string& word, const std::vector<std::string>& names);

}  // namespace arctl::cli
