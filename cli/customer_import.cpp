// Customer import parsing: every field is validated here, before any write.
#include <algorithm>
#include <map>

#include "arctl/csv.hpp"
#include "arctl/error.hpp"
#include "arctl/terms.hpp"
#include "arctl/text.hpp"
#include "customer_io.hpp"

namespace arctl::cli {
namespace {

constexpr std::string_view kColumns[] = {"id",    "name",   "currency", "terms",    "credit_limit",
                                         "email", "status", "parent",   "collector"};

struct Field {
  std::string name;
  std::string value;
};

// JSON escapes (\u0000) and quoted CSV fields can carry control characters
// that the ledger refuses; refuse them here, where the field is known.
void check_no_controls(const std::string& value, const Location& where) {
  if (text::has_control(value, "\t"))
    fail(ErrorKind::kConflict, "contains a control character", where);
}

Customer build(const std::vector<Field>& fields, const Currency& default_currency,
               const Location& where) {
  Customer c;
  std::string limit;
  for (const auto& [name, value] : fields) {
    check_no_controls(value, {where.file, where.line, name});
    try {
      if (name == "id")
        c.id = value;
      else if (name == "name")
        c.name = value;
      else if (name == "currency")
        c.currency = value.empty() ? default_currency : Currency::parse(value);
      else if (name == "terms")
        c.terms = value.empty() ? "net30" : Terms::parse(value).text();
      else if (name == "credit_limit")
        limit = value;
      else if (name == "email")
        c.email = value;
      else if (name == "status")
        c.status = value.empty() ? CustomerStatus::kActive : parse_customer_status(value);
      else if ((name == "parent" || name == "collector") && !value.empty())
        c.attrs[name] = value;
      else if (name.rfind("attr.", 0) == 0 && !value.empty())
        c.attrs[std::string(name.substr(5))] = value;
    } catch (const Error& e) {
      throw Error(ErrorKind::kConflict, e.what(), {where.file, where.line, name});
    }
  }
  if (c.currency.empty()) c.currency = default_currency;
  if (c.id.empty())
    fail(ErrorKind::kConflict, "customer id is empty", {where.file, where.line, "id"});
  if (c.id.size() > 128)
    fail(ErrorKind::kConflict, "customer id is longer than 128 bytes",
         {where.file, where.line, "id"});
  if (c.name.empty())
    fail(ErrorKind::kConflict, "customer name is empty", {where.file, where.line, "name"});
  if (!limit.empty()) {
    try {
      c.credit_limit = Money::parse(limit, c.currency);
      if (c.credit_limit->is_negative()) fail_conflict("a credit limit cannot be negative");
    } catch (const Error& e) {
      throw Error(ErrorKind::kConflict, e.what(), {where.file, where.line, "credit_limit"});
    }
  }
  return c;
}

}  // namespace

std::vector<CustomerRow> read_customers(Input& in, std::string format,
                                        const Currency& default_currency) {
  std::vector<CustomerRow> rows;
  if (input_format(in, format) == InputFormat::kJsonl) {
    read_jsonl(in, [&](const Json& obj, std::uint64_t line) {
      std::vector<Field> fields;
      for (const auto& [key, value] : obj.items()) {
        if (!value.is_string() && !value.is_null())
          fail(ErrorKind::kConflict, "must be a string", {in.name(), line, key});
        const bool known =
            std::find(std::begin(kColumns), std::end(kColumns), key) != std::end(kColumns);
        if (!known && key.rfind("attr.", 0) != 0)
          fail(ErrorKind::kConflict, "unknown field", {in.name(), line, key});
        fields.push_back({key, value.is_null() ? "" : value.get<std::string>()});
      }
      rows.push_back({line, build(fields, default_currency, {in.name(), line, {}})});
    });
    return rows;
  }
  CsvReader reader(in.stream(), in.name());
  auto header_rec = reader.next();
  // Not even a header row: more likely the wrong file than nothing to import.
  if (!header_rec) fail_conflict("empty file: expected a header row", {in.name(), 1, {}});
  std::vector<std::string_view> known(std::begin(kColumns), std::end(kColumns));
  std::vector<std::string> attr_names;
  for (const auto& f : header_rec->fields)
    if (f.rfind("attr.", 0) == 0) attr_names.push_back(f);
  for (const auto& a : attr_names)
    known.push_back(a);
  CsvHeader header(*header_rec, in.name(), {"id", "name"}, known);
  while (auto rec = header.next(reader)) {
    std::vector<Field> fields;
    for (auto col : known)
      if (header.has(col)) fields.push_back({std::string(col), std::string(header.get(*rec, col))});
    rows.push_back({rec->line, build(fields, default_currency, {in.name(), rec->line, {}})});
  }
  return rows;
}

std::vector<CustomerRow> parents_first(std::vector<CustomerRow> rows, const std::string& file) {
  std::map<std::string, std::size_t> in_file;
  for (std::size_t i = 0; i < rows.size(); ++i)
    in_file.emplace(rows[i].customer.id, i);
  const auto parent = [&](const CustomerRow& r) {
    const auto it = r.customer.attrs.find("parent");
    return it == r.customer.attrs.end() ? std::string() : it->second;
  };
  std::vector<CustomerRow> out;
  std::vector<bool> placed(rows.size(), false);
  // Each pass places the rows whose parent is placed or not in the file; a
  // pass that places nothing leaves only loops.
  for (bool progress = true; out.size() < rows.size() && progress;) {
    progress = false;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (placed[i]) continue;
      const auto p = in_file.find(parent(rows[i]));
      if (p != in_file.end() && p->second != i && !placed[p->second]) continue;
      placed[i] = progress = true;
      out.push_back(rows[i]);
    }
  }
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (!placed[i])
      fail(ErrorKind::kConflict,
           "customer '" + rows[i].customer.id + "': parent '" + parent(rows[i]) +
               "' would make a loop within the file",
           {file, rows[i].line, "parent"});
  return out;
}

}  // namespace arctl::cli
