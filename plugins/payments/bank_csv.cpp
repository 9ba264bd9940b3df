// Bank statement CSV reader: one credit per row of the documented layout,
// every error located at file, line and column.
#include <algorithm>
#include <iterator>
#include <map>
#include <string_view>

#include "arctl/csv.hpp"
#include "arctl/text.hpp"
#include "bank.hpp"

namespace arctl::payments {
namespace {

constexpr std::string_view kRequired[] = {"entry_ref", "date", "amount"};
constexpr std::string_view kKnown[] = {"entry_ref",  "date",      "amount", "currency",
                                       "value_date", "reference", "payer",  "account",
                                       "method",     "check_no",  "reason"};
constexpr std::string_view kMethods[] = {"wire", "ach", "check", "card", "cash"};

class Row {
 public:
  Row(const CsvHeader& header, const CsvRecord& record, const std::string& source)
      : header_(header), record_(record), source_(source) {}

  std::string_view raw(std::string_view column) const { return header_.get(record_, column); }
  std::string text(std::string_view column) const { return text::fold_whitespace(raw(column)); }
  Location at(std::string_view column) const {
    return {source_, record_.line, std::string(column)};
  }

  template <typename F>
  auto parse(std::string_view column, F&& fn) const {
    try {
      return fn(text::fold_whitespace(raw(column)));
    } catch (const Error& e) {
      throw e.located(at(column));
    }
  }

 private:
  const CsvHeader& header_;
  const CsvRecord& record_;
  const std::string& source_;
};

BankCredit read_row(const Row& row, const Currency& default_currency) {
  BankCredit c;
  c.entry_ref = row.text("entry_ref");
  if (c.entry_ref.empty()) fail_conflict("the entry reference is empty", row.at("entry_ref"));
  c.booked = row.parse("date", [](const std::string& t) { return parse_date(t); });
  const auto currency = row.parse("currency", [&](const std::string& t) {
    return t.empty() ? default_currency : Currency::parse(t);
  });
  c.amount = row.parse("amount", [&](const std::string& t) { return Money::parse(t, currency); });
  if (!c.amount.is_positive())
    fail_conflict("amount " + c.amount.str() +
                      " is not a credit: only positive amounts belong in a bank credit file",
                  row.at("amount"));
  const auto value = row.text("value_date");
  if (!value.empty())
    c.value_date = row.parse("value_date", [](const std::string& t) { return parse_date(t); });
  c.remittance = row.text("reference");
  c.debtor = row.text("payer");
  c.account = row.text("account");
  c.method = row.text("method");
  if (!c.method.empty() &&
      std::find(std::begin(kMethods), std::end(kMethods), c.method) == std::end(kMethods))
    fail_conflict("unknown method '" + c.method + "' (wire, ach, check, card, cash)",
                  row.at("method"));
  c.check_no = row.text("check_no");
  c.reason = row.text("reason");
  return c;
}

}  // namespace

std::vector<BankCredit> read_bank_csv(Input& in, const Currency& default_currency) {
  CsvReader reader(in.stream(), in.name());
  const auto first = reader.next();
  if (!first) fail_conflict("empty file: expected a header row", {in.name(), 1, {}});
  const CsvHeader header(*first, in.name(), {std::begin(kRequired), std::end(kRequired)},
                         {std::begin(kKnown), std::end(kKnown)});

  std::vector<BankCredit> credits;
  std::map<std::string, std::uint64_t> seen;
  while (const auto record = header.next(reader)) {
    auto c = read_row(Row(header, *record, in.name()), default_currency);
    c.where = {in.name(), record->line, {}};
    // Two rows under one reference would be imported as one: refuse that.
    if (const auto [it, fresh] = seen.emplace(c.entry_ref, record->line); !fresh)
      fail_conflict("entry reference '" + c.entry_ref + "' is also used on line " +
                        std::to_string(it->second),
                    {in.name(), record->line, "entry_ref"});
    credits.push_back(std::move(c));
  }
  return credits;
}

}  // namespace arctl::payments
