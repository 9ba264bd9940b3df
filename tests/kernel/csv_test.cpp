// The strict CSV reader: RFC 4180 quoting, line ends, BOM, and errors that
// name the physical line and field; header mapping; output escaping.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "arctl/csv.hpp"
#include "arctl/error.hpp"

namespace arctl {
namespace {

using Rows = std::vector<std::vector<std::string>>;

std::vector<CsvRecord> read_all(const std::string& text, CsvOptions options = {}) {
  std::istringstream in(text);
  CsvReader reader(in, "in.csv", options);
  std::vector<CsvRecord> out;
  while (auto r = reader.next())
    out.push_back(std::move(*r));
  return out;
}

Rows rows(const std::vector<CsvRecord>& records) {
  Rows out;
  for (const auto& r : records)
    out.push_back(r.fields);
  return out;
}

// Reads `text` to the end, expecting a conflict at `line` in `field` whose
// message contains `fragment`.
void expect_error(const std::string& text, std::uint64_t line, const std::string& field,
                  const std::string& fragment, CsvOptions options = {}) {
  try {
    read_all(text, options);
    FAIL("expected an error: " << fragment);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kConflict);
    CHECK(e.where().file == "in.csv");
    CHECK(e.where().line == line);
    CHECK(e.where().field == field);
    CHECK_MESSAGE(std::string(e.what()).find(fragment) != std::string::npos, e.what());
  }
}

CsvRecord record(std::uint64_t line, std::vector<std::string> fields) {
  return CsvRecord{line, std::move(fields)};
}

}  // namespace

TEST_CASE("plain records split on the delimiter and keep empty fields") {
  const auto records = read_all("a,b,c\n1,,3\n,,\n");
  CHECK(rows(records) == Rows{{"a", "b", "c"}, {"1", "", "3"}, {"", "", ""}});
  CHECK(records[0].line == 1);
  CHECK(records[2].line == 3);
}

TEST_CASE("quoted fields hold delimiters, doubled quotes and newlines") {
  const auto records =
      read_all("id,note\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\"\"\n");
  CHECK(rows(records) ==
        Rows{{"id", "note"}, {"1", "a, b"}, {"2", "say \"hi\""}, {"3", "two\nlines"}, {"4", ""}});
  CHECK(records[3].line == 4);
  CHECK(records[4].line == 6);  // the embedded newline counts as a physical line
}

TEST_CASE("CRLF and LF line ends both work, with or without a final line end") {
  CHECK(rows(read_all("a,b\r\n1,2\r\n")) == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(rows(read_all("a,b\n1,2")) == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(rows(read_all("a,\"b\"\r\n\"1\",2")) == Rows{{"a", "b"}, {"1", "2"}});
  CHECK(rows(read_all("\"x\r\ny\"\r\n")) == Rows{{"x\r\ny"}});
}

TEST_CASE("blank lines are skipped and records keep their own line numbers") {
  const auto records = read_all("\n\na\r\n\r\n\nb\n\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].line == 3);
  CHECK(records[1].line == 6);
  CHECK(read_all("").empty());
  CHECK(read_all("\n\r\n").empty());
}

TEST_CASE("a UTF-8 BOM is skipped only at the very start") {
  CHECK(rows(read_all("\xef\xbb\xbf"
                      "a,b\n")) == Rows{{"a", "b"}});
  CHECK(read_all("\xef\xbb\xbf").empty());
  // U+FEFF later on is ordinary text.
  CHECK(rows(read_all("a\n\xef\xbb\xbf"
                      "b\n")) == Rows{{"a"},
                                      {"\xef\xbb\xbf"
                                       "b"}});
  // Bytes that start like a BOM but are not one belong to the first field.
  CHECK(rows(read_all("\xef\xbb\x80x\n")) == Rows{{"\xef\xbb\x80x"}});
  CHECK(rows(read_all("\xef\xbf\xbdx\n")) == Rows{{"\xef\xbf\xbdx"}});
}

TEST_CASE("valid multi-byte UTF-8 passes through unchanged") {
  const std::string text = "caf\xc3\xa9,\xe2\x82\xac,\xf0\x9f\x98\x80\n";
  CHECK(rows(read_all(text)) == Rows{{"caf\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80"}});
}

TEST_CASE("a tab delimiter reads TSV") {
  CsvOptions tsv;
  tsv.delimiter = '\t';
  CHECK(rows(read_all("a\tb,c\n\"x\ty\"\t2\n", tsv)) == Rows{{"a", "b,c"}, {"x\ty", "2"}});
}

TEST_CASE("a quote inside an unquoted field is refused at its line") {
  expect_error("a,b\n1,x\"y\n", 2, "field 2", "quote inside an unquoted field");
  expect_error("a, \"b\"\n", 1, "field 2", "quote inside an unquoted field");
}

TEST_CASE("text after a closing quote is refused") {
  expect_error("a,b\n\"x\"y,2\n", 2, "field 1", "after a closing quote");
  expect_error("\"multi\nline\" ,2\n", 2, "field 1", "after a closing quote");
}

TEST_CASE("an unterminated quote is refused naming the line it started on") {
  expect_error("a,b\n1,\"open\nstill open\n\nend", 2, "field 2",
               "unterminated quoted field starting at line 2");
}

TEST_CASE("NUL bytes are refused") {
  expect_error(std::string("a,b\nc,d\0e\n", 10), 2, "field 2", "NUL");
}

TEST_CASE("invalid UTF-8 is refused") {
  expect_error("ok\nx,\xc3(\n", 2, "field 2", "UTF-8");       // missing continuation
  expect_error("\xc0\xaf\n", 1, "field 1", "UTF-8");          // overlong '/'
  expect_error("\xe0\x80\xaf\n", 1, "field 1", "UTF-8");      // overlong 3-byte
  expect_error("\xf0\x80\x80\xaf\n", 1, "field 1", "UTF-8");  // overlong 4-byte
  expect_error("\xed\xa0\x80\n", 1, "field 1", "UTF-8");      // surrogate U+D800
  expect_error("\xf4\x90\x80\x80\n", 1, "field 1", "UTF-8");  // above U+10FFFF
  expect_error("\xf5\n", 1, "field 1", "UTF-8");              // never a lead byte
  expect_error("a\n\x80\n", 2, "field 1", "UTF-8");           // stray continuation
  expect_error("a,\xe2\x82", 1, "field 2", "UTF-8");          // cut off at end of input
  expect_error("\"a\n\xe2\x82\"\n", 2, "field 1", "UTF-8");   // cut off by the quote
}

TEST_CASE("a field over the size limit is refused") {
  CsvOptions small;
  small.max_field_bytes = 4;
  CHECK(rows(read_all("abcd,\"wxyz\"\n", small)) == Rows{{"abcd", "wxyz"}});
  expect_error("ok\nabcd,abcde\n", 2, "field 2", "longer than 4 bytes", small);
  expect_error("\"ab\ncde\"\n", 2, "field 1", "longer than 4 bytes", small);
}

TEST_CASE("a bare carriage return is refused") {
  expect_error("a\rb\n", 1, "field 1", "carriage return");
}

TEST_CASE("the header maps columns by trimmed name") {
  const auto header = record(1, {"id", " name ", "amount"});
  CsvHeader h(header, "in.csv", {"id", "amount"}, {"id", "name", "amount", "note"});
  CHECK(h.size() == 3);
  CHECK(h.has("name"));
  CHECK_FALSE(h.has("note"));
  const auto row = record(2, {"7", "Acme", "12.50"});
  CHECK(h.get(row, "name") == "Acme");
  CHECK(h.get(row, "amount") == "12.50");
  CHECK(h.get(row, "note").empty());
}

TEST_CASE("the header refuses duplicate, unknown and missing columns") {
  auto error_of = [](const CsvRecord& header, const std::vector<std::string_view>& required,
                     const std::vector<std::string_view>& known) -> Error {
    try {
      CsvHeader h(header, "in.csv", required, known);
    } catch (const Error& e) {
      return e;
    }
    FAIL("expected an error");
    return Error(ErrorKind::kError, "");
  };
  const std::vector<std::string_view> known{"id", "name", "amount"};

  const auto dup = error_of(record(1, {"id", "name", "id "}), {}, known);
  CHECK(dup.kind() == ErrorKind::kConflict);
  CHECK(std::string(dup.what()).find("duplicate column 'id'") != std::string::npos);
  CHECK(dup.where().field == "field 3");

  const auto unknown = error_of(record(1, {"id", "nmae", "amont"}), {}, known);
  CHECK(unknown.kind() == ErrorKind::kConflict);
  const std::string unknown_text = unknown.what();
  CHECK(unknown_text.find("'nmae'") != std::string::npos);
  CHECK(unknown_text.find("'amont'") != std::string::npos);
  CHECK(unknown_text.find("id, name, amount") != std::string::npos);

  const auto missing = error_of(record(1, {"name"}), {"id", "amount"}, known);
  CHECK(missing.kind() == ErrorKind::kConflict);
  const std::string missing_text = missing.what();
  CHECK(missing_text.find("'id'") != std::string::npos);
  CHECK(missing_text.find("'amount'") != std::string::npos);
  CHECK(missing.where().line == 1);
}

TEST_CASE("a record with the wrong number of fields is refused naming its line") {
  const CsvHeader h(record(1, {"a", "b", "c", "d"}), "in.csv", {}, {});
  try {
    (void)h.get(record(5, {"1", "2", "3"}), "a");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kConflict);
    CHECK(e.where().file == "in.csv");
    CHECK(e.where().line == 5);
    CHECK(std::string(e.what()).find("expected 4 fields, found 3") != std::string::npos);
  }
}

TEST_CASE("records read from a file feed the header") {
  std::istringstream in("customer,amount\nACME,\"1,234.00\"\n");
  CsvReader reader(in, "in.csv");
  const auto header_row = reader.next();
  REQUIRE(header_row);
  const CsvHeader h(*header_row, reader.source(), {"customer", "amount"}, {"customer", "amount"});
  const auto row = reader.next();
  REQUIRE(row);
  CHECK(h.get(*row, "amount") == "1,234.00");
  CHECK_FALSE(reader.next());
}

TEST_CASE("csv_escape quotes only when needed and neutralises formulas on request") {
  CHECK(csv_escape("plain", ',', false) == "plain");
  CHECK(csv_escape("a,b", ',', false) == "\"a,b\"");
  CHECK(csv_escape("say \"hi\"", ',', false) == "\"say \"\"hi\"\"\"");
  CHECK(csv_escape("two\nlines", ',', false) == "\"two\nlines\"");
  CHECK(csv_escape("a,b", '\t', false) == "a,b");
  CHECK(csv_escape("a\tb", '\t', false) == "\"a\tb\"");
  CHECK(csv_escape("=SUM(A1)", ',', true) == "'=SUM(A1)");
  CHECK(csv_escape("-12.00", ',', false) == "-12.00");
  CHECK(csv_escape("@user", ',', true) == "'@user");
  CHECK(csv_escape("+1", ',', true) == "'+1");
  CHECK(csv_escape("\rx", ',', true) == "\"'\rx\"");
  CHECK(csv_escape("", ',', true).empty());
  // What csv_escape writes, the reader reads back.
  const std::string tricky = "=a,\"b\"\nc";
  CHECK(rows(read_all(csv_escape(tricky, ',', false) + "\n")) == Rows{{tricky}});
}

}  // namespace arctl
