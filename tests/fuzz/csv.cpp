// Fuzz target for CsvReader and CsvHeader: malformed input ends in a located
// Error(kConflict), and whatever is accepted survives a round trip through
// csv_escape and back unchanged.
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/csv.hpp"
#include "arctl/error.hpp"
#include "fuzz_support.hpp"

namespace arctl::fuzz {
namespace {

constexpr char kDelimiters[] = {',', ';', '\t', '|'};

// Reads every record; nullopt when the reader refused the input.
std::optional<std::vector<CsvRecord>> read_all(const std::string& text, const CsvOptions& options,
                                               bool with_header) {
  std::istringstream in(text);
  CsvReader reader(in, "fuzz.csv", options);
  std::vector<CsvRecord> out;
  try {
    if (!with_header) {
      while (auto r = reader.next())
        out.push_back(std::move(*r));
      return out;
    }
    auto first = reader.next();
    if (!first) return out;
    const CsvHeader header(*first, "fuzz.csv", {}, {});
    out.push_back(*first);
    while (auto r = header.next(reader)) {
      for (std::size_t i = 0; i < header.size(); ++i) {
        try {
          header.get(*r, first->fields[i]);
        } catch (const Error& e) {
          require(r->fields.size() != header.size(), "get() refused a record of the right width");
        }
      }
      out.push_back(std::move(*r));
    }
    return out;
  } catch (const Error& e) {
    require(e.kind() == ErrorKind::kConflict, "CSV error kind", e.what());
    require(e.where().file == "fuzz.csv" && e.where().line >= 1, "CSV error not located",
            e.describe());
    return std::nullopt;
  }
}

std::string write_all(const std::vector<CsvRecord>& records, char delimiter) {
  // A leading BOM is skipped on reading, so a first field that starts with
  // one must not be the first thing in the file.
  std::string out = "\xEF\xBB\xBF";
  for (const auto& r : records) {
    // One empty field alone would be a blank line, which the reader skips.
    if (r.fields.size() == 1 && r.fields[0].empty()) {
      out += "\"\"\n";
      continue;
    }
    for (std::size_t i = 0; i < r.fields.size(); ++i) {
      if (i > 0) out += delimiter;
      out += csv_escape(r.fields[i], delimiter, false);
    }
    out += '\n';
  }
  return out;
}

}  // namespace
}  // namespace arctl::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arctl;
  if (size < 1) return 0;
  CsvOptions options;
  options.delimiter = fuzz::kDelimiters[data[0] & 3];
  if ((data[0] & 4) != 0) options.max_field_bytes = 16;
  const bool with_header = (data[0] & 8) != 0;
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);

  const auto records = fuzz::read_all(text, options, with_header);
  if (!records) return 0;
  std::uint64_t previous_line = 0;
  for (const auto& r : *records) {
    fuzz::require(r.line > previous_line, "record lines do not increase");
    fuzz::require(!r.fields.empty(), "record without fields");
    previous_line = r.line;
  }
  // Header mode may refuse duplicate or empty column names, so the round
  // trip is checked on the plain reading only.
  if (with_header) return 0;
  const auto again = fuzz::read_all(fuzz::write_all(*records, options.delimiter), options, false);
  fuzz::require(again.has_value(), "escaped records were refused");
  fuzz::require(again->size() == records->size(), "round trip changed the record count");
  for (std::size_t i = 0; i < records->size(); ++i)
    fuzz::require((*again)[i].fields == (*records)[i].fields, "round trip changed a record");
  return 0;
}
