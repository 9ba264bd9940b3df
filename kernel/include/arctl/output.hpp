// One renderer for every command: a command returns plain data as JSON values
// (a list of flat rows, or one record) and this module prints it as a table,
// JSON, JSON lines, CSV or TSV with the same escaping everywhere, or as an
// Excel workbook (xlsx) with typed cells.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "arctl/api.hpp"

namespace arctl {

class Money;

// Insertion-ordered JSON: field order in output is the order a command set it.
using Json = nlohmann::ordered_json;

enum class Format { kTable, kJson, kJsonl, kCsv, kTsv, kXlsx };

ARCTL_API Format parse_format(std::string_view name);  // throws Error(kUsage)
ARCTL_API const char* to_string(Format f) noexcept;

struct ARCTL_API RenderOptions {
  Format format = Format::kTable;
  bool color = false;
};

// Renders `value`:
// - an array of objects is a list: table rows, one JSON line each, CSV rows
//   under a header made of every key in first-seen order;
// - an object is one record: "key  value" lines in a table (nested arrays of
//   objects become indented sub-tables), one JSON line, one CSV row;
// - nested values in CSV/TSV cells are compact JSON;
// - xlsx writes the workbook's bytes (Context::print also names its sheet and
//   writes it to --out): a list is one sheet, a record one row with a sheet
//   per nested list; a plain decimal text ("1234.50") is a number cell with
//   the decimals it has, "YYYY-MM-DD" a date cell, and a row whose "row" is
//   "total" gets =SUM() formulas over the rows above it.
// Text cells in CSV/TSV that start with = + - @ are neutralised unless they
// are plain decimal numbers (amounts such as -12.00 stay numbers).
ARCTL_API void render(std::ostream& out, const Json& value, const RenderOptions& options);

// An amount in a row or record: `key` holds the amount as text ("1234.50") and
// the next field, "currency", its ISO 4217 code (the pair every row uses).
ARCTL_API void put_money(Json& row, std::string_view key, const Money& amount);

// Convenience for plain messages in table mode and {"message":...} otherwise.
ARCTL_API Json message_record(std::string_view text);

}  // namespace arctl
