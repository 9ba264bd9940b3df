// Running the month-end close and writing its report; see arctl/close.hpp.
#include "arctl/close.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "arctl/error.hpp"
#include "arctl/log.hpp"
#include "arctl/plugin_host.hpp"
#include "arctl/staged_file.hpp"
#include "close/close_checks.hpp"
#include "close/close_records.hpp"

namespace arctl {
namespace fs = std::filesystem;
namespace {

std::vector<CloseStep> collect_steps(Context& ctx) {
  std::vector<CloseStep> steps;
  std::set<std::string> loaded;
  if (auto* host = ctx.plugins())
    for (auto* p : host->plugins()) {
      loaded.insert(p->info().name);
      for (auto& s : p->close_steps())
        steps.push_back(std::move(s));
    }
  return order_close_steps(std::move(steps), loaded);
}

bool selected(const CloseOptions& o, const std::string& name) {
  auto in = [&](const std::vector<std::string>& v) {
    return std::find(v.begin(), v.end(), name) != v.end();
  };
  if (!o.only.empty() && !in(o.only)) return false;
  return !in(o.skip);
}

// After the commits it reports on: written aside and renamed into place.
void write_file(const fs::path& path, const std::string& text) {
  StagedFile file(path);
  file.write([&](std::ostream& out) { out << text; });
  file.publish();
}

Json step_json(const std::string& name, const std::string& outcome, const StepRecord& r) {
  return Json{{"step", name},
              {"outcome", outcome},
              {"summary", r.summary},
              {"figures", r.figures},
              {"artefacts", r.artefacts}};
}

}  // namespace

CloseOutcome run_close(Context& ctx, const CloseHook& hook, const CloseOptions& o) {
  auto& ledger = ctx.ledger();
  const auto period = o.period;
  const auto end = period.last_day();
  const auto as_of = ctx.today();
  if (as_of < end)
    fail(ErrorKind::kConflict, "closing " + period.str() + " needs a business date on or after " +
                                   format_date(end) + " (it is " + format_date(as_of) +
                                   "; use --as-of)");
  const bool dry = ctx.options().dry_run;
  CloseRun run{period, as_of, o.out / period.str(), dry};
  CloseOutcome outcome;
  Json& report = outcome.report;
  report["period"] = period.str();
  report["as_of"] = format_date(as_of);
  report["dry_run"] = dry;
  report["actor"] = ctx.options().actor;

  // A period still locked and recorded as closed is done; a reopened one
  // (lock moved back before its end) starts afresh.
  auto record = ledger.read([&](Tx& tx) -> PeriodRecord {
    CloseRecords records(tx);
    auto r = records.get(period.str());
    const auto lock = tx.lock_date();
    if (r && r->closed && lock && *lock >= end) {
      outcome.already_closed = true;
      return *r;
    }
    if (r && r->closed) return PeriodRecord{period.str()};
    return r ? *r : PeriodRecord{period.str()};
  });
  if (outcome.already_closed) {
    report["status"] = "already closed";
    report["closed_by"] = record.closed_by;
    report["closed_at"] = format_timestamp(record.closed_at);
    report["figures"] = record.figures;
    return outcome;
  }

  if (int code = hook("pre-close", Json{{"period", period.str()}, {"as_of", format_date(as_of)}});
      code != 0)
    fail(ErrorKind::kConflict,
         "the pre-close hook failed (exit " + std::to_string(code) + "); nothing was closed");

  Json steps_json = Json::array();
  for (const auto& step : collect_steps(ctx)) {
    if (!selected(o, step.name)) {
      steps_json.push_back(Json{{"step", step.name}, {"outcome", "skipped"}});
      continue;
    }
    if (const auto* done = record.step(step.name); done && !dry) {
      steps_json.push_back(step_json(step.name, "done earlier", *done));
      continue;
    }
    if (int code = hook("pre-" + step.name, Json{{"period", period.str()}, {"step", step.name}});
        code != 0)
      fail(ErrorKind::kError,
           "hook pre-" + step.name + " failed (exit " + std::to_string(code) +
               "); the steps before it are committed: re-run the close to continue");
    log::info("close step " + step.name);
    bool blocking = false;
    StepRecord done = ledger.write([&](Tx& tx) {
      auto result = step.run(ctx, tx, run);
      blocking = result.blocking_failure;
      StepRecord r{step.name, result.summary, result.figures, result.artefacts};
      CloseRecords records(tx);
      auto current = records.get(period.str()).value_or(PeriodRecord{period.str()});
      current.steps.push_back(r);
      records.put(current);
      tx.emit("close.step", Json{{"period", period.str()},
                                 {"step", step.name},
                                 {"summary", r.summary},
                                 {"figures", r.figures},
                                 {"blocking", result.blocking_failure}});
      return r;
    });
    if (blocking) outcome.blocking.push_back(step.name + ": " + done.summary);
    record.steps.push_back(done);
    steps_json.push_back(step_json(step.name, "ran", done));
  }
  report["steps"] = steps_json;

  Json checks = Json::array();
  ledger.read([&](Tx& tx) {
    for (const auto& c : run_close_checks(tx, end, ctx.plugins())) {
      checks.push_back(check_json(c));
      if (c.level == "block")
        for (const auto& issue : c.issues)
          outcome.blocking.push_back(c.name + ": " + issue);
    }
  });
  report["checks"] = checks;

  const bool lock_wanted = selected(o, "close.lock") && o.only.empty();
  if (outcome.blocking.empty() && lock_wanted) {
    ledger.write([&](Tx& tx) {
      const auto lock = tx.lock_date();
      if (!lock || *lock < end) tx.lock_period(end);
      CloseRecords records(tx);
      auto current = records.get(period.str()).value_or(PeriodRecord{period.str()});
      current.closed = true;
      current.closed_by = ctx.options().actor;
      current.closed_at = now_micros();
      Json figures = Json::object();
      for (const auto& s : current.steps)
        figures[s.name] = s.figures;
      current.figures = figures;
      records.put(current);
      tx.emit("close.completed", Json{{"period", period.str()},
                                      {"locked_through", format_date(end)},
                                      {"figures", figures}});
    });
    outcome.locked = !dry;
  }
  report["blocking"] = outcome.blocking;
  report["status"] = !outcome.blocking.empty() ? "blocked"
                     : !lock_wanted            ? "steps run, not locked"
                     : dry                     ? "dry run: nothing committed"
                                               : "closed";
  report["locked_through"] = outcome.locked ? Json(format_date(end)) : Json(nullptr);
  // A dry run writes no file: its report is the command's output.
  if (!dry) {
    write_file(run.out_dir / "close-report.json", report.dump(2) + "\n");
    write_file(run.out_dir / "close-report.txt", close_report_text(report));
  }
  if (outcome.locked) hook("post-close", report);
  return outcome;
}

std::string close_report_text(const Json& r) {
  std::string t = "Month-end close " + r["period"].get<std::string>() + " as of " +
                  r["as_of"].get<std::string>() + " by " + r["actor"].get<std::string>() + "\n";
  t += "Status: " + r["status"].get<std::string>() + "\n\n";
  for (const auto& s : r.value("steps", Json::array())) {
    t += "  " + s["step"].get<std::string>() + ": " + s["outcome"].get<std::string>();
    if (s.contains("summary")) t += " - " + s["summary"].get<std::string>();
    t += "\n";
    // Files are summarised per directory: a close writes hundreds of them.
    std::map<std::string, std::size_t> per_dir;
    for (const auto& a : s.value("artefacts", Json::array())) {
      const auto path = a.get<std::string>();
      const auto slash = path.find('/');
      per_dir[slash == std::string::npos ? path : path.substr(0, slash + 1)]++;
    }
    for (const auto& [dir, n] : per_dir)
      t += "      " + dir + (n > 1 ? "  (" + std::to_string(n) + " files)" : "") + "\n";
  }
  t += "\nChecks:\n";
  for (const auto& c : r.value("checks", Json::array())) {
    t += "  " + c["check"].get<std::string>() + " (" + c["level"].get<std::string>() + "): " +
         (c["passed"].get<bool>() ? "passed" : std::to_string(c["issues"].size()) + " issue(s)") +
         "\n";
    for (const auto& i : c["issues"])
      t += "      " + i.get<std::string>() + "\n";
  }
  if (!r.value("blocking", Json::array()).empty()) {
    t += "\nTo fix before the period can be locked:\n";
    for (const auto& b : r["blocking"])
      t += "  - " + b.get<std::string>() + "\n";
  }
  return t;
}

Json close_status(Context& ctx, const std::optional<Period>& period) {
  return ctx.ledger().read([&](Tx& tx) {
    CloseRecords records(tx);
    const auto lock = tx.lock_date();
    Json rows = Json::array();
    for (const auto& r : records.all()) {
      if (period && r.period != period->str()) continue;
      const bool locked = lock && *lock >= Period::parse(r.period).last_day();
      Json steps = Json::array();
      for (const auto& s : r.steps)
        steps.push_back(s.name);
      rows.push_back(
          Json{{"period", r.period},
               {"status", r.closed && locked ? "closed"
                          : r.closed         ? "reopened"
                                             : "in progress"},
               {"closed_by", r.closed_by},
               {"closed_at", r.closed ? Json(format_timestamp(r.closed_at)) : Json(nullptr)},
               {"steps_done", steps},
               {"figures", r.figures}});
    }
    return rows;
  });
}

Json close_history(Context& ctx) {
  Json rows = Json::array();
  ctx.ledger().read([&](Tx& tx) {
    tx.journal(1, [&](const JournalEntry& e) {
      if (e.type == "close.completed" || e.type == "period.reopened")
        rows.push_back(Json{{"seq", e.seq},
                            {"time", format_timestamp(e.time_micros)},
                            {"actor", e.actor},
                            {"event", e.type},
                            {"period", e.payload.value("period", "")},
                            {"detail", e.type == "period.reopened" ? e.payload["reason"]
                                                                   : e.payload["locked_through"]}});
      return true;
    });
  });
  return rows;
}

}  // namespace arctl
