// Writing a command's result as an .xlsx workbook (Format::kXlsx); the rules
// of the typed cells are in xlsx.cpp.
#pragma once

#include <ctime>
#include <filesystem>
#include <iosfwd>
#include <string>

#include "arctl/output.hpp"

namespace arctl::detail {

struct XlsxOptions {
  std::string sheet;        // the first sheet's name (the command: "aging")
  std::string title;        // the document's title property
  std::time_t created = 0;  // its creation time (the business date: reproducible files)
};

// Writes `value` to `file`: a list of rows is one sheet; a record is one row
// of its scalars, then a sheet per nested list of rows. Errors: kError naming
// the file when it cannot be written (the partial file is removed).
void write_xlsx(const std::filesystem::path& file, const Json& value, const XlsxOptions& options);

// The same, as the workbook's bytes on `out` (written through a temporary
// file in TMPDIR, which is removed). Errors: kError when it cannot be written.
void write_xlsx_to(std::ostream& out, const Json& value, const XlsxOptions& options);

}  // namespace arctl::detail
