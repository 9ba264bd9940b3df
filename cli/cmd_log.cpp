// `arctl log`: the journal, newest first, or from a sequence number on.
#include <CLI/CLI.hpp>

#include "arctl/check.hpp"
#include "arctl/error.hpp"
#include "commands.hpp"

namespace arctl::cli {
namespace {

struct LogOptions {
  std::optional<std::uint64_t> limit;
  std::optional<std::uint64_t> since;
  std::string type;
  bool verify = false;
  bool payload = true;
};

bool type_matches(const std::string& pattern, const std::string& type) {
  if (pattern.empty()) return true;
  if (pattern.back() == '*') return type.rfind(pattern.substr(0, pattern.size() - 1), 0) == 0;
  return pattern == type;
}

Json row(const JournalEntry& e, bool table) {
  Json j = e.to_json();
  if (table) {
    j.erase("hash");
    j["payload"] = e.payload.dump();
  }
  return j;
}

}  // namespace

void register_log(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<LogOptions>();
  auto* cmd = app.add_subcommand("log", "Show the journal of changes (newest first)");
  cmd->add_option("-n,--limit", o->limit, "Show at most N events");
  cmd->add_option("--since", o->since, "Events from sequence SEQ on, oldest first");
  cmd->add_option("--type", o->type, "Only events of this type (a trailing * matches a prefix)");
  cmd->add_flag("--verify", o->verify,
                "Verify the hash chain and print its head, to keep and compare later");
  cmd->callback([&ctx, o] {
    ctx.ledger().read([&](Tx& tx) {
      if (o->verify) {
        const auto rep = check_ledger(tx, 1);
        const auto head = tx.journal_head();
        Json r;
        r["seq"] = head.seq;
        r["head"] = to_hex(head.hash);
        r["verified"] = rep.ok();
        if (!rep.ok()) r["problem"] = rep.findings.front().message;
        ctx.print(r);
        if (!rep.ok())
          fail(ErrorKind::kError, "journal verification failed: " + rep.findings.front().message);
        return;
      }
      const bool table = ctx.format() == Format::kTable;
      Json rows = Json::array();
      const std::uint64_t limit = o->limit.value_or(UINT64_MAX);
      if (o->since) {
        tx.journal(*o->since, [&](const JournalEntry& e) {
          if (type_matches(o->type, e.type)) rows.push_back(row(e, table));
          return rows.size() < limit;
        });
      } else {
        for (auto seq = tx.journal_head().seq; seq >= 1 && rows.size() < limit; --seq) {
          auto e = tx.journal_entry(seq);
          if (!e) fail(ErrorKind::kError, "journal event " + std::to_string(seq) + " is missing");
          if (type_matches(o->type, e->type)) rows.push_back(row(*e, table));
        }
      }
      ctx.print(rows);
    });
  });
}

}  // namespace arctl::cli
