// Portfolios: a collector is a name kept on the customer (attribute
// `collector`); `portfolio list` sums each collector's customers, open AR and
// past-due amount. Handlers of `arctl portfolio assign|unassign|list`.
#include <CLI/CLI.hpp>
#include <map>

#include "arctl/command.hpp"
#include "arctl/error.hpp"
#include "commands.hpp"
#include "position.hpp"

namespace arctl::collections {
namespace {

constexpr const char* kUnassigned = "(unassigned)";

std::string valid_collector(const std::string& name) {
  if (name.size() > 100 || name.find_first_of("\t\r\n") != std::string::npos ||
      (!name.empty() && (name.front() == ' ' || name.back() == ' ')))
    fail(ErrorKind::kConflict, "a collector is a name of up to 100 characters on one line",
         {"", 0, "--collector"});
  if (name == kUnassigned)
    fail(ErrorKind::kConflict, "that name is reserved", {"", 0, "--collector"});
  return name;
}

// Sets (or, empty, removes) the collector of each customer; all or none.
Json assign(Tx& tx, const std::vector<std::string>& ids, const std::string& collector) {
  Json rows = Json::array();
  for (const auto& id : ids) {
    auto c = tx.customer(id);
    const auto before = c.attrs.count("collector") ? c.attrs.at("collector") : "";
    if (collector.empty())
      c.attrs.erase("collector");
    else
      c.attrs["collector"] = collector;
    tx.update_customer(c);  // an unchanged customer is a no-op, not an event
    rows.push_back({{"customer", c.id}, {"collector", collector}, {"before", before}});
  }
  return rows;
}

void assign_commands(CLI::App& group, Context& ctx) {
  struct Options {
    std::vector<std::string> customers;
    std::string collector;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = group.add_subcommand("assign", "Give customers to a collector ('' removes)");
  cmd->add_option("customers", o->customers, "Customer ids")->required();
  cmd->add_option("--collector", o->collector, "The collector's name")->required();
  mutating(cmd, ctx, [o](Tx& tx) {
    const auto rows = assign(tx, o->customers, valid_collector(o->collector));
    return Report::line(rows,
                        std::to_string(rows.size()) + " customers " +
                            (o->collector.empty() ? "unassigned" : "assigned to " + o->collector));
  });

  auto u = std::make_shared<std::vector<std::string>>();
  auto* un = group.add_subcommand("unassign", "Take customers out of their collector's portfolio");
  un->add_option("customers", *u, "Customer ids")->required();
  mutating(un, ctx, [u](Tx& tx) {
    const auto rows = assign(tx, *u, "");
    return Report::line(rows, std::to_string(rows.size()) + " customers unassigned");
  });
}

struct Totals {
  std::uint64_t customers = 0;
  std::optional<Position> sum;
};

void list_command(CLI::App& group, Context& ctx) {
  auto collector = std::make_shared<std::string>();
  auto* cmd = group.add_subcommand(
      "list", "Customers, open AR and past due per collector (with --collector: per customer)");
  cmd->add_option("--collector", *collector, "One collector's customers ('(unassigned)' too)");
  cmd->callback([&ctx, collector] {
    const Date as_of = ctx.today();
    Json rows = Json::array();
    ctx.ledger().read([&](Tx& tx) {
      // By collector, then currency: amounts in different currencies are not added.
      std::map<std::pair<std::string, std::string>, Totals> totals;
      tx.for_each_customer([&](const Customer& c) {
        auto it = c.attrs.find("collector");
        const std::string who =
            it == c.attrs.end() || it->second.empty() ? kUnassigned : it->second;
        if (!collector->empty() && who != *collector) return true;
        const auto p = position(tx, c, as_of);
        if (!collector->empty()) {
          Json r{{"customer", c.id}, {"name", c.name}};
          put_money(r, "open", p.open);
          r["past_due"] = p.past_due.str();
          r["oldest_days"] = p.oldest_days;
          rows.push_back(std::move(r));
          return true;
        }
        auto& t = totals[{who, std::string(c.currency.code())}];
        ++t.customers;
        if (t.sum)
          t.sum->add(p);
        else
          t.sum = p;
        return true;
      });
      // Named collectors by name, the unassigned last.
      for (int pass = 0; pass < 2; ++pass)
        for (const auto& [key, t] : totals) {
          if ((key.first == kUnassigned) != (pass == 1)) continue;
          Json r{{"collector", key.first}, {"customers", t.customers}};
          put_money(r, "open", t.sum->open);
          r["past_due"] = t.sum->past_due.str();
          rows.push_back(std::move(r));
        }
    });
    print_report(ctx, Report::rows(rows, "no customers"));
  });
}

}  // namespace

void register_portfolio(CLI::App& app, Context& ctx) {
  add_group(app, "portfolio", "Collectors' portfolios: assign, unassign, list", ctx,
            {assign_commands, list_command});
}

}  // namespace arctl::collections
