// `arctl customer add|list|show|edit|import`.
#include <CLI/CLI.hpp>

#include "arctl/command.hpp"
#include "arctl/customer_details.hpp"
#include "arctl/error.hpp"
#include "commands.hpp"
#include "customer_io.hpp"

namespace arctl::cli {
namespace {

Currency default_currency(Tx& tx) {
  return Currency::parse(tx.config_or("ledger.currency", "USD"));
}

void parse_attrs(const std::vector<std::string>& pairs, Attrs& attrs) {
  for (const auto& p : pairs) {
    const auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0) fail_usage("--attr wants NAME=VALUE, got '" + p + "'");
    attrs[p.substr(0, eq)] = p.substr(eq + 1);
  }
}

Json customer_row(const Customer& c, const CustomerBalance& b) {
  Json j = to_json(c);
  j.erase("attrs");
  j["balance"] = b.balance().str();
  j["open_items"] = b.open_items;
  return j;
}

// Reserved attributes: the customer's parent in a group account (see the
// kernel's groups rules) and its collector's name.
constexpr const char* kParentAttr = "parent";

struct AddOptions {
  std::string id, name, currency, terms = "net30", limit, email, parent;
  std::vector<std::string> attrs;
};

struct EditOptions {
  std::string id;
  std::optional<std::string> name, currency, terms, limit, email, status, parent;
  bool no_limit = false, no_parent = false;
  std::vector<std::string> attrs, unset_attrs;
};

struct ListOptions {
  std::string status = "active";
};

struct ImportOptions {
  std::string file;
  std::string format;
};

void add_command(CLI::App& group, Context& ctx) {
  auto o = std::make_shared<AddOptions>();
  auto* cmd = group.add_subcommand("add", "Add a customer");
  cmd->add_option("id", o->id, "Customer id")->required();
  cmd->add_option("--name", o->name, "Name")->required();
  cmd->add_option("--currency", o->currency, "Billing currency (default: ledger.currency)");
  cmd->add_option("--terms", o->terms, "Payment terms, e.g. net30, eom, '2/10 net30'")
      ->capture_default_str();
  cmd->add_option("--credit-limit", o->limit, "Credit limit, e.g. 10000.00");
  cmd->add_option("--email", o->email, "Contact e-mail");
  cmd->add_option("--parent", o->parent, "Parent customer (group account), same currency");
  cmd->add_option("--attr", o->attrs, "Free attribute NAME=VALUE (repeatable)");
  mutating(cmd, ctx, [&ctx, o](Tx& tx) {
    Customer c;
    c.id = o->id;
    c.name = o->name;
    c.currency = o->currency.empty()
                     ? default_currency(tx)
                     : for_option("--currency", [&] { return Currency::parse(o->currency); });
    c.terms = o->terms;
    if (!o->limit.empty())
      c.credit_limit =
          for_option("--credit-limit", [&] { return Money::parse(o->limit, c.currency); });
    c.email = o->email;
    parse_attrs(o->attrs, c.attrs);
    if (!o->parent.empty()) c.attrs[kParentAttr] = o->parent;
    const auto outcome = tx.add_customer(c);
    Json r;
    r["id"] = o->id;
    r["outcome"] = outcome == Outcome::kCreated ? "created" : "unchanged";
    r["dry_run"] = ctx.options().dry_run;
    return Report::line(r, outcome == Outcome::kCreated
                               ? "Added customer " + o->id
                               : "Customer " + o->id + " already exists, unchanged");
  });
}

void list_command(CLI::App& group, Context& ctx) {
  auto o = std::make_shared<ListOptions>();
  auto* cmd = group.add_subcommand("list", "List customers with their balances");
  cmd->add_option("--status", o->status, "active, inactive or all")
      ->check(CLI::IsMember({"active", "inactive", "all"}))
      ->capture_default_str();
  cmd->callback([&ctx, o] {
    Json rows = Json::array();
    ctx.ledger().read([&](Tx& tx) {
      tx.for_each_customer([&](const Customer& c) {
        if (o->status == "all" || customer_status_name(c.status) == o->status)
          rows.push_back(customer_row(c, tx.balance(c.id)));
        return true;
      });
    });
    ctx.print(rows);
  });
}

void show_command(CLI::App& group, Context& ctx) {
  auto id = std::make_shared<std::string>();
  auto* cmd = group.add_subcommand("show", "Show one customer, its balance and open items");
  cmd->add_option("id", *id, "Customer id")->required();
  cmd->callback([&ctx, id] {
    Json r = ctx.ledger().read([&](Tx& tx) {
      const auto c = tx.customer(*id);
      Json j = to_json(c);
      const auto b = tx.balance(c.id);
      j["receivable"] = b.receivable.str();
      j["unapplied"] = b.unapplied.str();
      j["balance"] = b.balance().str();
      Json items = Json::array();
      const auto today = ctx.today();
      tx.open_items(
          [&](const OpenItem& it) {
            items.push_back(
                {{"id", it.id},
                 {"kind", to_string(it.kind)},
                 {"issued", format_date(it.issued)},
                 {"due", format_date(it.due)},
                 {"open", (is_debit(it.kind) ? it.open : -it.open).str()},
                 {"days_past_due", std::max<std::int64_t>(0, days_between(it.due, today))}});
            return true;
          },
          std::string_view(c.id));
      j["open_items"] = items;
      // A parent's children (group account): a scan of the customers.
      Json children = Json::array();
      tx.for_each_customer([&](const Customer& other) {
        const auto p = other.attrs.find(kParentAttr);
        if (p != other.attrs.end() && p->second == c.id) children.push_back(other.id);
        return true;
      });
      j["children"] = children;
      if (auto* details = ctx.service<CustomerDetails>()) details->add(tx, c, today, j);
      return j;
    });
    ctx.print(r);
  });
}

void edit_command(CLI::App& group, Context& ctx) {
  auto o = std::make_shared<EditOptions>();
  auto* cmd = group.add_subcommand("edit", "Change a customer's details");
  cmd->add_option("id", o->id, "Customer id")->required();
  cmd->add_option("--name", o->name, "Name");
  cmd->add_option("--currency", o->currency, "Billing currency (only with no documents)");
  cmd->add_option("--terms", o->terms, "Payment terms");
  cmd->add_option("--credit-limit", o->limit, "Credit limit");
  cmd->add_flag("--no-credit-limit", o->no_limit, "Remove the credit limit");
  cmd->add_option("--email", o->email, "Contact e-mail");
  cmd->add_option("--status", o->status, "active or inactive")
      ->check(CLI::IsMember({"active", "inactive"}));
  cmd->add_option("--parent", o->parent,
                  "Parent customer (group account): its receipts may pay this one's invoices");
  cmd->add_flag("--no-parent", o->no_parent, "Leave the group: remove the parent");
  cmd->add_option("--attr", o->attrs, "Set attribute NAME=VALUE (repeatable)");
  cmd->add_option("--unset-attr", o->unset_attrs, "Remove attribute NAME (repeatable)");
  mutating(
      cmd, ctx,
      [o] {
        if (o->limit && o->no_limit) fail_usage("--credit-limit and --no-credit-limit conflict");
        if (o->parent && o->no_parent) fail_usage("--parent and --no-parent conflict");
      },
      [o](Tx& tx) {
        auto c = tx.customer(o->id);
        if (o->name) c.name = *o->name;
        if (o->currency) {
          const auto to = for_option("--currency", [&] { return Currency::parse(*o->currency); });
          // The limit keeps its amount, not its minor units (50000.00 USD is
          // 50000 JPY); a new --credit-limit below replaces it anyway.
          if (c.credit_limit && !o->limit && !o->no_limit) {
            const auto text = c.credit_limit->str();
            // The shortest form: 50000.00 is 50000, which JPY can write.
            auto shortest = text;
            if (shortest.find('.') != std::string::npos) {
              shortest.erase(shortest.find_last_not_of('0') + 1);
              if (shortest.back() == '.') shortest.pop_back();
            }
            try {
              c.credit_limit = Money::parse(shortest, to);
            } catch (const Error&) {
              fail(ErrorKind::kConflict,
                   "the credit limit " + text + " cannot be written in " + std::string(to.code()) +
                       "; give a new --credit-limit with --currency",
                   {"", 0, "--currency"});
            }
          }
          c.currency = to;
        }
        if (o->terms) c.terms = *o->terms;
        if (o->limit)
          c.credit_limit =
              for_option("--credit-limit", [&] { return Money::parse(*o->limit, c.currency); });
        if (o->no_limit) c.credit_limit.reset();
        if (o->email) c.email = *o->email;
        if (o->status) c.status = parse_customer_status(*o->status);
        parse_attrs(o->attrs, c.attrs);
        for (const auto& a : o->unset_attrs)
          c.attrs.erase(a);
        if (o->parent) c.attrs[kParentAttr] = *o->parent;
        if (o->no_parent) c.attrs.erase(kParentAttr);
        tx.update_customer(c);
        return Report::line(to_json(c), "Updated customer " + o->id);
      });
}

void import_command(CLI::App& group, Context& ctx) {
  auto o = std::make_shared<ImportOptions>();
  auto* cmd = group.add_subcommand(
      "import", "Import customers from CSV (header row) or JSON lines; all or nothing");
  cmd->add_option("file", o->file, "File to read, or - for standard input")->required();
  cmd->add_option("--format", o->format, "Input format: csv or jsonl (default: from the name)")
      ->check(CLI::IsMember({"csv", "jsonl"}));
  cmd->footer(
      "Columns: id, name (required); currency, terms, credit_limit, email, status; parent (the "
      "parent customer of a group account, may be defined later in the file); collector (the "
      "collector's name); attr.NAME for free attributes.");
  ctx.add_dry_run(cmd);
  cmd->callback([&ctx, o] {
    Input in(o->file);
    auto& ledger = ctx.ledger();
    const auto cur = ledger.read([&](Tx& tx) { return default_currency(tx); });
    // Parents first: a row may name a parent defined later in the file.
    const auto rows = parents_first(read_customers(in, o->format, cur), in.name());
    std::uint64_t created = 0, unchanged = 0;
    ledger.write([&](Tx& tx) {
      created = unchanged = 0;
      Context::Progress progress(ctx, "customers", rows.size());
      for (const auto& row : rows) {
        // A refusal for a customer already in the ledger is about its id
        // (other content under the same id); otherwise the message says what.
        const bool exists = tx.find_customer(row.customer.id).has_value();
        try {
          (tx.add_customer(row.customer) == Outcome::kCreated ? created : unchanged)++;
        } catch (const Error& e) {
          throw e.located({in.name(), row.line, exists ? "id" : ""});
        }
        progress.tick();
      }
    });
    Json r;
    r["file"] = in.name();
    r["rows"] = rows.size();
    r["created"] = created;
    r["unchanged"] = unchanged;
    r["dry_run"] = ctx.options().dry_run;
    ctx.report(r, std::to_string(rows.size()) + " rows: " + std::to_string(created) + " added, " +
                      std::to_string(unchanged) + " already present" +
                      (ctx.options().dry_run ? " (dry run, nothing written)" : ""));
  });
}

}  // namespace

void register_customer(CLI::App& app, Context& ctx) {
  add_group(app, "customer", "Add, list, show, edit and import customers", ctx,
            {add_command, list_command, show_command, edit_command, import_command});
}

}  // namespace arctl::cli
