// A strict RFC 4180 CSV reader that knows where it is: every error names the
// line (1-based, counting physical lines) and the field, and every record
// carries the line it started on.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "arctl/api.hpp"

namespace arctl {

struct ARCTL_API CsvRecord {
  std::uint64_t line = 0;  // physical line where the record starts
  std::vector<std::string> fields;
};

struct ARCTL_API CsvOptions {
  char delimiter = ',';
  std::size_t max_field_bytes = 1 << 20;  // a larger field is an error
};

// Reads records one at a time. Accepts LF and CRLF line ends, a UTF-8 BOM at
// the very start (skipped), quoted fields with "" escapes and embedded
// newlines. Rejects: a quote inside an unquoted field, text after a closing
// quote, an unterminated quote at end of input, NUL bytes, invalid UTF-8, and
// fields over max_field_bytes, with Error(kConflict) located at file:line.
class ARCTL_API CsvReader {
 public:
  CsvReader(std::istream& in, std::string source_name, CsvOptions options = {});
  // Next record, or nullopt at end of input. Blank lines are skipped.
  std::optional<CsvRecord> next();
  const std::string& source() const noexcept { return source_; }

 private:
  int get();
  int peek();
  std::istream& in_;
  std::string source_;
  CsvOptions options_;
  std::uint64_t line_ = 1;
  bool started_ = false;
};

// A header row mapped to column indexes, for reading records by column name.
class ARCTL_API CsvHeader {
 public:
  // `required` names must be present; `known` lists every accepted column, an
  // unknown column is an error (catches typos). Column names are trimmed and
  // compared case-sensitively.
  CsvHeader(const CsvRecord& header, const std::string& source,
            const std::vector<std::string_view>& required,
            const std::vector<std::string_view>& known);
  bool has(std::string_view column) const;
  // The field of `record` in `column`; empty when the column is absent.
  // Throws Error(kConflict) when the record has the wrong number of fields.
  std::string_view get(const CsvRecord& record, std::string_view column) const;
  std::size_t size() const noexcept { return names_.size(); }
  // reader.next(), with errors naming the column ("field 'name'") rather than
  // its position, so that a bad quote in a data row points at the column.
  std::optional<CsvRecord> next(CsvReader& reader) const;

 private:
  std::string source_;
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::size_t> index_;
};

// Writes one CSV/TSV field with quoting as needed. With `neutralise`, a text
// cell starting with = + - @ (or tab/CR) is prefixed with ' so spreadsheets do
// not evaluate it; numbers written by arctl itself are not neutralised.
ARCTL_API std::string csv_escape(std::string_view field, char delimiter, bool neutralise);

}  // namespace arctl
