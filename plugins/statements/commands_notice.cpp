// `arctl notice run|reprint|list|exclude|include`: past-due notices.
#include <CLI/CLI.hpp>
#include <memory>

#include "arctl/command.hpp"
#include "arctl/error.hpp"
#include "commands.hpp"
#include "mail_send.hpp"
#include "notice_files.hpp"
#include "notices.hpp"

namespace arctl::statements {

void register_notice(CLI::App& app, Context& ctx, const PluginHandle& h) {
  auto* group = add_group(app, "notice", "Past-due notices (dunning): run, reprint, list, exclude");

  struct RunOpts {
    std::string out;
    bool send = false;
  };
  auto ro = std::make_shared<RunOpts>();
  auto* run = group->add_subcommand(
      "run", "Write the notices due as of the business date and record the levels sent");
  run->add_option("--out", ro->out, "Directory for the notice files (optional with --send)");
  run->add_flag("--send", ro->send,
                "E-mail each letter to the billing contact, queued with the levels (mail plugin)");
  ctx.add_dry_run(run);
  run->callback([&ctx, &h, ro] {
    if (ro->out.empty() && !ro->send) fail_usage("notice run needs --out DIR or --send");
    auto* mail = ro->send ? &mail_service(ctx) : nullptr;
    const auto today = ctx.today();
    const auto planned = ctx.ledger().read([&](Tx& tx) { return plan_notices(ctx, tx, h, today); });
    // Letters are staged with the levels recorded and put in place after the
    // commit; their messages are queued in the same transaction.
    std::vector<QueuedMail> queued;
    const auto r = ctx.ledger().write([&](Tx& tx) {
      queued.clear();
      auto recorded = record_notices(ctx, tx, h, today, planned);
      if (!recorded.notices.empty() && !ro->out.empty()) {
        auto staged = std::make_shared<StagedNotices>(ro->out, recorded.notices);
        tx.after_commit([staged, id = recorded.id] { staged->publish(id); });
      }
      if (mail)
        for (const auto& n : recorded.notices)
          queued.push_back(mail->queue(ctx, tx, notice_mail(n, recorded.id)));
      return recorded;
    });
    if (mail) {
      deliver_and_report(ctx, *mail, queued, "No notices due");
      return;
    }
    print_report(ctx, Report::rows(notice_rows(r.notices), "No notices due"));
  });

  struct ReprintOpts {
    std::string invoice, out;
    std::uint64_t run = 0;
  };
  auto rp = std::make_shared<ReprintOpts>();
  auto* reprint = group->add_subcommand(
      "reprint", "Write again the letter last sent for an invoice, or every letter of a run");
  reprint->add_option("invoice", rp->invoice, "Invoice id");
  auto* run_opt = reprint->add_option("--run", rp->run, "Run id (from notice run or notice list)");
  reprint->add_option("--out", rp->out, "Directory for the notice files")->required();
  reprint->callback([&ctx, &h, rp, run_opt] {
    if (rp->invoice.empty() == run_opt->empty())
      fail_usage("notice reprint needs either an invoice or --run RUN");
    const auto letters = ctx.ledger().read([&](Tx& tx) {
      return rp->invoice.empty() ? letters_of_run(tx, h, rp->run)
                                 : std::vector<Notice>{letter_of_invoice(tx, h, rp->invoice)};
    });
    write_letters(rp->out, letters);
    ctx.print(notice_rows(letters));
  });

  auto customer = std::make_shared<std::string>();
  auto* list = group->add_subcommand("list", "Invoices noticed and the highest level sent");
  list->add_option("--customer", *customer, "Only this customer's");
  list->callback([&ctx, &h, customer] {
    ctx.print(ctx.ledger().read([&](Tx& tx) {
      return notice_list(tx, h,
                         customer->empty() ? std::nullopt : std::optional<std::string>(*customer));
    }));
  });

  struct ExOpts {
    std::string invoice, reason;
  };
  auto e = std::make_shared<ExOpts>();
  auto* ex = group->add_subcommand("exclude", "Mark an invoice do-not-dun");
  ex->add_option("invoice", e->invoice, "Invoice id")->required();
  ex->add_option("--reason", e->reason, "Why")->required();
  mutating(ex, ctx, [&h, e](Tx& tx) {
    set_excluded(tx, h, e->invoice, true, e->reason);
    return Report::line(Json{{"invoice", e->invoice}, {"do_not_dun", true}},
                        e->invoice + " will not be dunned");
  });
  auto inc = std::make_shared<std::string>();
  auto* in = group->add_subcommand("include", "Clear an invoice's do-not-dun mark");
  in->add_option("invoice", *inc, "Invoice id")->required();
  mutating(in, ctx, [&h, inc](Tx& tx) {
    set_excluded(tx, h, *inc, false, "");
    return Report::line(Json{{"invoice", *inc}, {"do_not_dun", false}},
                        *inc + " will be dunned again");
  });
}

}  // namespace arctl::statements
