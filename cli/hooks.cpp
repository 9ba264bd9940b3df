// Running hooks: a child process per hook, the event on its standard input.
#include "hooks.hpp"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

#include "arctl/log.hpp"

namespace arctl::cli {
namespace fs = std::filesystem;

Hooks::Hooks(fs::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    struct stat st {};
    if (::stat(e.path().c_str(), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & S_IXUSR))
      names_.insert(e.path().filename().string());
  }
}

int Hooks::run(const std::string& name, const Json& payload) const {
  if (!has(name)) return 0;
  const auto path = dir_ / name;
  const auto input = payload.dump() + "\n";
  int fds[2];
  if (::pipe(fds) != 0) return 1;
  const pid_t pid = ::fork();
  if (pid < 0) return 1;
  if (pid == 0) {
    ::dup2(fds[0], STDIN_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    // Hooks report on stderr; stdout stays the command's data.
    ::dup2(STDERR_FILENO, STDOUT_FILENO);
    ::setenv("ARCTL_DIR", dir_.parent_path().c_str(), 1);
    ::execl(path.c_str(), path.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(fds[0]);
  // A hook that does not read its input must not kill us with SIGPIPE.
  auto old = std::signal(SIGPIPE, SIG_IGN);
  std::size_t off = 0;
  while (off < input.size()) {
    const auto n = ::write(fds[1], input.data() + off, input.size() - off);
    if (n <= 0) break;
    off += static_cast<std::size_t>(n);
  }
  ::close(fds[1]);
  std::signal(SIGPIPE, old);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  log::info("hook " + name + " exited " + std::to_string(code));
  return code;
}

void Hooks::attach(Context& ctx) const {
  if (empty()) return;
  ctx.on_open([this](Ledger& ledger) { watch(ledger); });
}

void Hooks::watch(Ledger& ledger) const {
  ledger.on_commit([this, &ledger](std::uint64_t first, std::uint64_t last) {
    ledger.read([&](Tx& tx) {
      tx.journal(first, [&](const JournalEntry& e) {
        if (e.seq > last) return false;
        if (has(e.type)) {
          const int code = run(e.type, e.to_json());
          if (code != 0)
            log::warn("hook " + e.type + " failed with exit code " + std::to_string(code));
        }
        return true;
      });
    });
  });
}

}  // namespace arctl::cli
