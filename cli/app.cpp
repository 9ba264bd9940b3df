// Dispatch: pre-parse the global options, load plugins, build the command
// tree, resolve aliases and external commands, run, and turn any error into
// a message on stderr and an exit code.
#include "app.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "arctl/error.hpp"
#include "arctl/log.hpp"
#include "arctl/plugin_host.hpp"
#include "commands.hpp"
#include "complete.hpp"
#include "external.hpp"
#include "globals.hpp"
#include "help.hpp"
#include "hooks.hpp"
#include "man.hpp"

namespace arctl::cli {
namespace {

constexpr int kMaxAliasDepth = 8;
constexpr std::string_view kPluginGroup = "Commands from plugin ";

CLI::App* find_command(CLI::App& app, const std::string& name) {
  for (auto* sub : app.get_subcommands([](CLI::App*) { return true; }))
    if (sub->check_name(name)) return sub;
  return nullptr;
}

std::optional<std::string> alias_for(Context& ctx, const std::string& name) {
  if (!ctx.has_ledger()) return std::nullopt;
  return ctx.ledger().read([&](Tx& tx) { return tx.config("alias." + name); });
}

void register_builtins(CLI::App& app, Context& ctx, const Hooks& hooks) {
  register_init(app, ctx);
  register_customer(app, ctx);
  register_log(app, ctx);
  register_check(app, ctx);
  register_period(app, ctx);
  register_config(app, ctx);
  register_plugin(app, ctx);
  register_version(app, ctx);
  register_close(app, ctx, hooks);
  register_backup(app, ctx);
  register_store(app, ctx);
  register_help(app, ctx);
  register_completion(app, ctx);
  for (auto* sub : app.get_subcommands([](CLI::App*) { return true; }))
    if (sub->get_group() == "Subcommands") sub->group("Commands");
}

void register_plugin_commands(CLI::App& app, Context& ctx, Plugin& plugin) {
  const auto before = app.get_subcommands([](CLI::App*) { return true; }).size();
  try {
    plugin.register_commands(app, ctx);
  } catch (const std::exception& e) {
    fail(ErrorKind::kError,
         "plugin '" + plugin.info().name + "' failed to register its commands: " + e.what());
  } catch (...) {
    fail(ErrorKind::kError, "plugin '" + plugin.info().name + "' failed to register its commands");
  }
  auto subs = app.get_subcommands([](CLI::App*) { return true; });
  for (std::size_t i = before; i < subs.size(); ++i)
    subs[i]->group(std::string(kPluginGroup) + plugin.info().name);
}

// Every plugin command word not registered yet, as an entry without options
// (from the plugin manifest): enough to list, suggest and complete command
// names without loading the plugins.
void register_command_names(CLI::App& app, const PluginHost& host) {
  for (const auto& c : host.commands()) {
    if (!c.creates || find_command(app, c.name) != nullptr) continue;
    auto* sub = app.add_subcommand(c.name, c.description);
    for (const auto& a : c.aliases)
      sub->alias(a);
    sub->group(std::string(kPluginGroup) + c.plugin);
  }
}

// The plugin whose command was chosen on the command line, or "" for a built-in.
std::string plugin_of_command(CLI::App& app) {
  for (auto* sub : app.get_subcommands()) {
    const auto& group = sub->get_group();
    if (group.rfind(kPluginGroup, 0) == 0) return group.substr(kPluginGroup.size());
  }
  return {};
}

// A plugin command that fails with something other than arctl::Error is a
// bug in that plugin: say which one, instead of a bare "internal error".
[[noreturn]] void fail_in_plugin(CLI::App& app, const std::string& what) {
  const auto plugin = plugin_of_command(app);
  if (plugin.empty()) fail(ErrorKind::kError, "internal error: " + what);
  fail(ErrorKind::kError, "plugin '" + plugin + "' failed: " + what);
}

int run_inner(std::vector<std::string> args, int depth) {
  GlobalOptions g;
  g.argv.push_back("arctl");
  g.argv.insert(g.argv.end(), args.begin(), args.end());
  PreFlags flags;
  {
    CLI::App pre;
    pre.set_help_flag();
    pre.prefix_command();
    pre.allow_extras();
    add_global_options(pre, g);
    add_pre_dry_run(pre, g);
    pre.add_flag("--version", flags.version);
    pre.add_flag("-h,--help", flags.help);
    std::vector<std::string> rev(args.rbegin(), args.rend());
    try {
      pre.parse(rev);
    } catch (const CLI::ParseError& e) {
      std::cerr << "arctl: " << e.what() << "\n";
      return exit_code(ErrorKind::kUsage);
    }
    args = pre.remaining();
  }
  apply_environment(g);
  log::set_verbosity(g.quiet ? -1 : g.verbose);

  PluginHost host;  // declared before everything that may hold plugin code
  Context ctx(g, std::cout, std::cerr);
  {
    const auto dirs = plugin_search_path(ctx.options(), ctx.ledger_dir());
    host.open(dirs, plugin_manifest_path(dirs), ctx);
  }
  ctx.set_plugins(&host);
  // After loading: --version names the plugins, as `arctl version` does.
  if (flags.version) {
    print_version(ctx);
    return 0;
  }
  const Hooks hooks(ctx.ledger_dir() / "hooks");
  hooks.attach(ctx);

  CLI::App app("arctl: accounts-receivable operations from the command line", "arctl");
  app.fallthrough();
  app.require_subcommand(0, 1);
  app.formatter(make_formatter());
  add_global_options(app, ctx.options());
  app.set_version_flag("--version", "");
  register_builtins(app, ctx, hooks);
  // Plugins register their commands as they load: before parsing, on the
  // command tree; once parsing has begun (a service or an event needed one),
  // on a tree of their own that is never parsed, so that a plugin loaded
  // late is set up as one loaded first.
  bool parsed = false;
  std::vector<std::unique_ptr<CLI::App>> late_trees;
  auto register_loaded = [&](Plugin& p) {
    if (!parsed) return register_plugin_commands(app, ctx, p);
    late_trees.push_back(std::make_unique<CLI::App>());
    p.register_commands(*late_trees.back(), ctx);
  };
  for (auto* p : host.loaded())
    register_loaded(*p);
  host.on_load(register_loaded);
  // The plugins of the command word; listing, help and completion name the
  // others from the manifest.
  if (!args.empty() && args.front() == "__man") {
    host.plugins();
  } else {
    const bool help_word = !args.empty() && args.front() == "help";
    const bool complete_word = !args.empty() && args.front() == "__complete";
    const bool listing = args.empty() || flags.help || help_word || complete_word;
    const std::size_t first = help_word || complete_word ? 1 : 0;
    // Completion: the command word is the first word before the one completed.
    const std::size_t last =
        complete_word ? args.size() - 1 : std::min<std::size_t>(args.size(), first + 1);
    bool found = false;
    for (std::size_t i = first; i < last && !found; ++i)
      if (!args[i].empty() && args[i][0] != '-')
        found = host.load_command(args[i]) || find_command(app, args[i]) != nullptr;
    // An alias, an external command or a typo: the suggestions name every command.
    if (listing || !found) register_command_names(app, host);
  }
  // --dry-run before the command word stands for the command's own flag, so
  // a command without one (read-only, or writing outside the ledger, such as
  // `backup`) refuses it as it would after the word; checked once parsing is
  // complete and before any command runs.
  // The command's words name a workbook's sheet; --format xlsx to a terminal
  // needs a file, checked here too so that a mutating command refuses before
  // it changes anything.
  app.parse_complete_callback([&app, &ctx, dry_before = g.dry_run] {
    CLI::App* leaf = &app;
    std::string words;
    for (auto subs = leaf->get_subcommands(); !subs.empty(); subs = leaf->get_subcommands()) {
      leaf = subs.front();
      words += (words.empty() ? "" : " ") + leaf->get_name();
    }
    ctx.options().command = words;
    const auto* own_out = leaf != &app ? leaf->get_option_no_throw("--out") : nullptr;
    ctx.check_output_target(own_out != nullptr && own_out->count() > 0);
    if (!dry_before) return;
    if (leaf != &app && leaf->get_option_no_throw("--dry-run") == nullptr)
      fail_usage("'" + leaf->get_name() + "' does not take --dry-run");
  });

  if (args.empty() || flags.help) {
    if (!args.empty()) return print_help(ctx, app, args);
    std::cout << app.help();
    return args.empty() && !flags.help ? exit_code(ErrorKind::kUsage) : 0;
  }
  const std::string word = args.front();
  if (word == "__complete") {
    complete(app, ctx, std::vector<std::string>(args.begin() + 1, args.end()), std::cout);
    return 0;
  }
  if (word == "__man")
    return write_man_pages(app, ctx, std::vector<std::string>(args.begin() + 1, args.end()));
  if (!word.empty() && word[0] != '-' && find_command(app, word) == nullptr) {
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (auto alias = alias_for(ctx, word)) {
      if (depth >= kMaxAliasDepth) fail_usage("alias '" + word + "' expands too deeply (a loop?)");
      if (!alias->empty() && (*alias)[0] == '!')
        return run_shell_alias(alias->substr(1), rest, ctx.ledger_dir());
      auto expanded = split_words(*alias);
      if (expanded.empty()) fail_usage("alias '" + word + "' is empty");
      // Keep the global options the user gave before the alias.
      std::vector<std::string> next;
      if (g.dir) next.insert(next.end(), {"-C", g.dir->string()});
      if (g.format) next.insert(next.end(), {"--format", to_string(*g.format)});
      if (g.out) next.insert(next.end(), {"--out", g.out->string()});
      if (g.as_of) next.insert(next.end(), {"--as-of", format_date(*g.as_of)});
      next.insert(next.end(), {"--actor", g.actor});
      for (const auto& d : g.plugin_dirs)
        next.insert(next.end(), {"--plugin-dir", d.string()});
      if (g.quiet) next.push_back("-q");
      if (g.no_color) next.push_back("--no-color");
      if (g.dry_run) next.push_back("--dry-run");
      next.insert(next.end(), expanded.begin(), expanded.end());
      next.insert(next.end(), rest.begin(), rest.end());
      return run_inner(std::move(next), depth + 1);
    }
    if (auto program = find_external(word)) {
      const auto dir = ctx.ledger_dir();
      return exec_external(*program, rest, dir);
    }
    std::vector<std::string> names;
    for (auto* sub : app.get_subcommands([](CLI::App*) { return true; }))
      if (!sub->get_group().empty()) names.push_back(sub->get_name());
    std::cerr << "arctl: '" << word << "' is not an arctl command. See 'arctl help'.\n";
    const auto close = nearest(word, names);
    if (!close.empty()) {
      std::cerr << (close.size() == 1 ? "\nThe most similar command is\n"
                                      : "\nThe most similar commands are\n");
      for (const auto& c : close)
        std::cerr << '\t' << c << '\n';
    }
    return exit_code(ErrorKind::kUsage);
  }

  std::vector<std::string> rev(args.rbegin(), args.rend());
  try {
    parsed = true;
    app.parse(rev);
  } catch (const CLI::CallForHelp&) {
    return print_help(ctx, app, args);
  } catch (const CLI::CallForAllHelp&) {
    return print_help(ctx, app, args);
  } catch (const CLI::Success&) {
    return 0;
  } catch (const CLI::ParseError& e) {
    std::cerr << "arctl: " << e.what() << "\n";
    std::cerr << "Run 'arctl help " << word << "' for usage.\n";
    return exit_code(ErrorKind::kUsage);
  } catch (const Error& e) {
    // The exception object may have been thrown by a plugin, whose code then
    // destroys it: what leaves this function, and so outlives the plugin
    // host and the libraries it unloads, is a copy made here.
    throw Error(e);
  } catch (const std::exception& e) {
    fail_in_plugin(app, e.what());
  } catch (...) {
    fail_in_plugin(app, "an unknown exception");
  }
  return ctx.exit_code;
}

}  // namespace

int run(std::vector<std::string> args) {
  try {
    return run_inner(std::move(args), 0);
  } catch (const Error& e) {
    std::cout.flush();
    std::cerr << "arctl: " << e.describe() << '\n';
    return exit_code(e.kind());
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << "arctl: internal error: " << e.what() << '\n';
    return exit_code(ErrorKind::kError);
  } catch (...) {
    std::cout.flush();
    std::cerr << "arctl: internal error: an unknown exception\n";
    return exit_code(ErrorKind::kError);
  }
}

}  // namespace arctl::cli
