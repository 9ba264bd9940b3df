// `arctl store info` and `arctl store copy --to URL | --from URL`: where the
// ledger's data lives, and moving a whole ledger between LMDB and PostgreSQL
// with the journal chain head checked on both sides.
#include <CLI/CLI.hpp>
#include <filesystem>

#include "arctl/command.hpp"
#include "arctl/error.hpp"
#include "arctl/host_access.hpp"
#include "arctl/store.hpp"
#include "commands.hpp"

namespace arctl::cli {
namespace {

JournalHead head_of(Ledger& ledger) {
  return ledger.read([](Tx& tx) { return tx.journal_head(); });
}

// The copy holds what the source held at the snapshot it was read from: its
// head must be an entry of the source's journal, hash for hash (writers may
// have appended to the source since).
void verify_copy(Ledger& source, Ledger& target, Json& r) {
  const auto copied = head_of(target);
  const auto in_source = source.read([&](Tx& tx) { return tx.journal_entry(copied.seq); });
  if (copied.seq == 0 || !in_source || in_source->hash != copied.hash)
    fail(ErrorKind::kError, "the copy's journal head (" + std::to_string(copied.seq) + ", " +
                                to_hex(copied.hash) + ") does not match the source's journal");
  r["journal_seq"] = copied.seq;
  r["journal_head"] = to_hex(copied.hash);
}

std::string describe(const Store& s) {
  const auto info = s.info();
  return info.backend + " " + info.location;
}

// Copies `source` into the empty `target`, verifies the copy and reports it;
// the line names the other store: the target when copying `to` it, else the
// source.
void copy_and_report(Context& ctx, Ledger& source, Ledger& target, bool to) {
  Json r;
  r["from"] = describe(HostAccess::store(source));
  r["to"] = describe(HostAccess::store(target));
  r["entries"] = copy_store(HostAccess::store(source), HostAccess::store(target));
  verify_copy(source, target, r);
  const auto other =
      to ? "to " + r["to"].get<std::string>() : "from " + r["from"].get<std::string>();
  ctx.report(r, "Copied " + r["entries"].dump() + " entries " + other + " (journal " +
                    r["journal_seq"].dump() + ", head " + r["journal_head"].get<std::string>() +
                    ")");
}

void copy_to(Context& ctx, const std::string& url) {
  auto& source = ctx.ledger();
  Ledger target(open_store_url(url, true), ctx.ledger_dir(),
                Session{ctx.options().actor, "arctl store copy", false, {}});
  copy_and_report(ctx, source, target, true);
}

void copy_from(Context& ctx, const std::string& url) {
  if (!ctx.options().dir && !ctx.has_ledger())
    ctx.set_ledger_dir(std::filesystem::current_path() / ".arctl");
  const auto dir = ctx.ledger_dir();
  Ledger source(open_store_url(url, false), dir,
                Session{ctx.options().actor, "arctl store copy", false, {}});
  auto target_store = open_store(dir, true);
  Ledger target(std::move(target_store), dir,
                Session{ctx.options().actor, "arctl store copy", false, {}});
  copy_and_report(ctx, source, target, false);
}

}  // namespace

void register_store(CLI::App& app, Context& ctx) {
  auto* store = add_group(app, "store", "Where the ledger is stored; moving it elsewhere");

  auto* info = store->add_subcommand("info", "Backend, location, size and journal head");
  info->callback([&ctx] {
    auto& ledger = ctx.ledger();
    const auto i = HostAccess::store(ledger).info();
    const auto head = head_of(ledger);
    Json r{{"backend", i.backend},
           {"location", i.location},
           {"size_bytes", i.size_bytes},
           {"journal_seq", head.seq},
           {"journal_head", to_hex(head.hash)}};
    if (i.map_bytes != 0) r["map_bytes"] = i.map_bytes;
    ctx.report(r, "backend  " + i.backend + "\nlocation " + i.location + "\nsize     " +
                      std::to_string(i.size_bytes) + " bytes\njournal  " +
                      std::to_string(head.seq) + " events, head " + to_hex(head.hash));
  });

  auto to = std::make_shared<std::string>();
  auto from = std::make_shared<std::string>();
  auto* copy = store->add_subcommand(
      "copy",
      "Copy the whole ledger to another store (--to), or into this directory from one (--from); "
      "the target must be empty");
  auto* to_opt =
      copy->add_option("--to", *to, "Target: postgresql://... or a directory")->type_name("URL");
  auto* from_opt =
      copy->add_option("--from", *from, "Source: postgresql://... or a ledger directory")
          ->type_name("URL");
  to_opt->excludes(from_opt);
  copy->callback([&ctx, to, from] {
    if (to->empty() == from->empty()) fail_usage("store copy needs exactly one of --to, --from");
    if (!to->empty())
      copy_to(ctx, *to);
    else
      copy_from(ctx, *from);
  });
}

}  // namespace arctl::cli
