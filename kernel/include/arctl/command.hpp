// The shape every command that changes the ledger shares, written once: its
// --dry-run, one write transaction and the report; and a command group added
// from a list of commands.
#pragma once

#include <functional>
#include <initializer_list>
#include <string>
#include <type_traits>

#include "arctl/api.hpp"
#include "arctl/context.hpp"
#include "arctl/ledger.hpp"
#include "arctl/output.hpp"

namespace arctl {

// What a command prints once its work is done, in the chosen --format.
struct ARCTL_API Report {
  // One record, as Context::report prints it: `text` (one line for people)
  // in table format, `data` in every other format.
  static Report line(Json data, std::string text);
  // A list: `rows` in every format, except that in table format an empty
  // list prints the line `none` instead (nothing when `none` is empty).
  static Report rows(Json rows, std::string none = {});

  Json data;
  std::string text;
  bool list = false;
  // A diagnostic line on stderr after the result (Context::note: not with
  // -q), such as what is still left to do; none when empty.
  std::string note;
};

// Prints `report` (see Report) on ctx.out(), then its note on ctx.err().
ARCTL_API void print_report(Context& ctx, const Report& report);

// Makes `cmd` a command that changes the ledger. Call it after adding the
// command's own options: it adds --dry-run (Context::add_dry_run), which
// --help then lists last, and sets the callback, which
// - runs `check()`, when given, before the ledger is opened: option checks
//   there fail as usage errors even where there is no ledger;
// - runs `write` in one write transaction (ctx.ledger().write): committed,
//   or under --dry-run run in full and rolled back;
// - prints the Report it returns (print_report), only after the commit.
// `write` is re-run from the start when the store asks for a retry, so it
// must have no effect outside `tx` (files go through tx.after_commit).
// Cost: one write transaction. Errors: whatever `check` and `write` throw;
// the transaction is then rolled back and nothing is printed.
ARCTL_API void mutating(CLI::App* cmd, Context& ctx, std::function<Report(Tx&)> write);
ARCTL_API void mutating(CLI::App* cmd, Context& ctx, std::function<void()> check,
                        std::function<Report(Tx&)> write);

// Adds the command group `name` to `app`: a command that only runs one of
// its subcommands (`arctl invoice` alone is a usage error). Returns it; when
// another plugin already added a group of that name, returns that one, so
// plugins can share a group (`report`).
ARCTL_API CLI::App* add_group(CLI::App& app, const std::string& name,
                              const std::string& description);

// Adds the group and fills it: each function of `commands` is called, in
// order (the order of --help), with the group, `ctx` and `deps`, e.g.
//   add_group(app, "payment", "Receipts", ctx, {record_command, apply_command}, payments);
template <class... Deps>
CLI::App* add_group(
    CLI::App& app, const std::string& name, const std::string& description, Context& ctx,
    std::type_identity_t<std::initializer_list<void (*)(CLI::App&, Context&, Deps&...)>> commands,
    Deps&... deps) {
  auto* group = add_group(app, name, description);
  for (auto* add : commands)
    add(*group, ctx, deps...);
  return group;
}

}  // namespace arctl
