// `arctl invoice import`: one row per invoice line (rows sharing an id are
// one invoice), CSV or JSON lines, validated first, then posted in one
// transaction; re-importing the same file changes nothing.
#include <CLI/CLI.hpp>
#include <unordered_map>
#include <utility>

#include "arctl/csv.hpp"
#include "arctl/error.hpp"
#include "arctl/input.hpp"
#include "arctl/text.hpp"
#include "commands.hpp"
#include "lines.hpp"

namespace arctl::invoicing {
namespace {

constexpr std::string_view kHeaderColumns[] = {"id",    "customer", "date", "due",
                                               "terms", "currency", "po",   "memo"};
constexpr std::string_view kLineColumns[] = {"description", "quantity", "unit_price",
                                             "tax_rate",    "amount",   "account"};

// Where each line of an invoice came from, so that an error found while
// posting (the customer's currency is known only then) names its row.
struct Source {
  std::uint64_t line = 0;
  std::string amount;  // the `amount` column, when the line was given that way
};

struct Pending {
  std::uint64_t line = 0;  // first line of the invoice
  InvoiceInput in;
  std::vector<Source> sources;  // one per line of `in`
};

using Row = std::unordered_map<std::string, std::string>;

std::string get(const Row& row, const char* key) {
  auto it = row.find(key);
  return it == row.end() ? std::string() : it->second;
}

LineSpec line_of(const Row& row, const Location& where) {
  LineSpec s{get(row, "description"), get(row, "quantity"), get(row, "unit_price"),
             get(row, "tax_rate"), get(row, "account")};
  const auto amount = get(row, "amount");
  if (!amount.empty()) {
    if (!s.quantity.empty() || !s.unit_price.empty())
      fail(ErrorKind::kConflict, "give either amount or quantity and unit_price",
           {where.file, where.line, "amount"});
    s.quantity = "1";
    s.unit_price = amount;
    if (s.description.empty()) s.description = "Invoice";
  }
  for (const char* f : {"quantity", "unit_price"})
    if ((std::string_view(f) == "quantity" ? s.quantity : s.unit_price).empty())
      fail(ErrorKind::kConflict, "missing (or give amount)", {where.file, where.line, f});
  // The numbers' syntax does not depend on the currency: check it here, at
  // the row and column it came from.
  auto decimal = [&](const std::string& text, const char* column, bool percent) {
    try {
      percent ? Decimal::parse_percent(text) : Decimal::parse(text);
    } catch (const Error& e) {
      fail(ErrorKind::kConflict, e.what(), {where.file, where.line, column});
    }
  };
  decimal(s.quantity, "quantity", false);
  decimal(s.unit_price, amount.empty() ? "unit_price" : "amount", false);
  if (!s.tax_rate.empty()) decimal(s.tax_rate, "tax_rate", true);
  return s;
}

class Collector {
 public:
  explicit Collector(std::string source) : source_(std::move(source)) {}

  void add(const Row& row, std::uint64_t line) {
    const Location where{source_, line, {}};
    // JSON escapes (\u0000) and quoted CSV fields can carry control
    // characters that the ledger refuses; refuse them here, naming the field.
    for (const auto& [column, value] : row)
      if (text::has_control(value, "\t"))
        fail(ErrorKind::kConflict, "contains a control character", {source_, line, column});
    const auto id = get(row, "id");
    if (id.empty()) fail(ErrorKind::kConflict, "missing", {source_, line, "id"});
    InvoiceInput head;
    head.id = id;
    head.customer = get(row, "customer");
    if (head.customer.empty()) fail(ErrorKind::kConflict, "missing", {source_, line, "customer"});
    try {
      head.date = parse_date(get(row, "date"));
    } catch (const Error& e) {
      fail(ErrorKind::kConflict, e.what(), {source_, line, "date"});
    }
    if (const auto due = get(row, "due"); !due.empty()) {
      try {
        head.due = parse_date(due);
      } catch (const Error& e) {
        fail(ErrorKind::kConflict, e.what(), {source_, line, "due"});
      }
    }
    head.terms = get(row, "terms");
    head.currency = get(row, "currency");
    if (!head.currency.empty()) {
      try {
        Currency::parse(head.currency);
      } catch (const Error& e) {
        fail(ErrorKind::kConflict, e.what(), {source_, line, "currency"});
      }
    }
    head.po = get(row, "po");
    head.memo = get(row, "memo");
    auto spec = line_of(row, where);
    auto [it, fresh] = index_.try_emplace(id, pending_.size());
    if (fresh) {
      pending_.push_back({line, std::move(head), {}});
    } else {
      // The rows of one invoice must agree on its header; the first field
      // that differs from the invoice's first row is the error.
      const auto& first = pending_[it->second].in;
      const std::pair<const char*, bool> same[] = {
          {"customer", first.customer == head.customer},
          {"date", first.date == head.date},
          {"due", first.due == head.due},
          {"terms", first.terms == head.terms},
          {"currency", first.currency == head.currency},
          {"po", first.po == head.po},
          {"memo", first.memo == head.memo},
      };
      for (const auto& [field, equal] : same)
        if (!equal)
          fail(ErrorKind::kConflict,
               "differs from line " + std::to_string(pending_[it->second].line) + " of invoice " +
                   id,
               {source_, line, field});
    }
    pending_[it->second].in.lines.push_back(std::move(spec));
    pending_[it->second].sources.push_back({line, get(row, "amount")});
  }

  std::vector<Pending>& pending() { return pending_; }

 private:
  std::string source_;
  std::vector<Pending> pending_;
  std::unordered_map<std::string, std::size_t> index_;
};

std::vector<Pending> read_csv(Input& in) {
  CsvReader reader(in.stream(), in.name());
  Collector out(in.name());
  auto header_rec = reader.next();
  // Not even a header row: more likely the wrong file than nothing to import.
  if (!header_rec) fail_conflict("empty file: expected a header row", {in.name(), 1, {}});
  std::vector<std::string_view> known(std::begin(kHeaderColumns), std::end(kHeaderColumns));
  known.insert(known.end(), std::begin(kLineColumns), std::end(kLineColumns));
  CsvHeader header(*header_rec, in.name(), {"id", "customer", "date"}, known);
  while (auto rec = header.next(reader)) {
    Row row;
    for (auto col : known)
      if (header.has(col)) row.emplace(std::string(col), std::string(header.get(*rec, col)));
    out.add(row, rec->line);
  }
  return std::move(out.pending());
}

std::vector<Pending> read_json_lines(Input& in) {
  Collector out(in.name());
  read_jsonl(in, [&](const Json& obj, std::uint64_t line) {
    Row row;
    std::vector<Row> nested;
    for (const auto& [key, value] : obj.items()) {
      if (key == "lines") {
        if (!value.is_array())
          fail(ErrorKind::kConflict, "must be an array", {in.name(), line, "lines"});
        for (const auto& l : value) {
          if (!l.is_object())
            fail(ErrorKind::kConflict, "each line must be an object", {in.name(), line, "lines"});
          Row lr;
          for (const auto& [k, v] : l.items())
            lr[k] = json_text(l, k.c_str(), in.name(), line);
          nested.push_back(std::move(lr));
        }
        continue;
      }
      row[key] = json_text(obj, key.c_str(), in.name(), line);
    }
    if (nested.empty()) {
      out.add(row, line);
      return;
    }
    for (auto& lr : nested) {
      lr.insert(row.begin(), row.end());
      out.add(lr, line);
    }
  });
  return std::move(out.pending());
}

// Checks what needs the customer's currency, row by row: an amount must fit
// its minor unit (10.001 USD is refused, not rounded) and no line may
// overflow; an unknown customer is named as the field it came from.
void check_lines(Tx& tx, const Pending& p, const std::string& source) {
  Currency currency;
  try {
    currency = tx.customer(p.in.customer).currency;
  } catch (const Error& e) {
    throw e.located({source, p.line, "customer"});
  }
  if (!p.in.currency.empty() && !(Currency::parse(p.in.currency) == currency))
    fail(ErrorKind::kConflict,
         "customer '" + p.in.customer + "' is billed in " + std::string(currency.code()) +
             ", not " + p.in.currency,
         {source, p.line, "currency"});
  Money total = Money::zero(currency);
  for (std::size_t i = 0; i < p.in.lines.size(); ++i) {
    const auto& spec = p.in.lines[i];
    const auto& from = p.sources[i];
    const char* value_column = from.amount.empty() ? "unit_price" : "amount";
    try {
      if (!from.amount.empty()) Money::parse(from.amount, currency);
      const auto line =
          make_line(spec.description, spec.quantity, spec.unit_price, spec.tax_rate, currency);
      total += line.net;
      total += line.tax;
    } catch (const Error& e) {
      throw e.located({source, from.line, value_column});
    }
  }
  if (!total.is_positive())
    fail(
        ErrorKind::kConflict,
        "invoice " + p.in.id + " totals " + total.str() + "; it must be positive",
        {source, p.sources.back().line, p.sources.back().amount.empty() ? "unit_price" : "amount"});
}

}  // namespace

void register_import(CLI::App& group, Context& ctx, Invoicing& inv) {
  struct Opts {
    std::string file, format;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand(
      "import", "Import invoices (one row per line, grouped by id); all or nothing, idempotent");
  cmd->add_option("file", o->file, "CSV or JSON lines file, or - for standard input")->required();
  cmd->add_option("--format", o->format, "Input format: csv or jsonl (default: from the name)")
      ->check(CLI::IsMember({"csv", "jsonl"}));
  ctx.add_dry_run(cmd);
  cmd->callback([&ctx, &inv, o] {
    Input in(o->file);
    ctx.ledger();  // a missing ledger is said before a long file is read
    auto pending =
        input_format(in, o->format) == InputFormat::kJsonl ? read_json_lines(in) : read_csv(in);
    std::uint64_t created = 0, unchanged = 0;
    ctx.ledger().write([&](Tx& tx) {
      created = unchanged = 0;
      Context::Progress progress(ctx, "invoices", pending.size());
      for (const auto& p : pending) {
        check_lines(tx, p, in.name());
        const bool exists = tx.find_document(p.in.id).has_value();
        try {
          (inv.create(tx, p.in).outcome == Outcome::kCreated ? created : unchanged)++;
        } catch (const Error& e) {
          // What is left is about the invoice as a whole; an id already in
          // the ledger with other content is a conflict on the id.
          const bool on_id = exists && e.kind() == ErrorKind::kConflict && e.where().field.empty();
          throw e.located({in.name(), p.line, on_id ? "id" : ""});
        }
        progress.tick();
      }
    });
    Json r;
    r["file"] = in.name();
    r["invoices"] = pending.size();
    r["created"] = created;
    r["unchanged"] = unchanged;
    r["dry_run"] = ctx.options().dry_run;
    ctx.report(r, std::to_string(pending.size()) + " invoices: " + std::to_string(created) +
                      " added, " + std::to_string(unchanged) + " already present" +
                      (ctx.options().dry_run ? " (dry run, nothing written)" : ""));
  });
}

}  // namespace arctl::invoicing
