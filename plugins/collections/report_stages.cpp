// `arctl report stages [--agency NAME]`: the customers in pre-legal, legal,
// agency or written off as of the business date, with the amount placed
// (their open receivable when they entered the stage) and recovered since
// (receipts applied to their items after that date, up to the as-of date),
// and a total per stage, agency and currency.
#include <CLI/CLI.hpp>
#include <map>
#include <memory>
#include <tuple>

#include "arctl/command.hpp"
#include "arctl/error.hpp"
#include "commands.hpp"
#include "stages.hpp"

namespace arctl::collections {
namespace {

struct Row {
  StageChange placed;  // the change into the stage in force
  std::string name;
  Money recovered;
};

// Receipts applied to the customer's debit items after `placed` and on or
// before `as_of`; a reversal in that window takes back what it reverses
// when that was in the window too. Cost: the customer's documents and one
// read per application.
Money recovered_since(Tx& tx, const std::string& customer, Date placed, Date as_of,
                      const Currency& cur) {
  Money sum = Money::zero(cur);
  auto in_window = [&](Date d) { return d > placed && d <= as_of; };
  tx.documents_of(customer, Date{}, as_of, [&](const Document& d) {
    if (!is_debit(d.kind)) return true;
    for (const auto& app : tx.applications_of(d.id)) {
      if (!in_window(app.date)) continue;
      const auto from = tx.find_document(app.from);
      if (!from || from->kind != DocKind::kReceipt) continue;
      if (!app.is_reversal())
        sum += app.amount;
      else if (in_window(tx.application(app.reverses).date))
        sum -= app.amount;
    }
    return true;
  });
  return sum;
}

std::vector<Row> staged_as_of(Tx& tx, const PluginHandle& h, Date as_of,
                              const std::string& agency) {
  std::map<std::string, StageChange> last;  // per customer, the change in force
  for_each_stage_change(tx, h, [&](const StageChange& c) {
    if (c.date <= as_of) last[c.customer] = c;
  });
  std::vector<Row> rows;
  for (auto& [customer, c] : last) {
    if (c.to == Stage::kNormal) continue;
    if (!agency.empty() && (c.to != Stage::kAgency || c.agency != agency)) continue;
    const auto cust = tx.customer(customer);
    rows.push_back({c, cust.name, recovered_since(tx, customer, c.date, as_of, c.open.currency())});
  }
  auto key = [](const Row& r) {
    return std::make_tuple(static_cast<int>(r.placed.to), r.placed.agency,
                           std::string(r.placed.open.currency().code()), r.placed.customer);
  };
  std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) { return key(a) < key(b); });
  return rows;
}

Json row_json(const std::string& customer, const std::string& name, const StageChange& c,
              const std::string& since, const Money& placed, const Money& recovered) {
  return Json{{"customer", customer},
              {"name", name},
              {"stage", stage_name(c.to)},
              {"agency", c.agency},
              {"since", since},
              {"placed", placed.str()},
              {"recovered", recovered.str()},
              {"currency", std::string(placed.currency().code())}};
}

// Each customer's row, and after each stage, agency and currency its total.
Json render(const std::vector<Row>& rows) {
  Json out = Json::array();
  for (std::size_t i = 0; i < rows.size();) {
    const auto& first = rows[i].placed;
    Money placed = Money::zero(first.open.currency()), recovered = placed;
    std::size_t n = 0;
    for (; i < rows.size() && rows[i].placed.to == first.to &&
           rows[i].placed.agency == first.agency &&
           rows[i].placed.open.currency() == first.open.currency();
         ++i, ++n) {
      const auto& r = rows[i];
      out.push_back(row_json(r.placed.customer, r.name, r.placed, format_date(r.placed.date),
                             r.placed.open, r.recovered));
      placed += r.placed.open;
      recovered += r.recovered;
    }
    out.push_back(row_json("", "total (" + std::to_string(n) + ")", first, "", placed, recovered));
  }
  return out;
}

}  // namespace

void register_report_stages(CLI::App& app, Context& ctx, const PluginHandle& h) {
  auto* group = add_group(app, "report", "Management reports");
  auto agency = std::make_shared<std::string>();
  auto* cmd = group->add_subcommand(
      "stages", "Customers by collection stage: amount placed and recovered, per agency");
  cmd->add_option("--agency", *agency, "Only the customers placed with this agency");
  cmd->callback([&ctx, &h, agency] {
    const auto as_of = ctx.today();
    const auto rows =
        ctx.ledger().read([&](Tx& tx) { return staged_as_of(tx, h, as_of, *agency); });
    Report r = Report::rows(render(rows), "No customer in pre-legal, legal, agency or written off");
    for (const auto& row : rows)
      if (row.placed.to == Stage::kWrittenOff)
        r.note =
            "written-off is a stage only: it posts no write-off; write the balance off through "
            "the write-off approval flow";
    print_report(ctx, r);
  });
}

}  // namespace arctl::collections
