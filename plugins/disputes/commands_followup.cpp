// Handlers of `arctl promise ...`, `arctl writeoff ...` and `arctl activity ...`.
#include <pwd.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>

#include "activities.hpp"
#include "arctl/command.hpp"
#include "arctl/error.hpp"
#include "cases.hpp"
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
    Date by{};  // --date, parsed
  };
  auto a = std::make_shared<Add>();
  auto* add = group.add_subcommand("add", "Record a customer's promise to pay");
  add->add_option("customer", a->customer, "Customer id")->required();
  add->add_option("--amount", a->amount, "Amount promised")->required();
  add->add_option("--date", a->date, "Paid by this date")->required();
  add->add_option("--invoice", a->invoice, "The invoice the payment is for (default: on account)");
  add->add_option("--note", a->note, "Who promised what, in their words");
  mutating(
      add, ctx, [a] { a->by = for_option("--date", [&] { return parse_date(a->date); }); },
      [&ctx, &h, a](Tx& tx) {
        const auto p =
            Promises(tx, h).add(a->customer, a->amount, a->by, a->invoice, a->note, ctx.today());
        return Report::line(Promises::row(p), p.id);
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
  mutating(check, ctx, [&ctx, &h](Tx& tx) {
    Json rows = Json::array();
    for (const auto& c : Promises(tx, h).check(ctx.today())) {
      auto r = Promises::row(c.promise);
      r["action"] = c.action;
      rows.push_back(std::move(r));
    }
    return Report::rows(rows, "No open promises");
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
  mutating(propose, ctx, [&ctx, &h, p](Tx& tx) {
    const auto r =
        Writeoffs(tx, h).propose(p->invoice, optional_text(p->amount), p->reason, "", ctx.today());
    return Report::line(Writeoffs::row(r), r.id + " (needs " + std::to_string(r.required) +
                                               " approval" + (r.required > 1 ? "s" : "") +
                                               " by someone other than " + r.proposed_by + ")");
  });

  struct Approve {
    std::string id, login;
  };
  auto ap = std::make_shared<Approve>();
  auto* approve = group.add_subcommand("approve", "Approve a write-off (not your own proposal)");
  approve->add_option("id", ap->id, "Proposal id")->required();
  mutating(
      approve, ctx, [ap] { ap->login = os_login(); },
      [&ctx, &h, ap](Tx& tx) {
        const auto r = Writeoffs(tx, h).approve(ap->id, tx.posting_date(ctx.today()), ap->login);
        return Report::line(Writeoffs::row(r),
                            r.status == "posted"
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
  mutating(reject, ctx, [&ctx, &h, rj](Tx& tx) {
    const auto r = Writeoffs(tx, h).reject(rj->id, rj->reason, ctx.today());
    return Report::line(Writeoffs::row(r), r.id + " rejected");
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
    ActivityInput in;
    std::string next, promise_amount, promise_date, amount;  // as typed
  };
  auto a = std::make_shared<Add>();
  auto* add = group.add_subcommand(
      "add", "Log a collection call, e-mail, visit or letter, its result and the next action");
  add->add_option("customer", a->in.customer, "Customer id")->required();
  add->add_option("--type", a->in.type, "call, email, visit or letter")
      ->required()
      ->check(CLI::IsMember({"call", "email", "visit", "letter"}));
  add->add_option("--note", a->in.note, "What was said (required without --result)");
  add->add_option("--result", a->in.result,
                  "Result code, one of config activity.results (default list: no-answer, "
                  "left-message, wrong-contact, promised, disputed, paid-claimed, refused, "
                  "escalated)");
  add->add_option("--contact", a->in.contact, "Who was spoken to");
  add->add_option("--next-action", a->next,
                  "When to follow up (required with --result paid-claimed)");
  add->add_option("--next-action-type", a->in.next_action_type,
                  "call, email, letter, visit or review (default: call)");
  add->add_option("--promise-amount", a->promise_amount,
                  "With --result promised: the amount promised");
  add->add_option("--promise-date", a->promise_date, "With --result promised: paid by this date");
  add->add_option("--invoice", a->in.invoice,
                  "With --result promised: the invoice promised (default: on account); with "
                  "--result disputed: the invoice disputed");
  add->add_option("--amount", a->amount, "With --result disputed: the amount disputed");
  add->add_option("--reason", a->in.reason, "With --result disputed: " + std::string(kReasons));
  add->footer(
      "A result creates what it needs in the same transaction, or nothing is written:\n"
      "  promised      records the promise (as `promise add`)\n"
      "  disputed      opens the dispute (as `dispute open`) on one of the customer's invoices\n"
      "  paid-claimed  needs --next-action, the day to check that the cash came in");
  mutating(
      add, ctx,
      [a] {
        if (!a->next.empty())
          a->in.next_action = for_option("--next-action", [&] { return parse_date(a->next); });
        if (!a->promise_date.empty())
          a->in.promise_date =
              for_option("--promise-date", [&] { return parse_date(a->promise_date); });
        if (!a->promise_amount.empty()) a->in.promise_amount = a->promise_amount;
        if (!a->amount.empty()) a->in.amount = a->amount;
      },
      [&ctx, &h, a](Tx& tx) {
        const auto r = add_activity(tx, h, a->in, ctx.today());
        std::string text = "Logged activity " + std::to_string(r.seq);
        if (!r.promise.empty()) text += "; promise " + r.promise;
        if (!r.dispute.empty()) text += "; dispute " + r.dispute;
        return Report::line(activity_row(r, ctx.today()), text);
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
  add_group(app, "promise", "Promises to pay: add, list, check", ctx, {promise_commands}, h);
}

void register_writeoff(CLI::App& app, Context& ctx, const PluginHandle& h) {
  add_group(app, "writeoff", "Write-offs with four-eyes approval", ctx, {writeoff_commands}, h);
}

void register_activity(CLI::App& app, Context& ctx, const PluginHandle& h) {
  add_group(app, "activity", "Collection activity log", ctx, {activity_commands}, h);
}

}  // namespace arctl::disputes
