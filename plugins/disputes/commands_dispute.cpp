// Handlers of `arctl dispute ...`: parse options, run the domain in one
// transaction, render the result.
#include <CLI/CLI.hpp>

#include "arctl/command.hpp"
#include "arctl/error.hpp"
#include "arctl/invoicing_service.hpp"
#include "arctl/services.hpp"
#include "cases.hpp"
#include "commands.hpp"

namespace arctl::disputes {

namespace {

void open_command(CLI::App& group, Context& ctx, const PluginHandle& h) {
  struct Opts {
    OpenInput in;
    std::string amount;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand("open", "Open a dispute case on an invoice");
  cmd->add_option("--invoice", o->in.invoice, "Invoice or debit note id")->required();
  cmd->add_option("--amount", o->amount, "Disputed amount (default: all that is open)");
  cmd->add_option("--reason", o->in.reason, kReasons)->required();
  cmd->add_option("--note", o->in.note, "What the customer said");
  cmd->add_option("--owner", o->in.owner, "Who works the case");
  mutating(
      cmd, ctx,
      [&ctx, o] {
        o->in.date = ctx.today();
        if (!o->amount.empty()) o->in.amount = o->amount;
        if (!valid_reason(o->in.reason))
          fail_usage("--reason must be one of " + std::string(kReasons));
      },
      [&ctx, &h, o](Tx& tx) {
        Cases cases(tx, h);
        const auto opened = [&] {
          if (o->in.amount) {
            const auto d = tx.document(o->in.invoice);
            for_option("--amount",
                       [&] { return Money::parse(*o->in.amount, d.amount.currency()); });
            // The document is one that can be disputed: what open() still
            // refuses is the amount (not positive, more than is open).
            if (is_debit(d.kind) && d.status != DocStatus::kVoid) {
              try {
                return cases.open(o->in);
              } catch (const Error& e) {
                if (e.kind() != ErrorKind::kConflict) throw;
                throw e.located({"", 0, "--amount"});
              }
            }
          }
          return cases.open(o->in);
        }();
        return Report::line(cases.row(opened, ctx.today()), opened.id);
      });
}

void list_command(CLI::App& group, Context& ctx, const PluginHandle& h) {
  struct Opts {
    std::string status = "open", level, owner, customer;
    bool overdue = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand("list", "List dispute cases");
  cmd->add_option("--status", o->status, "open (includes pending), pending, resolved or all")
      ->check(CLI::IsMember({"open", "pending", "resolved", "all"}))
      ->capture_default_str();
  cmd->add_option("--level", o->level, "Only cases at this level");
  cmd->add_option("--owner", o->owner, "Only this owner's cases");
  cmd->add_option("--customer", o->customer, "Only this customer's cases");
  cmd->add_flag("--overdue", o->overdue, "Only cases past their level's SLA");
  cmd->callback([&ctx, &h, o] {
    const auto today = ctx.today();
    Json rows = Json::array();
    ctx.ledger().read([&](Tx& tx) {
      if (!o->customer.empty()) tx.customer(o->customer);
      Cases cases(tx, h);
      cases.store().for_each_case([&](const Case& c) {
        const bool match_status = o->status == "all" ||
                                  (o->status == "open" && c.status != "resolved") ||
                                  c.status == o->status;
        if (!match_status) return true;
        if (!o->level.empty() && c.level != o->level) return true;
        if (!o->owner.empty() && c.owner != o->owner) return true;
        if (!o->customer.empty() && c.customer != o->customer) return true;
        auto row = cases.row(c, today);
        if (o->overdue && !row["overdue"].get<bool>()) return true;
        rows.push_back(std::move(row));
        return true;
      });
    });
    ctx.print(rows);
  });
}

void show_command(CLI::App& group, Context& ctx, const PluginHandle& h) {
  auto id = std::make_shared<std::string>();
  auto* cmd = group.add_subcommand("show", "Show a case with its full history");
  cmd->add_option("id", *id, "Case id")->required();
  cmd->callback([&ctx, &h, id] {
    ctx.print(ctx.ledger().read([&](Tx& tx) { return Cases(tx, h).show(*id, ctx.today()); }));
  });
}

void note_command(CLI::App& group, Context& ctx, const PluginHandle& h) {
  struct Opts {
    std::string id, text;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand("note", "Add a note to a case's history");
  cmd->add_option("id", o->id, "Case id")->required();
  cmd->add_option("text", o->text, "The note")->required();
  mutating(cmd, ctx, [&ctx, &h, o](Tx& tx) {
    Cases cases(tx, h);
    return Report::line(cases.row(cases.note(o->id, o->text, ctx.today()), ctx.today()),
                        "Noted on " + o->id);
  });
}

void assign_command(CLI::App& group, Context& ctx, const PluginHandle& h) {
  struct Opts {
    std::string id, owner;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand("assign", "Give a case to an owner");
  cmd->add_option("id", o->id, "Case id")->required();
  cmd->add_option("--owner", o->owner, "The new owner")->required();
  mutating(cmd, ctx, [&ctx, &h, o](Tx& tx) {
    Cases cases(tx, h);
    return Report::line(cases.row(cases.assign(o->id, o->owner, ctx.today()), ctx.today()),
                        o->id + " assigned to " + o->owner);
  });
}

Json escalation_row(const Escalation& e) {
  Json j;
  j["id"] = e.id;
  j["customer"] = e.customer;
  j["invoice"] = e.invoice;
  j["from"] = e.from;
  j["to"] = e.to;
  j["owner"] = e.owner;
  j["sla_days"] = e.sla_days;
  j["days_at_level"] = e.days_at_level;
  j["date"] = format_date(e.date);
  return j;
}

void escalate_command(CLI::App& group, Context& ctx, const PluginHandle& h) {
  struct Opts {
    std::string id, to, note, owner;
    bool automatic = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand(
      "escalate", "Move a case up the ladder, or (--auto) every case past its SLA");
  cmd->add_option("id", o->id, "Case id (not with --auto)");
  cmd->add_option("--to", o->to, "Target level (default: the next one)");
  cmd->add_option("--note", o->note, "Why (required by hand)");
  cmd->add_option("--owner", o->owner, "New owner (default: config disputes.owner.LEVEL)");
  cmd->add_flag("--auto", o->automatic,
                "Escalate every open case past its SLA on the business date");
  mutating(
      cmd, ctx,
      [o] {
        if (o->automatic) {
          if (!o->id.empty() || !o->to.empty())
            fail_usage("--auto escalates every due case one level; give no ID or --to");
          return;
        }
        if (o->id.empty()) fail_usage("give a case ID, or --auto");
        if (o->note.empty()) fail_usage("escalating by hand needs a --note");
      },
      [&ctx, &h, o](Tx& tx) {
        if (o->automatic) {
          Json rows = Json::array();
          for (const auto& e : Cases(tx, h).escalate_due(ctx.today()))
            rows.push_back(escalation_row(e));
          return Report::rows(rows, "No case is past its SLA on " + format_date(ctx.today()));
        }
        const auto e = Cases(tx, h).escalate(o->id, o->to, o->note, o->owner, ctx.today());
        return Report::line(escalation_row(e), o->id + " escalated from " + e.from + " to " + e.to);
      });
}

void resolve_command(CLI::App& group, Context& ctx, const PluginHandle& h) {
  struct Opts {
    std::string id, outcome, note, amount, due;
    std::optional<Date> due_date;  // --due, parsed
  };
  auto o = std::make_shared<Opts>();
  auto* cmd =
      group.add_subcommand("resolve", "Resolve a case: credit, rebill, customer-pays, write-off");
  cmd->add_option("id", o->id, "Case id")->required();
  cmd->add_option("--outcome", o->outcome, "credit, rebill, customer-pays or write-off")
      ->required()
      ->check(CLI::IsMember({"credit", "rebill", "customer-pays", "write-off"}));
  cmd->add_option("--amount", o->amount,
                  "Amount credited or written off (default: the disputed amount)");
  cmd->add_option("--note", o->note, "Why")->required();
  cmd->add_option("--due", o->due,
                  "With rebill: the replacement's due date (default: the original's)");
  mutating(
      cmd, ctx,
      [o] {
        if (!o->due.empty()) o->due_date = for_option("--due", [&] { return parse_date(o->due); });
      },
      [&ctx, &h, o](Tx& tx) {
        const std::optional<std::string> amount =
            o->amount.empty() ? std::nullopt : std::optional<std::string>(o->amount);
        Cases cases(tx, h);
        const auto r =
            cases.resolve(o->id, o->outcome, amount, o->note, tx.posting_date(ctx.today()),
                          ctx.service<InvoicingService>(), o->due_date);
        Json out = cases.row(r.the_case, ctx.today());
        out["resolved_amount"] =
            r.the_case.status == "resolved" ? r.the_case.resolved_amount.str() : "";
        out["credit_note"] = r.credit_note;
        out["replacement"] = r.replacement;
        out["proposal"] = r.proposal;
        std::string human = o->id + " resolved (" + o->outcome + ")";
        if (!r.proposal.empty())
          human = o->id + " awaits approval of write-off " + r.proposal;
        else if (!r.credit_note.empty())
          human += ": credit note " + r.credit_note +
                   (r.replacement.empty() ? "" : ", replacement " + r.replacement);
        return Report::line(out, human);
      });
}

// Goes through the service interface, exactly as dunning and aging do.
void collectible_command(CLI::App& group, Context& ctx, const PluginHandle&) {
  auto customer = std::make_shared<std::string>();
  auto* cmd = group.add_subcommand(
      "collectible", "Open invoices and debit notes: open, disputed and collectible amounts");
  cmd->add_option("--customer", *customer, "Only this customer's");
  cmd->callback([&ctx, customer] {
    auto* service = ctx.service<DisputeService>();
    if (!service) fail(ErrorKind::kError, "the dispute service is not available");
    Json rows = Json::array();
    ctx.ledger().read([&](Tx& tx) {
      std::optional<std::string_view> only;
      if (!customer->empty()) {
        tx.customer(*customer);
        only = *customer;
      }
      const auto disputed = service->disputed_documents(tx, only);
      tx.open_items(
          [&](const OpenItem& it) {
            const auto found = disputed.find(it.id);
            const Money d =
                found == disputed.end() ? Money::zero(it.open.currency()) : found->second;
            Json j;
            j["id"] = it.id;
            j["customer"] = it.customer;
            j["kind"] = to_string(it.kind);
            j["due"] = format_date(it.due);
            j["open"] = it.open.str();
            j["disputed"] = d.str();
            put_money(j, "collectible", it.open - d);
            rows.push_back(std::move(j));
            return true;
          },
          only, true, false);
    });
    ctx.print(rows);
  });
}

}  // namespace

void register_dispute(CLI::App& app, Context& ctx, const PluginHandle& h) {
  add_group(app, "dispute", "Dispute cases, escalation ladder, resolutions", ctx,
            {open_command, list_command, show_command, note_command, assign_command,
             escalate_command, resolve_command, collectible_command},
            h);
}

}  // namespace arctl::disputes
