// `arctl gl export | exports | reconcile | accounts`: thin handlers over the
// export runner and the reconciliation; each export runs in one transaction
// that also records it.
#include "commands.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "accounts.hpp"
#include "arctl/command.hpp"
#include "arctl/error.hpp"
#include "arctl/invoicing_service.hpp"
#include "arctl/staged_file.hpp"
#include "exports.hpp"
#include "reconcile.hpp"

namespace arctl::gl {
namespace fs = std::filesystem;

namespace {

ExportSpec spec_from(const std::string& period, const std::string& from, const std::string& to,
                     bool since_last) {
  ExportSpec s;
  const int ways = (!period.empty()) + (!from.empty() || !to.empty()) + since_last;
  if (ways != 1) fail_usage("give one of --period YYYY-MM, --from D --to D, or --since-last");
  if (since_last) {
    s.since_last = true;
    s.label = "since-last";
  } else if (!period.empty()) {
    const auto p = Period::parse(period);
    s.from = p.first_day();
    s.to = p.last_day();
    s.label = p.str();
  } else {
    if (from.empty() || to.empty()) fail_usage("--from and --to go together");
    s.from = parse_date(from);
    s.to = parse_date(to);
    if (s.to < s.from) fail_usage("--to is before --from");
    s.label = format_date(s.from) + ".." + format_date(s.to);
  }
  return s;
}

void register_export(CLI::App& gl, Context& ctx, const PluginHandle& h) {
  struct Opts {
    std::string period, from, to, format, out;
    bool since_last = false, summary = false, detail = false, reexport = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = gl.add_subcommand("export", "Journal entries for the general ledger");
  cmd->add_option("--period", o->period, "The month YYYY-MM (entries dated in it)");
  cmd->add_option("--from", o->from, "First day of a date range");
  cmd->add_option("--to", o->to, "Last day of a date range");
  cmd->add_flag("--since-last", o->since_last,
                "Everything posted since the previous --since-last export");
  cmd->add_option("--format", o->format,
                  "ledger, hledger, beancount, csv or jsonl (default: gl.export.format, else "
                  "hledger)");
  cmd->add_flag("--summary", o->summary, "One entry per day and currency, one line per account");
  cmd->add_flag("--detail", o->detail, "One entry per document (the default)");
  cmd->add_flag("--reexport", o->reexport,
                "Include entries already exported (they are otherwise left out)");
  cmd->add_option("--out", o->out, "Write to FILE (atomically) instead of standard output");
  ctx.add_dry_run(cmd);
  cmd->callback([&ctx, &h, o] {
    if (o->summary && o->detail) fail_usage("--summary and --detail exclude each other");
    auto spec = spec_from(o->period, o->from, o->to, o->since_last);
    spec.summary = o->summary;
    spec.reexport = o->reexport;
    spec.file = o->out;
    spec.invoicing = ctx.service<InvoicingService>();
    const bool dry = ctx.options().dry_run;
    auto& ledger = ctx.ledger();
    std::string fmt = o->format;
    if (fmt.empty())
      fmt = ledger.read([](Tx& tx) { return tx.config_or("gl.export.format", "hledger"); });
    spec.syntax = parse_syntax(fmt);
    ExportRecord r;
    auto said = [&](const ExportRecord& x) {
      std::string t =
          std::string(dry ? "Would export " : "Exported ") + std::to_string(x.entries) + " entries";
      if (x.reexported) t += " (" + std::to_string(x.reexported) + " exported before: --reexport)";
      if (x.skipped) t += " (" + std::to_string(x.skipped) + " exported before, left out)";
      return t;
    };
    if (!o->out.empty()) {
      // The file appears only once the export is recorded; a dry run records
      // nothing, so it writes no file.
      ledger.write([&](Tx& tx) {
        write_file_on_commit(tx, o->out,
                             [&](std::ostream& out) { r = run_export(tx, h, spec, out, !dry); });
      });
      ctx.report(r.to_json(), said(r) + " (" + spec.label + ", journal events " +
                                  std::to_string(r.seq_from) + ".." + std::to_string(r.seq_to) +
                                  ", debits " + (r.debits.empty() ? "0" : debits_text(r)) + ")" +
                                  (dry ? ", not written to " : " to ") + o->out);
      return;
    }
    // To standard output only once the transaction has committed, so that a
    // failed export prints nothing; spooled through a file, not memory.
    const char* tmpdir = std::getenv("TMPDIR");
    StagedFile spool(fs::path(tmpdir && *tmpdir ? tmpdir : "/tmp") / "arctl-gl.out");
    ledger.write([&](Tx& tx) {
      spool.write([&](std::ostream& out) { r = run_export(tx, h, spec, out, !dry); });
    });
    {
      std::ifstream in(spool.staged(), std::ios::binary);
      ctx.out() << in.rdbuf() << std::flush;
    }
    ctx.note(said(r) + " (export " + std::to_string(r.number) + ")");
  });
}

void register_exports(CLI::App& gl, Context& ctx, const PluginHandle& h) {
  auto* cmd = gl.add_subcommand("exports", "Past GL exports with their ranges and totals");
  cmd->callback([&ctx, &h] {
    Json rows = Json::array();
    ctx.ledger().read([&](Tx& tx) {
      for (const auto& r : list_exports(tx, h))
        rows.push_back(r.to_json());
    });
    ctx.print(rows);
  });
}

void register_reconcile(CLI::App& gl, Context& ctx, const PluginHandle& h) {
  auto o = std::make_shared<ReconcileOptions>();
  auto balance = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  auto* cmd = gl.add_subcommand(
      "reconcile", "Tie the GL receivable balance to AR as of the business date (--as-of)");
  cmd->add_option("--gl-balance", *balance, "The GL receivable balance: AMOUNT or 'AMOUNT CUR'");
  cmd->add_option(
      "--gl-file", *file,
      "A trial balance CSV (account, balance or debit+credit, [currency]); - for stdin");
  cmd->add_option("--manual", o->manual,
                  "A GL entry AR does not know: 'AMOUNT[ CUR]:DESCRIPTION' (repeatable)");
  cmd->callback([&ctx, &h, o, balance, file] {
    if (balance->empty() == file->empty())
      fail_usage("give --gl-balance AMOUNT or --gl-file FILE (one of them)");
    if (!balance->empty()) o->gl_balance = *balance;
    if (!file->empty()) o->gl_file = *file;
    o->as_of = ctx.today();
    o->invoicing = ctx.service<InvoicingService>();
    const auto r = ctx.ledger().read([&](Tx& tx) { return reconcile(tx, h, *o); });
    ctx.print(r.rows);
    if (!r.balanced) {
      ctx.note("the GL and AR do not tie out: see the not in GL and unexplained rows");
      ctx.exit_code = static_cast<int>(exit_code(ErrorKind::kConflict));
    }
  });
}

void register_accounts(CLI::App& gl, Context& ctx, const PluginHandle&) {
  auto* cmd = gl.add_subcommand("accounts", "The account map: each gl.account.* key and account");
  cmd->callback([&ctx] {
    Json rows;
    ctx.ledger().read([&](Tx& tx) { rows = AccountMap(tx).listing(); });
    ctx.print(rows);
  });
}

}  // namespace

void register_gl(CLI::App& app, Context& ctx, const PluginHandle& h) {
  add_group(app, "gl", "General-ledger export and AR-to-GL reconciliation", ctx,
            {register_export, register_exports, register_reconcile, register_accounts}, h);
}

CloseStep export_step(const PluginHandle& h) {
  return {"gl.export",
          "Export the month's GL entries not exported before (gl.close.format; off to skip)",
          [&h](Context& ctx, Tx& tx, const CloseRun& run) {
            StepResult s;
            const auto fmt = tx.config_or("gl.close.format", "hledger");
            if (fmt == "off") {
              s.summary = "GL export skipped (gl.close.format is off)";
              return s;
            }
            ExportSpec spec;
            spec.from = run.period.first_day();
            spec.to = run.period.last_day();
            spec.backlog = true;
            spec.label = run.period.str();
            spec.syntax = parse_syntax(fmt);
            spec.summary = tx.config_or("gl.close.detail", "detail") == "summary";
            // A re-close must not overwrite the file of the earlier close: the
            // GL may not have imported it yet. Decided from the export records,
            // not the disk, so that a resumed close journals what a whole one does.
            std::string name = std::string("gl") + extension(spec.syntax);
            const auto plain = (run.out_dir / name).string();
            const auto earlier = list_exports(tx, h);
            if (std::any_of(earlier.begin(), earlier.end(),
                            [&](const ExportRecord& x) { return x.file == plain; }))
              name = "gl-export-" + std::to_string(tx.peek_counter("gl.exports") + 1) +
                     extension(spec.syntax);
            spec.file = (run.out_dir / name).string();
            spec.invoicing = ctx.service<InvoicingService>();
            ExportRecord r;
            write_file_on_commit(tx, run.out_dir / name, [&](std::ostream& out) {
              r = run_export(tx, h, spec, out, !run.dry_run);
            });
            if (run.dry_run) {
              s.summary = std::to_string(r.entries) + " GL entries would be exported to " + name +
                          " (dry run: no file written)";
            } else {
              s.summary = std::to_string(r.entries) + " GL entries exported to " + name +
                          (r.debits.empty() ? "" : " (debits " + debits_text(r) + ")");
              s.artefacts.push_back(name);
            }
            // Figures that depend only on the ledger's content, so that a resumed
            // close reports the same as an uninterrupted one.
            s.figures = Json{{"entries", r.entries},
                             {"postings", r.postings},
                             {"debits", debits_text(r)},
                             {"format", r.format}};
            return s;
          },
          {"payments.auto", "disputes.escalate", "holds.evaluate", "statements.snapshot"}};
}

}  // namespace arctl::gl
