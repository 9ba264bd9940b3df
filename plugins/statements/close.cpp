// Close steps. Each runs inside the close's write transaction for the step;
// its files are staged there and put in place only once that transaction
// commits (Tx::after_commit), so a dry run or a failed step leaves none.
#include "close.hpp"

#include <memory>
#include <sstream>

#include "aging.hpp"
#include "arctl/codec.hpp"
#include "arctl/error.hpp"
#include "batch.hpp"
#include "mail_send.hpp"
#include "notice_files.hpp"
#include "notices.hpp"
#include "reports.hpp"

namespace arctl::statements {
namespace {

constexpr std::uint8_t kSnapshotV = 1;

StepResult notices_step(Context& ctx, Tx& tx, const PluginHandle& h, const CloseRun& run) {
  const auto r = run_notices(ctx, tx, h, run.as_of);
  // Staged inside the step's transaction: a letter that cannot be written aborts it.
  if (!r.notices.empty()) {
    auto staged = std::make_shared<StagedNotices>(run.out_dir / "notices", r.notices);
    tx.after_commit([staged, id = r.id] { staged->publish(id); });
  }
  StepResult s;
  s.summary = std::to_string(r.notices.size()) + " past-due notices written";
  s.figures = Json{{"notices", r.notices.size()},
                   {"skipped_do_not_dun", r.skipped_do_not_dun},
                   {"skipped_disputed", r.skipped_disputed},
                   {"skipped_minimum", r.skipped_minimum}};
  for (const auto& n : r.notices)
    s.artefacts.push_back("notices/" + n.file);
  return s;
}

// config close.send_statements: true/yes/1 (default false).
bool send_statements(Tx& tx) {
  const auto v = tx.config_or("close.send_statements", "false");
  return v == "true" || v == "yes" || v == "1";
}

StepResult statements_step(Context& ctx, Tx& tx, const CloseRun& run) {
  BatchOptions o{run.period.first_day(), run.period.last_day(), DocFormat::kText, "", true};
  const auto r = write_statements(ctx, tx, o, run.out_dir / "statements");
  StepResult s;
  s.summary = std::to_string(r.written) + " statements written (" + std::to_string(r.skipped) +
              " customers with no balance or activity skipped)";
  s.figures = Json{{"statements", r.written}, {"skipped", r.skipped}};
  for (const auto& f : r.files)
    s.artefacts.push_back("statements/" + f);
  if (send_statements(tx)) {
    // Queued with the step; sent once it commits. Mail left undelivered
    // stays in the outbox and does not block the lock.
    auto& mail = mail_service(ctx);
    const auto queued = queue_statements(ctx, tx, mail, o, "", false);
    std::vector<std::uint64_t> ids;
    std::uint64_t not_sent = 0, earlier = 0;
    for (const auto& q : queued) {
      if (q.queued) ids.push_back(q.id);
      if (q.status == "not sent") ++not_sent;
      if (!q.queued && q.id != 0) ++earlier;
    }
    s.summary += "; " + std::to_string(ids.size()) + " queued for e-mail";
    if (not_sent > 0) s.summary += ", " + std::to_string(not_sent) + " without an address";
    s.figures["mail"] =
        Json{{"queued", ids.size()}, {"no_address", not_sent}, {"earlier", earlier}};
    if (!run.dry_run && !ids.empty())
      tx.after_commit([&ctx, &mail, ids] {
        const auto d = mail.deliver(ctx, ids);
        ctx.note("statements.statements: e-mail sent " + std::to_string(d.sent) + ", queued " +
                 std::to_string(d.queued) + ", failed " + std::to_string(d.failed) +
                 (d.review ? ", " + std::to_string(d.review) + " to review" : "") +
                 (d.undelivered() ? " (see arctl mail outbox; arctl mail send --retry)" : ""));
        if (d.undelivered() > 0) ctx.exit_code = exit_code(ErrorKind::kUndelivered);
      });
  }
  return s;
}

StepResult snapshot_step(Context& ctx, Tx& tx, const PluginHandle& h, const CloseRun& run) {
  AgingOptions a;
  a.as_of = run.period.last_day();
  a.buckets = buckets_from(tx, "");
  const auto aging = compute_aging(tx, h, a, ctx.service<DisputeService>());
  const auto rows = aging_rows(aging);
  std::ostringstream csv;
  render(csv, rows, {Format::kCsv, false});
  if (rows.empty()) csv.str("row,customer,name,currency,total\n");
  write_file(tx, run.out_dir / "aging.csv", csv.str());

  Json reports;
  reports["period"] = run.period.str();
  reports["aging"] = aging_summary(aging);
  reports["dso_standard"] = report_dso(tx, h, run.period, false);
  reports["dso_countback"] = report_dso(tx, h, run.period, true);
  reports["cei"] = report_cei(tx, h, run.period);
  write_file(tx, run.out_dir / "reports.json", reports.dump(2) + "\n");

  // Per currency: total, each bucket, DSO (standard, countback) and CEI.
  Encoder e(kSnapshotV);
  const auto labels = a.buckets.labels();
  e.date(a.as_of).u64(labels.size());
  for (const auto& l : labels)
    e.str(l);
  e.u64(aging.totals.size());
  for (const auto& [cur, t] : aging.totals) {
    e.str(cur).i64(t.total).u64(t.buckets.size());
    for (auto b : t.buckets)
      e.i64(b);
  }
  auto figure = [&](const Json& list, const char* key) {
    Json out = Json::object();
    for (const auto& r : list)
      out[r["currency"].get<std::string>()] = r[key];
    return out;
  };
  const auto dso = figure(reports["dso_standard"], "dso");
  const auto dso_cb = figure(reports["dso_countback"], "dso");
  const auto cei = figure(reports["cei"], "cei");
  for (const auto* m : {&dso, &dso_cb, &cei}) {
    e.u64(m->size());
    for (const auto& [k, v] : m->items())
      e.str(k).str(v.get<std::string>());
  }
  tx.table(h, "snapshots").put(KeyBuilder().str(run.period.str()), e.bytes());
  Json figures{{"dso", dso}, {"dso_countback", dso_cb}, {"cei", cei}};
  Json totals = Json::object();
  for (const auto& [cur, t] : aging.totals)
    totals[cur] = Money(t.total, t.currency).str();
  figures["ar"] = totals;
  tx.publish(events::StatementsSnapshot{run.period.str(), a.as_of, figures});
  StepResult s;
  s.summary = "aging, DSO and CEI as of " + format_date(a.as_of);
  s.figures = figures;
  s.artefacts = {"aging.csv", "reports.json"};
  return s;
}

}  // namespace

std::vector<CloseStep> close_steps(const PluginHandle& h) {
  const PluginHandle* hp = &h;
  return {
      {"statements.notices",
       "Past-due notices as of the close date",
       [hp](Context& ctx, Tx& tx, const CloseRun& run) { return notices_step(ctx, tx, *hp, run); },
       {"payments.auto", "disputes.escalate", "holds.evaluate"}},
      {"statements.statements",
       "Statements of account for the month",
       [](Context& ctx, Tx& tx, const CloseRun& run) { return statements_step(ctx, tx, run); },
       {"statements.notices"}},
      {"statements.snapshot",
       "Aging snapshot, DSO and CEI for the month",
       [hp](Context& ctx, Tx& tx, const CloseRun& run) { return snapshot_step(ctx, tx, *hp, run); },
       {"statements.statements"}},
  };
}

}  // namespace arctl::statements
