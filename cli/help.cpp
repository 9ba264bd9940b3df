// Help: CLI11's formatter with arctl's footer, and `arctl help [--man] TOPIC`,
// where TOPIC is a command or one of the guides installed from doc/.
#include "help.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "arctl/error.hpp"
#include "external.hpp"
#include "man.hpp"

namespace arctl::cli {
namespace {

// The exit statuses from the one table (man.cpp), then where to look next.
std::string footer() {
  std::string text = "Exit codes:";
  for (const auto& s : exit_statuses()) {
    std::string name = s.name;
    std::replace(name.begin(), name.end(), '_', ' ');
    text += " " + std::to_string(s.code) + " " + name + ",";
  }
  text.back() = '.';
  return text +
         "\n'arctl help COMMAND' shows a command's options; 'man arctl-COMMAND' its manual;\n"
         "'arctl-NAME' on PATH runs as 'arctl NAME'.";
}

// The guides (doc/*.md) live in share/doc/arctl beside the data directory,
// in the build tree as in an installed one.
std::filesystem::path guide_dir() {
  return Context::data_dir().parent_path() / "doc" / "arctl";
}

std::vector<std::string> guide_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(guide_dir(), ec)) {
    const auto& p = e.path();
    if (p.extension() == ".md" && p.stem() != "README" && p.stem() != "RELIABILITY")
      names.push_back(p.stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Prints a guide, through the pager when a person reads it on a terminal
// (MANPAGER, then PAGER, then less), as `git help` does with its guides.
bool print_guide(Context& ctx, const std::string& name) {
  const auto path = guide_dir() / (name + ".md");
  std::ifstream in(path);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  if (&ctx.out() == &std::cout && ::isatty(STDOUT_FILENO) == 1) {
    const char* pager = std::getenv("MANPAGER");
    if (pager == nullptr || *pager == '\0') pager = std::getenv("PAGER");
    if (pager == nullptr || *pager == '\0') pager = "less";
    if (FILE* p = ::popen(pager, "w")) {
      const auto body = text.str();
      std::fwrite(body.data(), 1, body.size(), p);
      if (::pclose(p) == 0) return true;
    }
  }
  ctx.out() << text.str();
  return true;
}

class Formatter : public CLI::Formatter {
 public:
  Formatter() { column_width(34); }
};

}  // namespace

std::shared_ptr<CLI::Formatter> make_formatter() {
  return std::make_shared<Formatter>();
}

int print_help(Context& ctx, CLI::App& app, const std::vector<std::string>& path) {
  CLI::App* cur = &app;
  std::string name = "arctl";
  for (const auto& word : path) {
    if (word.empty() || word[0] == '-') continue;
    CLI::App* next = nullptr;
    for (auto* sub : cur->get_subcommands([](CLI::App*) { return true; }))
      if (sub->check_name(word)) next = sub;
    if (next == nullptr) {
      if (cur == &app) {
        if (ctx.has_ledger()) {
          auto alias = ctx.ledger().read([&](Tx& tx) { return tx.config("alias." + word); });
          if (alias) {
            ctx.out() << "'" << word << "' is aliased to '" << *alias << "'\n";
            return 0;
          }
        }
        if (auto ext = find_external(word)) {
          ctx.out() << "'" << word << "' is an external command: " << ext->string() << "\n";
          return 0;
        }
        if (print_guide(ctx, word)) return 0;
      }
      std::vector<std::string> names;
      for (auto* sub : cur->get_subcommands([](CLI::App*) { return true; }))
        if (!sub->get_group().empty()) names.push_back(sub->get_name());
      std::cerr << "arctl: no help for '" << word << "': not a command"
                << (cur == &app ? " or a guide" : "") << "\n";
      if (cur == &app)
        for (const auto& g : guide_names())
          names.push_back(g);
      const auto close = nearest(word, names);
      if (!close.empty()) std::cerr << "Did you mean '" << close.front() << "'?\n";
      return exit_code(ErrorKind::kUsage);
    }
    cur = next;
    name += " " + next->get_name();
  }
  // Format directly: App::help() would describe the parsed `help` subcommand.
  ctx.out() << app.get_formatter()->make_help(cur, name, CLI::AppFormatMode::Normal);
  if (cur == &app) {
    ctx.out() << '\n' << footer() << '\n';
    const auto guides = guide_names();
    if (!guides.empty()) {
      ctx.out() << "Guides ('arctl help GUIDE'):";
      for (const auto& g : guides)
        ctx.out() << ' ' << g;
      ctx.out() << '\n';
    }
  }
  return 0;
}

void register_help(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("help", "Show help for arctl or for a command");
  auto topic = std::make_shared<std::vector<std::string>>();
  auto man = std::make_shared<bool>(false);
  cmd->add_option("command", *topic, "The command (and subcommand) to explain, or a guide");
  cmd->add_flag("--man", *man, "Print the command's manual page (roff, for man -l -) instead");
  cmd->callback([&ctx, &app, topic, man] {
    if (!*man) {
      ctx.exit_code = print_help(ctx, app, *topic);
      return;
    }
    // The page of the top-level command: subcommands are sections of it.
    std::vector<std::string> command;
    for (const auto& word : *topic)
      if (command.empty() && !word.empty() && word[0] != '-') command.push_back(word);
    ctx.out() << man_page(app, command, "");
  });
}

}  // namespace arctl::cli
