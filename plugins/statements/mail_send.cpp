// `statement --send` and `notice run --send` (see mail_send.hpp).
#include "mail_send.hpp"

#include <map>

#include "arctl/command.hpp"
#include "arctl/error.hpp"
#include "arctl/journal.hpp"
#include "render.hpp"
#include "report_parts.hpp"

namespace arctl::statements {

MailService& mail_service(Context& ctx) {
  auto* mail = ctx.service<MailService>();
  if (!mail)
    fail_not_found("--send needs the mail plugin, which is not loaded (arctl plugin list)");
  return *mail;
}

MailRequest statement_mail(const Statement& s) {
  MailRequest r;
  r.customer = s.customer.id;
  r.kind = "statement";
  r.document = s.customer.id;
  r.data = statement_json(s);
  // The run names the period and what the statement says: a statement
  // corrected after a reopen is a new message, the same one is "already
  // sent". The data holds no clock, so an unchanged statement hashes the same.
  r.run = format_date(s.from) + "." + format_date(s.to) + "." +
          to_hex(chain_hash(Hash{}, r.data.dump())).substr(0, 12);
  r.data["company_name"] = s.company_name;
  r.data["period"] = format_date(s.to).substr(0, 7);
  r.attachments.push_back({"statement-" + s.customer.id + "-" + format_date(s.to) + ".pdf",
                           "application/pdf", statement_pdf(s)});
  return r;
}

std::vector<QueuedMail> queue_statements(Context& ctx, Tx& tx, MailService& mail,
                                         const BatchOptions& o, const std::string& customer,
                                         bool group) {
  const auto buckets = buckets_from(tx, "");
  std::vector<QueuedMail> queued;
  if (!customer.empty()) {
    queued.push_back(mail.queue(
        ctx, tx, statement_mail(build_statement(tx, customer, o.from, o.to, buckets, group))));
    return queued;
  }
  std::vector<std::string> ids;
  tx.for_each_customer([&](const Customer& c) {
    ids.push_back(c.id);
    return true;
  });
  for (const auto& id : ids) {
    const auto s = build_statement(tx, id, o.from, o.to, buckets, false);
    const bool below =
        !o.min_balance.empty() && s.closing < Money::parse(o.min_balance, s.currency).minor();
    const bool idle = o.skip_inactive && s.closing == 0 && s.lines.empty();
    if (!below && !idle) queued.push_back(mail.queue(ctx, tx, statement_mail(s)));
  }
  return queued;
}

MailRequest notice_mail(const Notice& n, std::uint64_t run) {
  MailRequest r;
  r.customer = n.customer;
  r.kind = "notice";
  const auto level = n.stage_change ? n.level.name : "level-" + std::to_string(n.level.level);
  r.document = n.customer + "." + level;
  r.run = "run-" + std::to_string(run);
  Json items = Json::array();
  for (const auto& i : n.items)
    items.push_back(Json{{"document", i.document},
                         {"due", i.due},
                         {"open", money_str(i.open, n.currency)},
                         {"days_past_due", i.days_past_due}});
  r.data = Json{{"customer", n.customer},
                {"name", n.name},
                {"level", n.level.level},
                {"level_name", n.level.name},
                {"total", money_str(n.total, n.currency)},
                {"currency", code(n.currency)},
                {"items", items},
                {"run", run}};
  // The letter as the customer would get it on paper: a PDF of its text.
  r.attachments.push_back({"notice-" + n.customer + "-" + level + ".pdf", "application/pdf",
                           letter_pdf("Notice " + n.customer + " " + level, n.text)});
  return r;
}

void deliver_and_report(Context& ctx, MailService& mail, const std::vector<QueuedMail>& queued,
                        const std::string& none) {
  const bool dry = ctx.options().dry_run;
  std::vector<std::uint64_t> ids;
  for (const auto& q : queued)
    if (q.queued) ids.push_back(q.id);
  Delivery d;
  if (!dry) d = mail.deliver(ctx, ids);
  std::map<std::uint64_t, const Json*> outcome;
  for (const auto& r : d.rows)
    outcome[r["id"].get<std::uint64_t>()] = &r;
  Json rows = Json::array();
  std::uint64_t not_sent = 0;
  for (const auto& q : queued) {
    Json row{{"customer", q.customer},     {"to", q.to},         {"subject", q.subject},
             {"message_id", q.message_id}, {"status", q.status}, {"reason", q.reason}};
    if (dry) {
      if (q.queued) row["status"] = "would send";
      row["attachments"] = q.attachments;
    }
    if (const auto it = outcome.find(q.id); q.queued && it != outcome.end()) {
      row["status"] = (*it->second)["status"];
      row["reason"] = (*it->second)["reply"];
    }
    if (q.status == "not sent") ++not_sent;
    rows.push_back(std::move(row));
  }
  auto report = Report::rows(std::move(rows), none);
  if (!dry && !queued.empty()) {
    report.note = "sent " + std::to_string(d.sent) + ", queued " + std::to_string(d.queued) +
                  ", failed " + std::to_string(d.failed);
    if (d.review > 0) report.note += ", " + std::to_string(d.review) + " to review";
    if (not_sent > 0) report.note += ", " + std::to_string(not_sent) + " not sent (no address)";
  }
  print_report(ctx, report);
  if (d.undelivered() > 0) ctx.exit_code = exit_code(ErrorKind::kUndelivered);
}

}  // namespace arctl::statements
