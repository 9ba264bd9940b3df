// Handler of `arctl worklist`: today's customers to contact, in priority
// order, or one customer's score term by term (--explain).
#include <CLI/CLI.hpp>

#include "arctl/command.hpp"
#include "arctl/error.hpp"
#include "commands.hpp"
#include "worklist.hpp"

namespace arctl::collections {
namespace {

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts)
    out += (out.empty() ? "" : sep) + p;
  return out;
}

Json row(const Entry& e, std::size_t rank) {
  Json r;
  r["rank"] = rank;
  r["customer"] = e.customer.id;
  r["name"] = e.customer.name;
  r["collector"] = collector_of(e.customer);
  r["score"] = points_text(e.score.total);
  put_money(r, "past_due", e.inputs.position.past_due);
  r["oldest_days"] = e.inputs.position.oldest_days;
  r["reasons"] = join(e.reasons, "; ");
  r["action"] = e.action;
  r["step"] = e.step;
  r["contact"] = e.contact ? e.contact->name : "";
  r["reach"] = e.contact ? reach(*e.contact) : "";
  r["covers"] = join(e.members, " ");
  return r;
}

Json explain(const Entry& e) {
  Json rows = Json::array();
  for (const auto& t : e.score.terms)
    rows.push_back({{"customer", e.customer.id},
                    {"term", t.name},
                    {"input", t.input},
                    {"weight", points_text(t.weight)},
                    {"points", points_text(t.points)}});
  rows.push_back({{"customer", e.customer.id},
                  {"term", "total"},
                  {"input", join(e.reasons, "; ")},
                  {"weight", ""},
                  {"points", points_text(e.score.total)}});
  return rows;
}

}  // namespace

void register_worklist(CLI::App& app, Context& ctx, const PluginHandle& h) {
  struct Options {
    std::string collector, explain;
    std::size_t limit = 0;
    bool all = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "worklist", "Customers to contact today, highest priority first (as of --as-of)");
  cmd->add_option("--collector", o->collector, "Only this collector's portfolio");
  cmd->add_option("--limit", o->limit, "At most N customers");
  cmd->add_option("--explain", o->explain, "Show each term of this customer's score");
  cmd->add_flag("--all", o->all, "Also the customers whose next action is scheduled later");
  cmd->callback([&ctx, &h, o] {
    Json rows = Json::array();
    ctx.ledger().read([&](Tx& tx) {
      const WorklistServices s{ctx.service<FollowUpService>(), ctx.service<DisputeService>(),
                               ctx.service<HoldService>(), ctx.service<OpenOrderService>()};
      std::string explain_top;
      if (!o->explain.empty()) explain_top = tx.customer(o->explain).id;
      const auto entries = build_worklist(tx, h, s, ctx.today());
      std::size_t rank = 0;
      for (const auto& e : entries) {
        if (!o->explain.empty()) {
          // A child is explained through the group that covers it.
          const bool covers = e.customer.id == explain_top ||
                              std::count(e.members.begin(), e.members.end(), explain_top) > 0;
          if (covers) rows = explain(e);
          continue;
        }
        if (!e.listed || (e.scheduled && !o->all)) continue;
        if (!o->collector.empty() && collector_of(e.customer) != o->collector) continue;
        if (o->limit && rank == o->limit) break;
        rows.push_back(row(e, ++rank));
      }
    });
    print_report(ctx, Report::rows(rows, "nothing to do"));
  });
}

}  // namespace arctl::collections
