// What a command handler gets: the global options, the business date, the
// ledger (opened on first use), and one way to print results.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "arctl/api.hpp"
#include "arctl/date.hpp"
#include "arctl/ledger.hpp"
#include "arctl/output.hpp"
#include "arctl/services.hpp"

namespace CLI {
class App;
}

namespace arctl {

struct ARCTL_API GlobalOptions {
  std::optional<std::filesystem::path> dir;  // -C / ARCTL_DIR
  std::optional<Format> format;              // --format; default depends on the terminal
  std::optional<Date> as_of;                 // --as-of
  std::string actor;                         // --actor / ARCTL_ACTOR / login name
  bool quiet = false;
  int verbose = 0;
  bool no_color = false;
  bool dry_run = false;
  std::vector<std::filesystem::path> plugin_dirs;  // --plugin-dir
  std::vector<std::string> argv;                   // the whole command line
  std::optional<std::filesystem::path> out;        // --out FILE: the result into FILE
  std::string command;  // the command's words ("report dso"), set once parsed
};

class PluginHost;

class ARCTL_API Context {
 public:
  Context(GlobalOptions options, std::ostream& out, std::ostream& err);
  ~Context();

  GlobalOptions& options() noexcept { return options_; }
  const GlobalOptions& options() const noexcept { return options_; }
  Date today() const;  // the business date

  // The ledger directory: -C/ARCTL_DIR, else .arctl searched upward from the
  // working directory, else ~/.local/share/arctl. Does not create anything.
  std::filesystem::path ledger_dir() const;
  bool has_ledger() const;
  // Opens the ledger on first use; Error(kNotFound) suggesting `arctl init`.
  Ledger& ledger();
  // Runs `fn` with the ledger right after it is opened (the CLI attaches hooks).
  void on_open(std::function<void(Ledger&)> fn) { on_open_.push_back(std::move(fn)); }
  // Creates the ledger directory and store if missing; returns true if created.
  bool create_ledger();
  void set_ledger_dir(std::filesystem::path dir) { resolved_dir_ = std::move(dir); }

  // share/arctl beside the running binary's prefix (templates, sample data).
  static std::filesystem::path data_dir();
  // A template: the ledger's templates/NAME if present (so a team can
  // override it), else the installed one. Error(kNotFound) naming both.
  std::filesystem::path find_template(std::string_view name) const;

  // Renders a command's result to stdout in the chosen format, or with --out
  // into that file, put in place whole once written. xlsx (a workbook, sheet
  // named for the command) needs --out or a standard output that is not a
  // terminal: Error(kUsage) otherwise.
  void print(const Json& value);
  // Before a command runs: Error(kUsage) for --format xlsx to a terminal
  // without --out (`own_out`: the command was given its own --out FILE).
  void check_output_target(bool own_out) const;
  // For mutating commands: the one line `human` in table format, `data` in
  // every other format.
  void report(const Json& data, const std::string& human);
  // Renders the Mustache template `name` (find_template) with `data`; {{x}}
  // is HTML-escaped, {{{x}}} is not. Error(kNotFound) or, for a broken
  // template, Error(kError) naming the file.
  std::string render_template(std::string_view name, const Json& data) const;
  Format format() const;
  std::ostream& out() noexcept { return out_; }
  std::ostream& err() noexcept { return err_; }
  // A diagnostic line on stderr, unless -q.
  void note(const std::string& text);
  bool stdout_is_terminal() const noexcept { return tty_; }
  bool color() const noexcept;

  // Exit code to use when the command returns normally (e.g. 10 for a refused
  // credit check that still printed its answer).
  int exit_code = 0;

  // Adds --dry-run to a mutating subcommand, bound to options().dry_run.
  void add_dry_run(CLI::App* cmd);

  PluginHost* plugins() noexcept { return host_; }
  // A service another plugin provides (services.hpp), or nullptr.
  template <class I>
  I* service() {
    auto* s = services();
    return s ? s->template find<I>() : nullptr;
  }
  Services* services() noexcept;
  // The host whose plugins subscribe to the ledger's events: those loaded
  // when the ledger opens, and each loaded later as it loads.
  void set_plugins(PluginHost* host);

  // A progress bar on stderr when it is a terminal and not -q; a no-op otherwise.
  class Progress {
   public:
    Progress(Context& ctx, std::string label, std::uint64_t total);
    ~Progress();
    void tick(std::uint64_t n = 1);

   private:
    Context& ctx_;
    std::string label_;
    std::uint64_t total_, done_ = 0;
    int last_pct_ = -1;
    bool on_ = false;
  };

 private:
  GlobalOptions options_;
  std::ostream& out_;
  std::ostream& err_;
  bool tty_ = false;
  mutable std::optional<std::filesystem::path> resolved_dir_;
  std::unique_ptr<Ledger> ledger_;
  PluginHost* host_ = nullptr;
  std::vector<std::function<void(Ledger&)>> on_open_;
};

}  // namespace arctl
