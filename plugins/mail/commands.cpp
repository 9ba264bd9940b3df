// `arctl mail outbox|send|cancel|show`: the outbox, seen and worked by hand.
#include "commands.hpp"

#include <CLI/CLI.hpp>
#include <memory>

#include "arctl/command.hpp"
#include "arctl/error.hpp"
#include "arctl/events/mail.hpp"
#include "deliver.hpp"
#include "mime.hpp"
#include "outbox.hpp"

namespace arctl::mail {
namespace {

Json outbox_row(const OutboxEntry& e) {
  return Json{{"id", e.id},
              {"status", to_string(e.status)},
              {"customer", e.customer},
              {"to", e.to},
              {"subject", e.subject},
              {"kind", e.kind},
              {"document", e.document},
              {"attempts", e.attempts},
              {"queued", format_date(e.queued_on)},
              {"sent", e.sent_at},
              {"reply", e.last_reply}};
}

void outbox_command(CLI::App& group, Context& ctx, const PluginHandle& h) {
  struct Opts {
    std::string status, customer;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand("outbox", "Messages queued, sending, sent, failed or cancelled");
  cmd->add_option("--status", o->status, "Only queued, sending, sent, failed or cancelled");
  cmd->add_option("--customer", o->customer, "Only this customer's");
  cmd->callback([&ctx, &h, o] {
    const auto status = o->status.empty()
                            ? std::optional<Status>()
                            : for_option("--status", [&] { return parse_status(o->status); });
    Json rows = Json::array();
    ctx.ledger().read([&](Tx& tx) {
      for (const auto& e : Outbox(tx, h).list())
        if ((!status || e.status == *status) && (o->customer.empty() || e.customer == o->customer))
          rows.push_back(outbox_row(e));
    });
    print_report(ctx, Report::rows(std::move(rows), "The outbox is empty"));
  });
}

// The summary line after a delivery, and exit 11 when anything is left.
void finish(Context& ctx, const Delivery& d) {
  std::string note = "sent " + std::to_string(d.sent) + ", queued " + std::to_string(d.queued) +
                     ", failed " + std::to_string(d.failed);
  if (d.review > 0) note += ", " + std::to_string(d.review) + " to review (sending)";
  auto r = Report::rows(d.rows, "Nothing to send");
  r.note = note;
  print_report(ctx, r);
  if (d.undelivered() > 0) ctx.exit_code = exit_code(ErrorKind::kUndelivered);
}

void send_command(CLI::App& group, Context& ctx, const PluginHandle& h) {
  struct Opts {
    bool retry = false;
    std::uint64_t resend = 0;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd =
      group.add_subcommand("send", "Send the queued messages (with --retry, the failed too)");
  cmd->add_flag("--retry", o->retry, "Also send the messages that failed");
  auto* resend = cmd->add_option("--resend", o->resend,
                                 "Send message ID again after review: one left sending, or failed");
  cmd->callback([&ctx, &h, o, resend] {
    std::vector<std::uint64_t> ids;
    Delivery review;  // messages left sending, which only --resend sends
    if (!resend->empty()) {
      ctx.ledger().write([&](Tx& tx) {
        Outbox outbox(tx, h);
        auto e = outbox.get(o->resend);
        if (e.status == Status::kSent)
          fail_conflict("message " + std::to_string(e.id) + " was sent " + e.sent_at +
                        "; its Message-ID is never sent again");
        if (e.status == Status::kCancelled)
          fail_conflict("message " + std::to_string(e.id) + " was cancelled");
        if (e.status == Status::kSending) {
          e.status = Status::kQueued;
          e.history.push_back(utc_now() + " resend requested by " + tx.ledger().session().actor);
          outbox.put(e);
        }
      });
      ids.push_back(o->resend);
    } else {
      ctx.ledger().read([&](Tx& tx) {
        for (const auto& e : Outbox(tx, h).list()) {
          if (e.status == Status::kQueued || (o->retry && e.status == Status::kFailed))
            ids.push_back(e.id);
          if (e.status == Status::kSending) {
            ++review.review;
            review.rows.push_back(delivery_row(e));
          }
          if (!o->retry && e.status == Status::kFailed) {
            ++review.failed;
            review.rows.push_back(delivery_row(e));
          }
        }
      });
    }
    auto d = deliver_messages(ctx, h, ids);
    d.review += review.review;
    d.failed += review.failed;
    for (auto& r : review.rows)
      d.rows.push_back(std::move(r));
    finish(ctx, d);
  });
}

void cancel_command(CLI::App& group, Context& ctx, const PluginHandle& h) {
  auto id = std::make_shared<std::uint64_t>(0);
  auto* cmd = group.add_subcommand("cancel", "Take a message out of the outbox unsent");
  cmd->add_option("id", *id, "Message id (from mail outbox)")->required();
  mutating(cmd, ctx, [&h, id](Tx& tx) {
    Outbox outbox(tx, h);
    auto e = outbox.get(*id);
    if (e.status == Status::kSent)
      fail_conflict("message " + std::to_string(e.id) + " was sent " + e.sent_at);
    if (e.status == Status::kCancelled)
      return Report::line(outbox_row(e),
                          "Message " + std::to_string(e.id) + " is already cancelled");
    const auto previous = to_string(e.status);
    e.status = Status::kCancelled;
    e.history.push_back(utc_now() + " cancelled by " + tx.ledger().session().actor);
    outbox.put(e);
    tx.publish(events::MailCancelled{e.id, e.message_id, previous});
    return Report::line(outbox_row(e), "Cancelled message " + std::to_string(e.id) + " to " + e.to);
  });
}

void show_command(CLI::App& group, Context& ctx, const PluginHandle& h) {
  struct Opts {
    std::uint64_t id = 0;
    bool raw = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd =
      group.add_subcommand("show", "One message: headers, recipients, attachments, history");
  cmd->add_option("id", o->id, "Message id (from mail outbox)")->required();
  cmd->add_flag("--raw", o->raw, "Print the message exactly as it is sent");
  cmd->callback([&ctx, &h, o] {
    const auto e = ctx.ledger().read([&](Tx& tx) { return Outbox(tx, h).get(o->id); });
    if (o->raw) {
      ctx.out() << e.message << std::flush;
      return;
    }
    Json headers = Json::object();
    for (const auto& [name, value] : header_fields(e.message))
      if (name != "Content-Type" && name != "MIME-Version") headers[name] = value;
    auto j = outbox_row(e);
    j["message_id"] = e.message_id;
    j["headers"] = headers;
    j["sender"] = e.sender;
    j["recipients"] = e.recipients;
    j["attachments"] = e.attachments;
    j["bytes"] = e.message.size();
    j["history"] = e.history;
    if (e.status == Status::kSending) j["review"] = std::string(kReviewAdvice);
    ctx.print(j);
  });
}

}  // namespace

void register_mail(CLI::App& app, Context& ctx, const PluginHandle& h) {
  add_group(app, "mail", "E-mail: the outbox of statements and notices", ctx,
            {outbox_command, send_command, cancel_command, show_command}, h);
}

}  // namespace arctl::mail
