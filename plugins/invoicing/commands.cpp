// Handlers for invoice create, list, show, void, credit, debit and rebill:
// parse options, call the domain in one transaction, render the result.
#include "commands.hpp"

#include <CLI/CLI.hpp>

#include "arctl/command.hpp"
#include "arctl/error.hpp"
#include "arctl/option_dates.hpp"

namespace arctl::invoicing {

std::vector<LineSpec> line_specs(const std::vector<std::string>& lines) {
  std::vector<LineSpec> specs;
  for (const auto& text : lines) {
    std::vector<std::string> parts;
    std::string cur;
    for (char c : text) {
      if (c == ';') {
        parts.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
    parts.push_back(cur);
    if (parts.size() < 3 || parts.size() > 4)
      fail(ErrorKind::kUsage,
           "--line '" + text + "' must be DESCRIPTION;QTY;UNIT_PRICE[;TAX_RATE%]");
    specs.push_back({parts[0], parts[1], parts[2], parts.size() == 4 ? parts[3] : "", ""});
  }
  return specs;
}

namespace {

// Errors about a line's parts (quantity, unit_price...) or the invoice's
// total came from --line; an error about the currency came from --currency.
Error as_option_error(const Error& e) {
  const auto& field = e.where().field;
  if (field == "currency") return Error(e.kind(), e.what(), {"", 0, "--currency"});
  if (field == "quantity" || field == "unit_price" || field == "tax_rate" ||
      field == "description" || field == "line")
    return Error(e.kind(), std::string(field) + ": " + e.what(), {"", 0, "--line"});
  return e;
}

Json created_json(const Created& c) {
  Json j;
  j["id"] = c.document.id;
  j["outcome"] = c.outcome == Outcome::kCreated ? "created" : "unchanged";
  j["kind"] = to_string(c.document.kind);
  j["customer"] = c.document.customer;
  put_money(j, "total", c.document.amount);
  j["due"] = format_date(c.document.due);
  return j;
}

void create_command(CLI::App& group, Context& ctx, Invoicing& inv) {
  struct Opts {
    InvoiceInput in;
    std::string date, due;
    std::vector<std::string> lines;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand("create", "Create an invoice and print its id");
  cmd->add_option("--customer", o->in.customer, "Customer id")->required();
  cmd->add_option("--id", o->in.id, "Invoice id (default: next of config invoice.series)");
  cmd->add_option("--date", o->date, "Invoice date (default: the business date)");
  cmd->add_option("--due", o->due, "Due date (default: from the terms)");
  cmd->add_option("--terms", o->in.terms, "Payment terms (default: the customer's)");
  cmd->add_option("--po", o->in.po, "Customer's purchase order");
  cmd->add_option("--currency", o->in.currency, "Currency (must be the customer's)");
  cmd->add_option("--memo", o->in.memo, "Note printed on the invoice");
  cmd->add_option("--line", o->lines, "DESCRIPTION;QTY;UNIT_PRICE[;TAX_RATE%] (repeatable)")
      ->required();
  mutating(
      cmd, ctx,
      [&ctx, o] {
        o->in.date = date_or_today(ctx, o->date);
        if (!o->due.empty()) o->in.due = date_or_today(ctx, o->due, "--due");
        o->in.lines = line_specs(o->lines);
      },
      [&inv, o](Tx& tx) {
        try {
          const auto c = inv.create(tx, o->in);
          return Report::line(created_json(c), c.document.id);
        } catch (const Error& e) {
          throw as_option_error(e);
        }
      });
}

void list_command(CLI::App& group, Context& ctx, Invoicing&) {
  struct Opts {
    std::string customer, status = "open", from, to;
    bool overdue = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand("list", "List invoices and debit notes");
  cmd->add_option("--customer", o->customer, "Only this customer's");
  cmd->add_option("--status", o->status, "open, paid, credited, void or all")
      ->check(CLI::IsMember({"open", "paid", "credited", "void", "all"}))
      ->capture_default_str();
  cmd->add_flag("--overdue", o->overdue, "Only those past due on the business date");
  cmd->add_option("--from", o->from, "Dated on or after");
  cmd->add_option("--to", o->to, "Dated on or before");
  cmd->callback([&ctx, o] {
    const auto today = ctx.today();
    const Date from = o->from.empty() ? Date(std::chrono::days(-1'000'000))
                                      : for_option("--from", [&] { return parse_date(o->from); });
    const Date to = o->to.empty() ? Date(std::chrono::days(1'000'000))
                                  : for_option("--to", [&] { return parse_date(o->to); });
    Json rows = Json::array();
    Tx* reading = nullptr;
    auto visit = [&](const Document& d) {
      if (d.kind != DocKind::kInvoice && d.kind != DocKind::kDebitNote) return true;
      if (d.issued < from || d.issued > to) return true;
      if (o->overdue && !(d.open.is_positive() && d.due < today)) return true;
      const auto status = invoice_status(*reading, d);
      if (o->status != "all" && status != o->status) return true;
      rows.push_back(Invoicing::row(d, today, status));
      return true;
    };
    ctx.ledger().read([&](Tx& tx) {
      reading = &tx;
      if (!o->customer.empty()) {
        tx.customer(o->customer);
        tx.documents_of(o->customer, from, to, visit);
      } else {
        tx.for_each_document(visit);
      }
    });
    ctx.print(rows);
  });
}

void show_command(CLI::App& group, Context& ctx, Invoicing& inv) {
  auto id = std::make_shared<std::string>();
  auto* cmd = group.add_subcommand("show", "Show an invoice: lines, tax, payments, balance");
  cmd->add_option("id", *id, "Invoice id")->required();
  cmd->callback([&ctx, &inv, id] {
    ctx.print(ctx.ledger().read([&](Tx& tx) { return inv.show(tx, *id, ctx.today()); }));
  });
}

void void_command(CLI::App& group, Context& ctx, Invoicing& inv) {
  struct Opts {
    std::string id, reason, date;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand("void", "Void an invoice that has nothing applied to it");
  cmd->add_option("id", o->id, "Invoice id")->required();
  cmd->add_option("--reason", o->reason, "Why")->required();
  cmd->add_option("--date", o->date, "Date of the void (default: the business date)");
  mutating(cmd, ctx, [&ctx, &inv, o](Tx& tx) {
    inv.void_invoice(tx, o->id, o->reason, date_or_posting(ctx, tx, o->date));
    return Report::line(Json{{"id", o->id}, {"status", "void"}}, "Voided " + o->id);
  });
}

void credit_command(CLI::App& group, Context& ctx, Invoicing& inv) {
  struct Opts {
    std::string id, reason, date;
    std::optional<std::string> amount;
    std::vector<std::string> lines;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand("credit", "Issue a credit note against an invoice and apply it");
  cmd->add_option("id", o->id, "Invoice id")->required();
  auto* amount = cmd->add_option("--amount", o->amount, "Amount to credit");
  auto* line = cmd->add_option("--line", o->lines, "Credit these lines instead (repeatable)");
  amount->excludes(line);
  cmd->add_option("--reason", o->reason, "Why")->required();
  cmd->add_option("--date", o->date, "Credit note date (default: the business date)");
  mutating(cmd, ctx, [&ctx, &inv, o](Tx& tx) {
    std::optional<Money> amount;
    if (o->amount) {
      const auto currency = tx.document(o->id).amount.currency();
      amount = for_option("--amount", [&] { return Money::parse(*o->amount, currency); });
    }
    const auto c = inv.credit(tx, o->id, amount, line_specs(o->lines), o->reason,
                              date_or_posting(ctx, tx, o->date));
    auto j = created_json(c);
    j["credit_for"] = o->id;
    return Report::line(j, c.document.id);
  });
}

void debit_command(CLI::App& group, Context& ctx, Invoicing& inv) {
  struct Opts {
    std::string customer, amount, reason, for_id, date;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand("debit", "Issue a debit note (late fee, re-billed freight...)");
  cmd->add_option("--customer", o->customer, "Customer id")->required();
  cmd->add_option("--amount", o->amount, "Amount")->required();
  cmd->add_option("--reason", o->reason, "Why")->required();
  cmd->add_option("--for", o->for_id, "The document it relates to");
  cmd->add_option("--date", o->date, "Debit note date (default: the business date)");
  mutating(cmd, ctx, [&ctx, &inv, o](Tx& tx) {
    const auto currency = tx.customer(o->customer).currency;
    for_option("--amount", [&] { return Money::parse(o->amount, currency); });
    const auto c =
        inv.debit(tx, o->customer, o->amount, o->reason, o->for_id, date_or_today(ctx, o->date));
    return Report::line(created_json(c), c.document.id);
  });
}

void rebill_command(CLI::App& group, Context& ctx, Invoicing& inv) {
  struct Opts {
    std::string id, reason, date, due;
    std::vector<std::string> lines;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand("rebill", "Credit an invoice in full and issue a replacement");
  cmd->add_option("id", o->id, "Invoice id")->required();
  cmd->add_option("--line", o->lines, "Lines of the replacement (default: the original's)");
  cmd->add_option("--reason", o->reason, "Why")->required();
  cmd->add_option("--date", o->date, "Date of both documents (default: the business date)");
  cmd->add_option("--due", o->due, "Due date of the replacement (default: the original's)");
  mutating(cmd, ctx, [&ctx, &inv, o](Tx& tx) {
    RebillInput in;
    in.id = o->id;
    in.lines = line_specs(o->lines);
    in.reason = o->reason;
    in.date = date_or_posting(ctx, tx, o->date);
    if (!o->due.empty()) in.due = date_or_today(ctx, o->due, "--due");
    const auto r = inv.rebill(tx, in);
    Json j;
    j["original"] = o->id;
    j["credit_note"] = r.credit_note.document.id;
    j["replacement"] = r.replacement.document.id;
    j["total"] = r.replacement.document.amount.str();
    j["due"] = format_date(r.replacement.document.due);
    return Report::line(j, r.replacement.document.id);
  });
}

}  // namespace

void register_commands(CLI::App& app, Context& ctx, Invoicing& inv) {
  add_group(app, "invoice", "Invoices, credit and debit notes, voids, rebills", ctx,
            {create_command, list_command, show_command, void_command, credit_command,
             debit_command, rebill_command, register_import, register_render},
            inv);
}

}  // namespace arctl::invoicing
