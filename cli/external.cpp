// Aliases, external commands and suggestions, in the manner of git.
#include "external.hpp"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <set>

#include "arctl/error.hpp"

namespace arctl::cli {
namespace fs = std::filesystem;

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\'' || c == '"') {
      in_word = true;
      const auto end = text.find(c, i + 1);
      if (end == std::string::npos) fail_usage("unterminated quote in alias '" + text + "'");
      cur.append(text, i + 1, end - i - 1);
      i = end;
    } else if (c == '\\' && i + 1 < text.size()) {
      in_word = true;
      cur += text[++i];
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) out.push_back(std::move(cur));
      cur.clear();
      in_word = false;
    } else {
      in_word = true;
      cur += c;
    }
  }
  if (in_word) out.push_back(std::move(cur));
  return out;
}

namespace {

std::vector<fs::path> path_dirs() {
  std::vector<fs::path> dirs;
  const char* path = std::getenv("PATH");
  std::string_view rest = path ? path : "/usr/local/bin:/usr/bin:/bin";
  while (true) {
    const auto colon = rest.find(':');
    const auto part = rest.substr(0, colon);
    dirs.emplace_back(part.empty() ? "." : std::string(part));
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  return dirs;
}

bool is_executable(const fs::path& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(p.c_str(), X_OK) == 0;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

void set_ledger_env(const fs::path& ledger_dir) {
  if (!ledger_dir.empty()) ::setenv("ARCTL_DIR", ledger_dir.c_str(), 1);
}

}  // namespace

std::optional<fs::path> find_external(const std::string& name) {
  if (name.empty() || name.find('/') != std::string::npos) return std::nullopt;
  for (const auto& dir : path_dirs()) {
    auto p = dir / ("arctl-" + name);
    if (is_executable(p)) return p;
  }
  return std::nullopt;
}

std::vector<std::string> external_commands() {
  std::set<std::string> names;
  for (const auto& dir : path_dirs()) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      const auto file = e.path().filename().string();
      if (file.rfind("arctl-", 0) == 0 && file.size() > 6 && is_executable(e.path()))
        names.insert(file.substr(6));
    }
  }
  return {names.begin(), names.end()};
}

int exec_external(const fs::path& program, const std::vector<std::string>& args,
                  const fs::path& ledger_dir) {
  set_ledger_env(ledger_dir);
  std::vector<char*> argv;
  std::string arg0 = program.string();
  argv.push_back(arg0.data());
  std::vector<std::string> copy = args;
  for (auto& a : copy)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  std::cout.flush();
  ::execv(program.c_str(), argv.data());
  std::cerr << "arctl: cannot run " << program << ": " << std::strerror(errno) << '\n';
  return 1;
}

int run_shell_alias(const std::string& command, const std::vector<std::string>& args,
                    const fs::path& ledger_dir) {
  set_ledger_env(ledger_dir);
  std::vector<std::string> words = {"/bin/sh", "-c", command + " \"$@\"", "arctl-alias"};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& w : words)
    argv.push_back(w.data());
  argv.push_back(nullptr);
  std::cout.flush();
  ::execv("/bin/sh", argv.data());
  std::cerr << "arctl: cannot run /bin/sh: " << std::strerror(errno) << '\n';
  return 1;
}

std::vector<std::string> nearest(const std::string& word, const std::vector<std::string>& names) {
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& n : names) {
    const auto d = edit_distance(word, n);
    const bool prefix = word.size() >= 2 && n.rfind(word, 0) == 0;
    if (d <= std::max<std::size_t>(2, word.size() / 3) || prefix)
      scored.emplace_back(prefix ? 0 : d, n);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (auto& [d, n] : scored)
    if (out.empty() || out.back() != n) out.push_back(n);
  return out;
}

}  // namespace arctl::cli
