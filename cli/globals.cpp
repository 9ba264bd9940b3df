// Global options and their environment fallbacks.
#include "globals.hpp"

#include <pwd.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>

#include "arctl/date.hpp"
#include "arctl/error.hpp"

namespace arctl::cli {

void add_global_options(CLI::App& app, GlobalOptions& g) {
  const char* group = "Global options";
  app.add_option_function<std::string>(
         "-C,--ledger", [&g](const std::string& v) { g.dir = v; },
         "Ledger directory (default: ARCTL_DIR, else .arctl found upward, else "
         "~/.local/share/arctl)")
      ->group(group)
      ->type_name("DIR");
  app.add_option_function<std::string>(
         "--format", [&g](const std::string& v) { g.format = parse_format(v); },
         "Output format: table, json, jsonl, csv, tsv, xlsx (a workbook: with --out or to a pipe)")
      ->group(group)
      ->type_name("FMT");
  app.add_option_function<std::string>(
         "--out", [&g](const std::string& v) { g.out = v; },
         "Write the result into FILE (whole, once complete) instead of standard output")
      ->group(group)
      ->type_name("FILE");
  app.add_option_function<std::string>(
         "--as-of",
         [&g](const std::string& v) {
           try {
             g.as_of = parse_date(v);
           } catch (const Error& e) {
             throw e.located({"", 0, "--as-of"});
           }
         },
         "Business date YYYY-MM-DD (default: ARCTL_TODAY, else today)")
      ->group(group)
      ->type_name("DATE");
  app.add_option_function<std::string>(
         "--actor", [&g](const std::string& v) { g.actor = v; },
         "Who is acting, for the journal (default: ARCTL_ACTOR, else the login name)")
      ->group(group)
      ->type_name("NAME");
  app.add_option_function<std::vector<std::string>>(
         "--plugin-dir",
         [&g](const std::vector<std::string>& v) {
           for (const auto& d : v)
             g.plugin_dirs.emplace_back(d);
         },
         "Load plugins from DIR first (repeatable)")
      ->group(group)
      ->type_name("DIR")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_flag_function(
         "-q,--quiet", [&g](std::int64_t) { g.quiet = true; }, "Print no diagnostics")
      ->group(group);
  app.add_flag_function(
         "-v,--verbose", [&g](std::int64_t n) { g.verbose = static_cast<int>(n); },
         "More diagnostics (repeatable)")
      ->group(group);
  app.add_flag_function(
         "--no-color", [&g](std::int64_t) { g.no_color = true; }, "No colours (also NO_COLOR)")
      ->group(group);
}

void add_pre_dry_run(CLI::App& pre, GlobalOptions& g) {
  // Only the pre-parser knows it: on the main app it would make every command,
  // read-only ones too, accept --dry-run after the command word; there each
  // mutating command declares its own (Context::add_dry_run), bound to the
  // same flag.
  pre.add_flag_function("--dry-run", [&g](std::int64_t) { g.dry_run = true; });
}

void apply_environment(GlobalOptions& g) {
  if (!g.dir)
    if (const char* d = std::getenv("ARCTL_DIR"); d && *d) g.dir = d;
  if (g.actor.empty())
    if (const char* a = std::getenv("ARCTL_ACTOR"); a && *a) g.actor = a;
  if (g.actor.empty()) {
    if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name) g.actor = pw->pw_name;
  }
  if (g.actor.empty())
    if (const char* u = std::getenv("USER"); u && *u) g.actor = u;
  if (g.actor.empty()) g.actor = "uid" + std::to_string(::geteuid());
}

}  // namespace arctl::cli
