// A customer's statement of account for a period: opening balance, every
// document and application in the period with a running balance, closing
// balance, an aging summary and the open items, from the documents of the
// customer and, for a group account's parent, of its descendants (the
// (customer, date) index; never the whole ledger).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/ledger.hpp"
#include "report_parts.hpp"

namespace arctl::statements {

// Who sends the statement: printed at its head and on the remittance slip.
// Unset, the company and address fall back to company.name and
// company.address, the remit-to line to the company.
inline constexpr std::string_view kCompanyKey = "statements.company";
inline constexpr std::string_view kAddressKey = "statements.address";
inline constexpr std::string_view kRemitToKey = "statements.remit_to";
inline constexpr std::size_t kMaxSenderLength = 100;

// config.set: refuses (exit 2) a blank sender setting, one with a line break
// or control character, or one too long to fit the PDF's width.
void validate_sender_config(std::string_view key, std::string_view value);

struct StatementLine {
  Date date{};
  std::string customer;  // whose document the line is listed from
  std::string type;      // document kind, or "applied" / "unapplied" for applications
  std::string document;
  std::string reference;
  std::string due;  // ISO date for debit documents, else ""
  std::int64_t debit = 0, credit = 0, balance = 0;
  std::string detail;
};

struct StatementOpenItem {
  std::string document, type, issued, due;
  std::int64_t amount = 0, open = 0;  // open is negative for credits
  std::int64_t days_past_due = 0;
};

struct Statement {
  Customer customer;
  std::vector<std::string> members;  // the customer, then its descendants when a group
  Date from{}, to{};
  Currency currency;
  std::int64_t opening = 0, debits = 0, credits = 0, closing = 0;
  std::vector<StatementLine> lines;
  std::vector<std::string> bucket_labels;
  std::vector<std::int64_t> aging;  // as of `to`, due-date basis; the last is credits
  std::vector<StatementOpenItem> open_items;
  std::string company_name, company_address, remit_to;
};

// With `group`, the customer's descendants' documents too (a group
// statement: lines name their customer, the closing balance is the group's).
// Applications are listed from the credit's side, or from the debit's when
// the credit is not on the statement. One that crosses the statement's edge
// (a parent's receipt on a child's invoice, on either one's own statement)
// is a debit line for the credit's customer and a credit line for the
// debit's, so that the closing balance is the customer's balance. Cost: one
// range scan per member, two gets per application; `group` adds a scan of
// the customers.
Statement build_statement(Tx& tx, const std::string& customer, Date from, Date to,
                          const Buckets& buckets, bool group = true);

// The whole statement as one record (nested lines[], aging[], open_items[]).
Json statement_json(const Statement& s);
// The lines as flat rows, with opening and closing rows, for csv/tsv/jsonl/table.
Json statement_rows(const Statement& s);

}  // namespace arctl::statements
