// `arctl statement CUSTOMER | --all`: one statement to standard output or a
// file, or every customer's into a directory with an index.
#include <CLI/CLI.hpp>
#include <sstream>

#include "arctl/error.hpp"
#include "batch.hpp"
#include "commands.hpp"
#include "mail_send.hpp"
#include "statement.hpp"

namespace arctl::statements {

void register_statement(CLI::App& app, Context& ctx, const PluginHandle& h) {
  (void)h;
  struct Opts {
    std::string customer, from, to, format, out, min_balance;
    bool all = false, no_group = false, send = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("statement", "Statement of account for a customer (or --all)");
  cmd->add_option("customer", o->customer, "Customer id");
  cmd->add_flag("--all", o->all, "Every customer, one file each, into --out DIR");
  cmd->add_option("--from", o->from, "First day (default: first of the --to month)");
  cmd->add_option("--to", o->to, "Last day (default: the business date)");
  cmd->add_option("--format", o->format, "text, html, pdf, json, csv or xlsx (default text)");
  cmd->add_option("--out", o->out, "Write to FILE (with --all: into DIR)");
  cmd->add_option("--min-balance", o->min_balance, "With --all: only closing balances >= this");
  cmd->add_flag("--no-group", o->no_group,
                "A group account's parent: its own items only, not its descendants'");
  cmd->add_flag("--send", o->send,
                "E-mail it (PDF attached) to the billing contact, once per period (mail plugin)");
  ctx.add_dry_run(cmd);
  cmd->callback([&ctx, o] {
    if (o->all == !o->customer.empty()) fail_usage("give a CUSTOMER or --all, not both");
    if (o->all && o->out.empty() && !o->send)
      fail_usage("statement --all needs --out DIR or --send");
    if (!o->all && !o->min_balance.empty()) fail_usage("--min-balance goes with --all");
    // A global --format chooses a single statement's output; files written by
    // --all take only the command's own --format (the global one is for the summary).
    std::string fmt = o->format;
    if (fmt.empty() && o->all) fmt = "text";
    if (fmt.empty())
      fmt = ctx.options().format && *ctx.options().format != Format::kTable
                ? to_string(*ctx.options().format)
                : "text";
    const Date to =
        o->to.empty() ? ctx.today() : for_option("--to", [&] { return parse_date(o->to); });
    const Date from = o->from.empty() ? Period::of(to).first_day()
                                      : for_option("--from", [&] { return parse_date(o->from); });
    if (to < from) fail_usage("--to is before --from");
    if (o->send) {
      auto& mail = mail_service(ctx);
      // Queued in one transaction, delivered after it commits.
      const BatchOptions b{from, to, DocFormat::kPdf, o->min_balance, true};
      const auto queued = ctx.ledger().write(
          [&](Tx& tx) { return queue_statements(ctx, tx, mail, b, o->customer, !o->no_group); });
      deliver_and_report(ctx, mail, queued, "No statements to send");
      return;
    }
    if (fmt == "xlsx") {
      // A workbook through the common renderer: the statement's fields, then
      // a sheet of its lines (typed cells: output.hpp).
      if (o->all) fail_usage("--format xlsx writes one statement: give a CUSTOMER, not --all");
      ctx.options().format = Format::kXlsx;
      if (!o->out.empty()) ctx.options().out = o->out;
      Json doc;
      ctx.ledger().read([&](Tx& tx) {
        const auto s =
            build_statement(tx, o->customer, from, to, buckets_from(tx, ""), !o->no_group);
        doc = statement_json(s);
      });
      ctx.print(doc);
      if (!o->out.empty()) ctx.note("Wrote " + o->out);
      return;
    }
    const bool plain_rows = fmt == "jsonl" || fmt == "tsv";
    const auto f = plain_rows ? DocFormat::kCsv : parse_doc_format(fmt);
    if (o->all) {
      BatchOptions b{from, to, f, o->min_balance, false};
      const auto r =
          ctx.ledger().read([&](Tx& tx) { return write_statements(ctx, tx, b, o->out); });
      ctx.report(Json{{"written", r.written},
                      {"skipped", r.skipped},
                      {"directory", o->out},
                      {"index", "index.csv"}},
                 "Wrote " + std::to_string(r.written) + " statements and index.csv to " + o->out);
      return;
    }
    std::string text;
    Json rows;
    ctx.ledger().read([&](Tx& tx) {
      const auto s = build_statement(tx, o->customer, from, to, buckets_from(tx, ""), !o->no_group);
      if (plain_rows) rows = statement_rows(s);
      text = render_statement(ctx, s, f);
    });
    if (plain_rows) {
      std::ostringstream out;
      render(out, rows, {parse_format(fmt), false});
      text = out.str();
    }
    if (o->out.empty()) {
      ctx.out() << text << std::flush;
      return;
    }
    write_file(o->out, text);
    ctx.note("Wrote " + o->out);
  });
}

}  // namespace arctl::statements
