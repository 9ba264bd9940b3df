// Completion candidates from the live command tree (builtins, plugin
// commands, aliases, external commands) and the scripts that ask for them.
#include "complete.hpp"

#include <CLI/CLI.hpp>
#include <set>

#include "completion_scripts.hpp"
#include "external.hpp"

namespace arctl::cli {
namespace {

std::vector<CLI::App*> visible_subcommands(CLI::App* app) {
  std::vector<CLI::App*> out;
  for (auto* sub : app->get_subcommands([](CLI::App*) { return true; }))
    if (!sub->get_group().empty()) out.push_back(sub);
  return out;
}

// The option of `app` (or, through fallthrough, its parents) named `word`.
const CLI::Option* find_option(CLI::App* app, const std::string& word) {
  for (auto* a = app; a != nullptr; a = a->get_parent())
    for (const auto* opt : a->get_options())
      if (opt->check_name(word)) return opt;
  return nullptr;
}

}  // namespace

void complete(CLI::App& app, Context& ctx, const std::vector<std::string>& words,
              std::ostream& out) {
  CLI::App* cur = &app;
  const std::string partial = words.empty() ? "" : words.back();
  bool takes_value = false;
  const CLI::Option* last_option = nullptr;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const auto& w = words[i];
    if (takes_value) {
      takes_value = false;
      continue;
    }
    if (!w.empty() && w[0] == '-') {
      const auto name = w.substr(0, w.find('='));
      last_option = find_option(cur, name);
      takes_value =
          last_option && last_option->get_type_size() != 0 && w.find('=') == std::string::npos;
      continue;
    }
    for (auto* sub : visible_subcommands(cur))
      if (sub->check_name(w)) {
        cur = sub;
        break;
      }
  }
  std::set<std::string> candidates;
  if (takes_value) {
    if (last_option && last_option->check_name("--format"))
      candidates = {"table", "json", "jsonl", "csv", "tsv", "xlsx"};
    for (const auto& c : candidates)
      if (c.rfind(partial, 0) == 0) out << c << '\n';
    return;
  }
  if (!partial.empty() && partial[0] == '-') {
    for (auto* a = cur; a != nullptr; a = a->get_parent())
      for (const auto* opt : a->get_options()) {
        for (const auto& n : opt->get_lnames())
          candidates.insert("--" + n);
        for (const auto& n : opt->get_snames())
          candidates.insert("-" + n);
      }
  } else {
    for (auto* sub : visible_subcommands(cur))
      candidates.insert(sub->get_name());
    if (cur == &app) {
      for (const auto& e : external_commands())
        candidates.insert(e);
      if (ctx.has_ledger()) {
        try {
          ctx.ledger().read([&](Tx& tx) {
            for (const auto& [k, v] : tx.config_list("alias."))
              candidates.insert(k.substr(6));
          });
        } catch (...) {
          // Completion must never fail loudly; aliases are a nicety.
        }
      }
    }
  }
  for (const auto& c : candidates)
    if (c.rfind(partial, 0) == 0) out << c << '\n';
}

void register_completion(CLI::App& app, Context& ctx) {
  auto* cmd =
      app.add_subcommand("completion", "Print the shell completion script (bash, zsh, fish)");
  auto shell = std::make_shared<std::string>();
  cmd->add_option("shell", *shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  cmd->callback([&ctx, shell] {
    if (*shell == "bash")
      ctx.out() << kBashCompletion;
    else if (*shell == "zsh")
      ctx.out() << kZshCompletion;
    else
      ctx.out() << kFishCompletion;
  });
}

}  // namespace arctl::cli
