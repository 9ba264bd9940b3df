// The command context: ledger discovery (like git's .git), lazy opening,
// rendering, diagnostics and the progress bar.
#include "arctl/context.hpp"

#include "arctl/store.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdlib>
#include <iostream>

#include <boost/dll/runtime_symbol_info.hpp>

#include "arctl/error.hpp"
#include "arctl/log.hpp"
#include "arctl/plugin_host.hpp"
#include "arctl/staged_file.hpp"
#include "runtime/xlsx.hpp"

namespace arctl {
namespace {

std::string quote_arg(const std::string& a) {
  if (!a.empty() && a.find_first_of(" \t\n'\"\\$`;&|<>()*?[]{}~#!") == std::string::npos) return a;
  std::string q = "'";
  for (char c : a) {
    if (c == '\'')
      q += "'\\''";
    else
      q += c;
  }
  return q + "'";
}

}  // namespace

Context::Context(GlobalOptions options, std::ostream& out, std::ostream& err)
    : options_(std::move(options)), out_(out), err_(err), tty_(::isatty(STDOUT_FILENO) == 1) {}

Context::~Context() = default;

Date Context::today() const {
  return business_date(options_.as_of);
}

std::filesystem::path Context::ledger_dir() const {
  if (resolved_dir_) return *resolved_dir_;
  namespace fs = std::filesystem;
  if (options_.dir) {
    resolved_dir_ = fs::absolute(*options_.dir);
    return *resolved_dir_;
  }
  std::error_code ec;
  for (auto dir = fs::current_path(ec); !ec && !dir.empty(); dir = dir.parent_path()) {
    const auto candidate = dir / ".arctl";
    std::error_code probe;  // a missing candidate is not an error
    if (fs::is_directory(candidate, probe)) {
      resolved_dir_ = candidate;
      return *resolved_dir_;
    }
    if (dir == dir.parent_path()) break;
  }
  fs::path base;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
    base = xdg;
  else if (const char* home = std::getenv("HOME"); home && *home)
    base = fs::path(home) / ".local" / "share";
  else
    base = fs::current_path(ec);
  resolved_dir_ = base / "arctl";
  return *resolved_dir_;
}

bool Context::has_ledger() const {
  if (const char* store = std::getenv("ARCTL_STORE"); store && *store) return true;
  std::error_code ec;
  return std::filesystem::exists(ledger_dir() / "data.mdb", ec) ||
         std::filesystem::exists(ledger_dir() / kStoreUrlFile, ec);
}

Ledger& Context::ledger() {
  if (ledger_) return *ledger_;
  if (!has_ledger())
    fail(ErrorKind::kNotFound, "no ledger at " + ledger_dir().string() +
                                   " (run 'arctl init', or point -C/ARCTL_DIR at one)");
  Session s;
  s.actor = options_.actor;
  for (std::size_t i = 0; i < options_.argv.size(); ++i)
    s.command += (i ? " " : "") + quote_arg(options_.argv[i]);
  s.dry_run = options_.dry_run;
  // A malformed ARCTL_TODAY is reported by the command that reads the date,
  // not by every command that opens the ledger.
  try {
    s.today = today();
  } catch (const Error&) {
  }
  log::info("ledger " + ledger_dir().string() + " as " + s.actor);
  ledger_ = Ledger::open(ledger_dir(), std::move(s), false);
  if (host_) {
    auto& bus = ledger_->bus();
    auto* host = host_;
    bus.set_loader([host](std::string_view type) { host->load_event(type); },
                   [host](std::string_view owner) { return host->rank(owner); });
    for (auto* p : host_->loaded())
      p->subscribe(bus);
  }
  for (const auto& fn : on_open_)
    fn(*ledger_);
  return *ledger_;
}

bool Context::create_ledger() {
  if (has_ledger()) return false;
  Session s;
  s.actor = options_.actor;
  s.command = "arctl init";
  ledger_ = Ledger::open(ledger_dir(), std::move(s), true);
  ledger_.reset();
  return true;
}

std::filesystem::path Context::data_dir() {
  std::error_code ec;
  const auto exe = boost::dll::program_location(ec);
  if (ec) return ARCTL_DATA_RELDIR;
  return std::filesystem::path(exe).parent_path().parent_path() / ARCTL_DATA_RELDIR;
}

std::filesystem::path Context::find_template(std::string_view name) const {
  std::error_code ec;
  const auto own = ledger_dir() / "templates" / name;
  if (std::filesystem::exists(own, ec)) return own;
  const auto installed = data_dir() / "templates" / name;
  if (std::filesystem::exists(installed, ec)) return installed;
  fail(ErrorKind::kNotFound, "no template '" + std::string(name) + "' in " +
                                 (ledger_dir() / "templates").string() + " or " +
                                 (data_dir() / "templates").string());
}

void Context::set_plugins(PluginHost* host) {
  host_ = host;
  if (host_)
    host_->on_load([this](Plugin& p) {
      if (ledger_) p.subscribe(ledger_->bus());
    });
}

Services* Context::services() noexcept {
  return host_ ? &host_->services() : nullptr;
}

Format Context::format() const {
  return options_.format.value_or(Format::kTable);
}

bool Context::color() const noexcept {
  if (options_.no_color || !tty_) return false;
  const char* nc = std::getenv("NO_COLOR");
  return nc == nullptr || *nc == '\0';
}

void Context::check_output_target(bool own_out) const {
  if (format() == Format::kXlsx && !options_.out && !own_out && tty_)
    fail_usage("--format xlsx writes a workbook: give --out FILE or redirect standard output");
}

void Context::print(const Json& value) {
  const auto f = format();
  if (f == Format::kXlsx) {
    detail::XlsxOptions x;
    x.sheet = options_.command.empty() ? "arctl" : options_.command;
    x.title = "arctl " + x.sheet;
    // The business date, so that the same command on the same ledger writes the same file.
    x.created = std::chrono::system_clock::to_time_t(std::chrono::sys_seconds(today()));
    if (options_.out) {
      StagedFile file(*options_.out);
      detail::write_xlsx(file.staged(), value, x);
      file.publish();
      return;
    }
    check_output_target(false);
    detail::write_xlsx_to(out_, value, x);
    return;
  }
  if (options_.out) {
    StagedFile file(*options_.out);
    file.write([&](std::ostream& o) { render(o, value, {f, false}); });
    file.publish();
    return;
  }
  render(out_, value, {f, color()});
}

void Context::note(const std::string& text) {
  if (!options_.quiet) err_ << text << '\n';
}

void Context::add_dry_run(CLI::App* cmd) {
  cmd->add_flag("--dry-run", options_.dry_run,
                "Run the command and show its result, then discard every change");
}

Context::Progress::Progress(Context& ctx, std::string label, std::uint64_t total)
    : ctx_(ctx), label_(std::move(label)), total_(total) {
  on_ = total_ > 0 && !ctx_.options().quiet && ::isatty(STDERR_FILENO) == 1;
}

Context::Progress::~Progress() {
  if (on_ && last_pct_ >= 0) ctx_.err() << "\r\033[K" << std::flush;
}

void Context::Progress::tick(std::uint64_t n) {
  done_ += n;
  if (!on_) return;
  const int pct = static_cast<int>(done_ * 100 / total_);
  if (pct == last_pct_) return;
  last_pct_ = pct;
  const int width = 30;
  const int filled = pct * width / 100;
  ctx_.err() << '\r' << label_ << " [" << std::string(filled, '#')
             << std::string(width - filled, ' ') << "] " << pct << "% (" << done_ << '/' << total_
             << ')' << std::flush;
}

}  // namespace arctl
