// Handlers of `arctl promise ...`, `arctl writeoff ...` and `arctl activity ...`.
#include <pwd.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>

#include "activities.hpp"
#include "arctl/error.hpp"
#include "commands.hpp"
#include "promises.hpp"
#include "writeoffs.hpp"

namespace arctl::disputes {

namespace {

std::optional<std::string> optional_text(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

// Who is logged in, whatever --actor says: the account database's name for
// the effective user, else LOGNAME; recorded with an approval.
std::string os_login() {
  if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name && *pw->pw_name)
    return pw->pw_name;
  if (const char* l = std::getenv("LOGNAME"); l && *l) return l;
  return "uid" + std::to_string(::geteuid());
}

void promise_commands(CLI::App& group, Context& ctx, const PluginHandle& h) {
  struct Add {
    std::string customer, amount, date, invoice, note;
  };
  auto a = std::make_shared<Add>();
  auto* add = group.add_subcommand("add", "Record a customer's promise to pay");
  add->add_option("customer", a->customer, "Customer id")->required();
  add->add_option("--amount", a->amount, "Amount promised")->required();
  add->add_option("--date", a->date, "Paid by this date")->required();
  add->add_option("--invoice", a->invoice, "The invoice the payment is for (default: on account)");
  add->add_option("--note", a->note, "Who promised what, in their words");
  ctx.add_dry_run(add);
  add->callback([&ctx, &h, a] {
    const auto date = for_option("--date", [&] { return parse_date(a->date); });
    const auto p = ctx.ledger().write([&](Tx& tx) {
      return Promises(tx, h).add(a->customer, a->amount, date, a->invoice, a->note, ctx.today());
    });
    ctx.report(Promises::row(p), p.id);
  });

  struct List {
    std::string status = "all", customer;
  };
  auto l = std::make_shared<List>();
  auto* list = group.add_subcommand("list", "List promises to pay");
  list->add_option("--status", l->status, "open, kept, broken or all")
      ->check(CLI::IsMember({"open", "kept", "broken", "all"}))
      ->capture_default_str();
  list->add_option("--customer", l->customer, "Only this customer's");
  list->callback([&ctx, &h, l] {
    Json rows = Json::array();
    ctx.ledger().read([&](Tx& tx) {
      if (!l->customer.empty()) tx.customer(l->customer);
      Records(tx, h).for_each_promise([&](const Promise& p) {
        if ((l->status == "all" || p.status == l->status) &&
            (l->customer.empty() || p.customer == l->customer))
          rows.push_back(Promises::row(p));
        return true;
      });
    });
    ctx.print(rows);
  });

  auto* check = group.add_subcommand(
      "check", "Mark open promises kept or broken as of the business date (--as-of)");
  ctx.add_dry_run(check);
  check->callback([&ctx, &h] {
    const auto checked =
        ctx.ledger().write([&](Tx& tx) { return Promises(tx, h).check(ctx.today()); });
    Json rows = Json::array();
    for (const auto& c : checked) {
      auto r = Promises::row(c.promise);
      r["action"] = c.action;
      rows.push_back(std::move(r));
    }
    if (ctx.format() == Format::kTable && rows.empty())
      ctx.out() << "No open promises\n";
    else
      ctx.print(rows);
  });
}

void writeoff_commands(CLI::App& group, Context& ctx, const PluginHandle& h) {
  struct Propose {
    std::string invoice, amount, reason;
  };
  auto p = std::make_shared<Propose>();
  auto* propose = group.add_subcommand("propose", "Propose writing off (part of) an invoice");
  propose->add_option("invoice", p->invoice, "Invoice or debit note id")->required();
  propose->add_option("--amount", p->amount, "Amount (default: all that is open)");
  propose->add_option("--reason", p->reason, "Why it is uncollectible")->required();
  ctx.add_dry_run(propose);
  propose->callback([&ctx, &h, p] {
    const auto r = ctx.ledger().write([&](Tx& tx) {
      return Writeoffs(tx, h).propose(p->invoice, optional_text(p->amount), p->reason, "",
                                      ctx.today());
    });
    ctx.report(Writeoffs::row(r), r.id + " (needs " + std::to_string(r.required) + " approval" +
                                      (r.required > 1 ? "s" : "") + " by someone other than " +
                                      r.proposed_by + ")");
  });

  auto id = std::make_shared<std::string>();
  auto* approve = group.add_subcommand("approve", "Approve a write-off (not your own proposal)");
  approve->add_option("id", *id, "Proposal id")->required();
  ctx.add_dry_run(approve);
  approve->callback([&ctx, &h, id] {
    const auto login = os_login();
    const auto r = ctx.ledger().write(
        [&](Tx& tx) { return Writeoffs(tx, h).approve(*id, tx.posting_date(ctx.today()), login); });
    ctx.report(Writeoffs::row(r), r.status == "posted"
                                      ? r.id + " approved; write-off " + r.document + " posted"
                                      : r.id + " approved (" + std::to_string(r.approvals.size()) +
                                            " of " + std::to_string(r.required) + ")");
  });

  struct Reject {
    std::string id, reason;
  };
  auto rj = std::make_shared<Reject>();
  auto* reject = group.add_subcommand("reject", "Reject a write-off proposal");
  reject->add_option("id", rj->id, "Proposal id")->required();
  reject->add_option("--reason", rj->reason, "Why")->required();
  ctx.add_dry_run(reject);
  reject->callback([&ctx, &h, rj] {
    const auto r = ctx.ledger().write(
        [&](Tx& tx) { return Writeoffs(tx, h).reject(rj->id, rj->reason, ctx.today()); });
    ctx.report(Writeoffs::row(r), r.id + " rejected");
  });

  auto status = std::make_shared<std::string>("all");
  auto* list = group.add_subcommand("list", "List write-off proposals");
  list->add_option("--status", *status, "pending, posted, rejected or all")
      ->check(CLI::IsMember({"pending", "posted", "rejected", "all"}))
      ->capture_default_str();
  list->callback([&ctx, &h, status] {
    Json rows = Json::array();
    ctx.ledger().read([&](Tx& tx) {
      Records(tx, h).for_each_proposal([&](const Proposal& p) {
        if (*status == "all" || p.status == *status) rows.push_back(Writeoffs::row(p));
        return true;
      });
    });
    ctx.print(rows);
  });

  auto show_id = std::make_shared<std::string>();
  auto* show = group.add_subcommand("show", "Show a write-off proposal");
  show->add_option("id", *show_id, "Proposal id")->required();
  show->callback([&ctx, &h, show_id] {
    ctx.print(
        ctx.ledger().read([&](Tx& tx) { return Writeoffs::row(Writeoffs(tx, h).get(*show_id)); }));
  });
}

void activity_commands(CLI::App& group, Context& ctx, const PluginHandle& h) {
  struct Add {
    std::string customer, type, note, next;
  };
  auto a = std::make_shared<Add>();
  auto* add = group.add_subcommand("add", "Log a collection call, e-mail, visit or letter");
  add->add_option("customer", a->customer, "Customer id")->required();
  add->add_option("--type", a->type, "call, email, visit or letter")
      ->required()
      ->check(CLI::IsMember({"call", "email", "visit", "letter"}));
  add->add_option("--note", a->note, "What was said")->required();
  add->add_option("--next-action", a->next, "When to follow up");
  ctx.add_dry_run(add);
  add->callback([&ctx, &h, a] {
    std::optional<Date> next;
    if (!a->next.empty()) next = for_option("--next-action", [&] { return parse_date(a->next); });
    const auto r = ctx.ledger().write([&](Tx& tx) {
      return add_activity(tx, h, a->customer, a->type, a->note, next, ctx.today());
    });
    ctx.report(activity_row(r, ctx.today()), "Logged activity " + std::to_string(r.seq));
  });

  struct List {
    std::string customer;
    bool due = false;
  };
  auto l = std::make_shared<List>();
  auto* list = group.add_subcommand("list", "Collection activities and next actions");
  list->add_option("--customer", l->customer, "Only this customer's");
  list->add_flag("--due", l->due, "Only next actions due on or before the business date");
  list->callback([&ctx, &h, l] {
    Json rows = Json::array();
    ctx.ledger().read([&](Tx& tx) {
      const auto customer =
          l->customer.empty() ? std::nullopt : std::optional<std::string_view>(l->customer);
      for (const auto& a : list_activities(tx, h, customer, l->due, ctx.today()))
        rows.push_back(activity_row(a, ctx.today()));
    });
    ctx.print(rows);
  });
}

}  // namespace

void register_promise(CLI::App& app, Context& ctx, const PluginHandle& h) {
  auto* group = app.add_subcommand("promise", "Promises to pay: add, list, check");
  group->require_subcommand(1);
  promise_commands(*group, ctx, h);
}

void register_writeoff(CLI::App& app, Context& ctx, const PluginHandle& h) {
  auto* group = app.add_subcommand("writeoff", "Write-offs with four-eyes approval");
  group->require_subcommand(1);
  writeoff_commands(*group, ctx, h);
}

void register_activity(CLI::App& app, Context& ctx, const PluginHandle& h) {
  auto* group = app.add_subcommand("activity", "Collection activity log");
  group->require_subcommand(1);
  activity_commands(*group, ctx, h);
}

}  // namespace arctl::disputes
