// Manual pages from the CLI11 command tree: arctl(1), one page per top-level
// command, and the two section 7 pages whose prose lives in share/man/. The
// option text comes from the same formatter as `arctl help`.
#include "man.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "arctl/error.hpp"
#include "arctl/plugin.hpp"
#include "arctl_version.hpp"
#include "man_sources.hpp"

namespace arctl::cli {
namespace {

namespace fs = std::filesystem;

struct Meaning {
  ErrorKind kind;
  const char* text;
};

// The codes and names come from the kernel's ErrorKind; only the sentences
// for people live here.
constexpr Meaning kMeanings[] = {
    {ErrorKind::kError, "error: I/O, a corrupt store, a failed arctl check"},
    {ErrorKind::kUsage, "usage: a bad command line, an unknown command"},
    {ErrorKind::kNotFound, "not found: a customer, document, plugin or config key"},
    {ErrorKind::kConflict,
     "conflict or validation failure: bad input, the same id with different content"},
    {ErrorKind::kPeriodLocked, "period locked: a posting dated on or before the lock date"},
    {ErrorKind::kCreditRefused, "credit check refused"},
    {ErrorKind::kUndelivered,
     "mail not delivered: messages left in the outbox, queued, failed or to review"},
    {ErrorKind::kInternal,
     "internal error: arctl broke one of its own invariants (a bug, not your input; please report "
     "it with the message)"},
};

std::string_view source(std::string_view name) {
  for (const auto& s : kManSources)
    if (s.name == name) return s.text;
  return {};
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
}

// Prose: backslashes are printed, and a line may not start a request.
std::string esc(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (const char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\')
      out += "\\e";
    else
      out += c;
    line_start = c == '\n';
  }
  return out;
}

// Words people type (commands, options): hyphens are minus signs, so that
// they can be copied from the rendered page and searched for.
std::string lit(std::string_view text) {
  std::string out = esc(text);
  replace_all(out, "-", "\\-");
  return out;
}

std::vector<const CLI::App*> visible(const CLI::App* app) {
  return app->get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); });
}

const CLI::Formatter& formatter(const CLI::App& root) {
  static const CLI::Formatter fallback;
  const auto* f = dynamic_cast<const CLI::Formatter*>(root.get_formatter().get());
  return f ? *f : fallback;
}

std::string path_of(const CLI::App* app) {
  std::string path;
  for (const auto* a = app; a->get_parent() != nullptr; a = a->get_parent())
    path = a->get_name() + (path.empty() ? "" : " " + path);
  return path;
}

// The options a page documents for `app`: all but the help flag, which every
// command has (arctl(1) lists it once).
std::vector<const CLI::Option*> own_options(const CLI::App* app, bool positional) {
  const auto* help = app->get_help_ptr();
  const bool root = app->get_parent() == nullptr;
  return app->get_options([&](const CLI::Option* o) {
    if (positional != !o->nonpositional()) return false;
    return root || o != help;
  });
}

void option_entry(std::ostream& out, const CLI::Formatter& fmt, const CLI::Option* opt) {
  out << ".TP\n";
  if (!opt->nonpositional()) {
    out << "\\fI" << lit(opt->get_name(true, false)) << "\\fR\n";
  } else {
    std::string names;
    for (const auto& s : opt->get_snames())
      names += (names.empty() ? "" : ", ") + std::string("\\fB\\-") + lit(s) + "\\fR";
    for (const auto& l : opt->get_lnames())
      names += (names.empty() ? "" : ", ") + std::string("\\fB\\-\\-") + lit(l) + "\\fR";
    // The value part as `arctl help` prints it ("TEXT REQUIRED",
    // "DATE=2026-01-31"); its first word is the value's name.
    std::string opts = fmt.make_option_opts(opt);
    while (!opts.empty() && opts.front() == ' ')
      opts.erase(0, 1);
    if (!opts.empty()) {
      const auto space = opts.find(' ');
      names += " \\fI" + lit(opts.substr(0, space)) + "\\fR";
      if (space != std::string::npos) names += lit(opts.substr(space));
    }
    out << names << '\n';
  }
  const auto desc = fmt.make_option_desc(opt);
  out << (desc.empty() ? "(no description)" : esc(desc)) << '\n';
}

void synopsis_line(std::ostream& out, const CLI::Formatter& fmt, const CLI::App* app) {
  out << "\\fBarctl\\fR [\\fIglobal options\\fR] \\fB" << lit(path_of(app)) << "\\fR";
  bool optional = false;
  for (const auto* o : own_options(app, false)) {
    if (!o->get_required()) {
      optional = true;
      continue;
    }
    const auto& l = o->get_lnames();
    out << " \\fB" << (l.empty() ? "\\-" + lit(o->get_snames().front()) : "\\-\\-" + lit(l.front()))
        << "\\fR";
    if (o->get_type_size() != 0) out << " \\fI" << lit(o->get_type_name()) << "\\fR";
  }
  if (optional) out << " [\\fIoptions\\fR]";
  for (const auto* p : own_options(app, true))
    out << " \\fI" << lit(fmt.make_option_usage(p)) << "\\fR";
  if (!visible(app).empty()) out << " [\\fIsubcommand\\fR]";
  out << "\n.br\n";
}

// Every command under `app`, depth first, `app` included.
void walk(const CLI::App* app, std::vector<const CLI::App*>& out) {
  out.push_back(app);
  for (const auto* sub : visible(app))
    walk(sub, out);
}

void title(std::ostream& out, const std::string& name, int section, const std::string& date) {
  std::string upper;
  for (const char c : name)
    upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  out << ".\\\" Generated by 'arctl __man' from the command definitions; do not edit.\n"
      << ".TH " << lit(upper) << ' ' << section << " \"" << date << "\" \"arctl " << ARCTL_VERSION
      << "\" \"arctl Manual\"\n";
}

std::string install_paths(std::string text) {
  replace_all(text, "@PLUGIN_DIR@", lit(ARCTL_MAN_PLUGIN_DIR));
  replace_all(text, "@DATA_DIR@", lit(ARCTL_MAN_DATA_DIR));
  replace_all(text, "@INCLUDE_DIR@", lit(ARCTL_MAN_INCLUDE_DIR));
  return text;
}

std::string exit_status_roff() {
  std::ostringstream out;
  for (const auto& s : exit_statuses())
    out << ".TP\n.B " << s.code << '\n' << esc(s.meaning) << '\n';
  return out.str();
}

// share/man/examples.txt: "== COMMAND" starts a page's examples; indented
// lines are commands, other lines say what the next command does.
std::string examples_roff(const std::string& page) {
  std::istringstream in{std::string(source("examples.txt"))};
  std::ostringstream out;
  std::string line, current;
  bool in_code = false;
  while (std::getline(in, line)) {
    if (line.rfind("== ", 0) == 0) {
      current = line.substr(3);
      continue;
    }
    if (current != page || line.empty() || line[0] == '#') continue;
    const bool code = line.rfind("  ", 0) == 0;
    if (code && !in_code) out << ".PP\n.nf\n.RS 4\n";
    if (!code && in_code) out << ".RE\n.fi\n";
    if (!code) out << ".PP\n";
    out << (code ? lit(line.substr(2)) : esc(line)) << '\n';
    in_code = code;
  }
  if (in_code) out << ".RE\n.fi\n";
  if (out.str().empty()) out << ".PP\n.nf\n.RS 4\narctl help " << lit(page) << "\n.RE\n.fi\n";
  return out.str();
}

void common_sections(std::ostream& out, const std::string& examples_of) {
  out << ".SH EXIT STATUS\n" << exit_status_roff();
  out << ".PP\nSee\n.BR arctl\\-exit\\-codes (7).\n";
  out << ".SH ENVIRONMENT\n" << source("environment.roff");
  out << ".SH FILES\n" << install_paths(std::string(source("files.roff")));
  out << ".SH EXAMPLES\n" << examples_roff(examples_of);
}

std::string root_page(const CLI::App& app, const std::string& date) {
  const auto& fmt = formatter(app);
  std::ostringstream out;
  title(out, "arctl", 1, date);
  out << ".SH NAME\narctl \\- accounts\\-receivable operations from the command line\n"
      << ".SH SYNOPSIS\n\\fBarctl\\fR [\\fIglobal options\\fR] \\fIcommand\\fR "
         "[\\fIsubcommand\\fR] [\\fIargs\\fR]\n"
      << ".SH DESCRIPTION\n"
      << "arctl is a git\\-style command\\-line tool for accounts receivable: customers,\n"
         "invoices, cash application, statements, credit holds, disputes, the month\\-end\n"
         "close and the general\\-ledger export, on an append\\-only, hash\\-chained ledger.\n"
         "One binary runs a small kernel and loads the workflows as plugins.\n"
         ".PP\nEvery command prints stable machine\\-readable output with\n"
         ".BR \\-\\-format ,\n"
         "exits with a documented status, and is safe to re\\-run. Data goes to standard\n"
         "output, diagnostics to standard error.\n"
      << ".PP\nGlobal options go before the command; most may also follow it.\n"
         "A command word that is not a command runs an alias\n"
         "(\\fBarctl config set alias.\\fINAME\\fR \\(dq\\fIcommand args\\fR\\(dq)\n"
         "or an external command\n"
         ".BI arctl\\- NAME\n"
         "found on\n.BR PATH .\n";
  out << ".SH COMMANDS\n";
  std::vector<std::string> groups;
  for (const auto* sub : visible(&app))
    if (std::find(groups.begin(), groups.end(), sub->get_group()) == groups.end())
      groups.push_back(sub->get_group());
  for (const auto& group : groups) {
    out << ".SS \"" << esc(group == "Commands" ? "Built-in commands" : group) << "\"\n";
    for (const auto* sub : visible(&app)) {
      if (sub->get_group() != group) continue;
      out << ".TP\n.B " << lit(sub->get_name()) << '\n'
          << esc(sub->get_description()) << "; see\n.BR arctl\\-" << lit(sub->get_name())
          << " (1).\n";
    }
  }
  out << ".SH OPTIONS\n";
  for (const auto* o : own_options(&app, false))
    option_entry(out, fmt, o);
  common_sections(out, "arctl");
  out << ".SH SEE ALSO\n";
  for (const auto* sub : visible(&app))
    out << ".BR arctl\\-" << lit(sub->get_name()) << " (1),\n";
  out << ".BR arctl\\-exit\\-codes (7),\n.BR arctl\\-plugins (7)\n";
  return out.str();
}

std::string command_page(const CLI::App& root, const CLI::App* cmd, const std::string& date) {
  const auto& fmt = formatter(root);
  const std::string name = "arctl-" + cmd->get_name();
  std::vector<const CLI::App*> all;
  walk(cmd, all);
  std::ostringstream out;
  title(out, name, 1, date);
  out << ".SH NAME\n" << lit(name) << " \\- " << esc(cmd->get_description()) << '\n';
  out << ".SH SYNOPSIS\n.nh\n.ad l\n";
  for (const auto* a : all)
    if (visible(a).empty() || !own_options(a, true).empty() || !own_options(a, false).empty())
      synopsis_line(out, fmt, a);
  out << ".ad\n.hy\n";
  out << ".SH DESCRIPTION\n" << esc(cmd->get_description()) << ".\n";
  if (const auto footer = cmd->get_footer(); !footer.empty()) out << ".PP\n" << esc(footer) << '\n';
  const auto& group = cmd->get_group();
  if (group != "Commands") out << ".PP\n" << esc(group) << ".\n";
  if (all.size() > 1) {
    out << ".SS Subcommands\n";
    for (std::size_t i = 1; i < all.size(); ++i)
      out << ".TP\n.B arctl " << lit(path_of(all[i])) << '\n'
          << esc(all[i]->get_description()) << '\n';
  }
  out << ".SH OPTIONS\n"
      << "Each command also takes the global options of\n.BR arctl (1),\n"
         "such as\n.BR \\-\\-format ,\n.B \\-\\-as\\-of\n"
         "and\n.BR \\-q ,\nand\n.B \\-h\n"
         "(or\n.BR \\-\\-help ),\nwhich prints the same text as\n.BR \"arctl help\" .\n";
  for (const auto* a : all) {
    const auto positionals = own_options(a, true);
    const auto options = own_options(a, false);
    if (positionals.empty() && options.empty()) continue;
    out << ".SS \"arctl " << lit(path_of(a)) << "\"\n";
    for (const auto* o : positionals)
      option_entry(out, fmt, o);
    for (const auto* o : options)
      option_entry(out, fmt, o);
  }
  common_sections(out, cmd->get_name());
  out << ".SH SEE ALSO\n.BR arctl (1),\n.BR arctl\\-exit\\-codes (7)";
  if (group != "Commands") out << ",\n.BR arctl\\-plugins (7)";
  out << '\n';
  return out.str();
}

std::string today() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day ymd{now};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << text;
  f.close();
  if (!f) fail(ErrorKind::kError, "cannot write " + path.string());
}

}  // namespace

std::span<const ExitStatus> exit_statuses() {
  static const std::vector<ExitStatus> table = [] {
    std::vector<ExitStatus> t{{0, "ok", "ok, including an import whose rows were all present"}};
    for (const auto& m : kMeanings)
      t.push_back({exit_code(m.kind), to_string(m.kind), m.text});
    return t;
  }();
  return table;
}

std::string man_page(const CLI::App& app, const std::vector<std::string>& command,
                     const std::string& date) {
  const auto day = date.empty() ? today() : date;
  if (command.empty()) return root_page(app, day);
  for (const auto* sub : visible(&app))
    if (sub->check_name(command.front())) return command_page(app, sub, day);
  fail_usage("no manual page for '" + command.front() + "': not a command");
}

std::string man_page7(const std::string& topic, const std::string& date) {
  auto text = std::string(source("arctl-" + topic + ".7.in"));
  if (text.empty()) fail_usage("no manual page arctl-" + topic + "(7)");
  replace_all(text, "@DATE@", date.empty() ? today() : date);
  replace_all(text, "@VERSION@", ARCTL_VERSION);
  replace_all(text, "@PLUGIN_ABI@", lit(ARCTL_PLUGIN_ABI_STRING));
  replace_all(text, "@EXIT_STATUS@", exit_status_roff());
  return ".\\\" Generated by 'arctl __man' from share/man/; do not edit.\n" + install_paths(text);
}

int write_man_pages(const CLI::App& app, Context& ctx, const std::vector<std::string>& args) {
  std::string dir, date;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--date" && i + 1 < args.size())
      date = args[++i];
    else if (dir.empty() && !args[i].empty() && args[i][0] != '-')
      dir = args[i];
    else
      fail_usage("usage: arctl __man DIR [--date YYYY-MM-DD]");
  }
  if (dir.empty()) fail_usage("usage: arctl __man DIR [--date YYYY-MM-DD]");
  const fs::path man1 = fs::path(dir) / "man1", man7 = fs::path(dir) / "man7";
  std::error_code ec;
  fs::create_directories(man1, ec);
  fs::create_directories(man7, ec);
  if (ec) fail(ErrorKind::kError, "cannot create " + dir + ": " + ec.message());
  std::vector<std::pair<fs::path, std::string>> pages{{man1 / "arctl.1", man_page(app, {}, date)}};
  for (const auto* sub : visible(&app))
    pages.emplace_back(man1 / ("arctl-" + sub->get_name() + ".1"),
                       command_page(app, sub, date.empty() ? today() : date));
  for (const std::string topic : {"plugins", "exit-codes"})
    pages.emplace_back(man7 / ("arctl-" + topic + ".7"), man_page7(topic, date));
  for (const auto& [path, text] : pages) {
    write_file(path, text);
    ctx.out() << path.string() << '\n';
  }
  return 0;
}

}  // namespace arctl::cli
