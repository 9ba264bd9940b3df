// The shared renderer: table alignment, JSON and JSON lines shapes, and the
// CSV/TSV escaping every command relies on, including formula neutralisation.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "arctl/error.hpp"
#include "arctl/output.hpp"

using namespace arctl;

namespace {

std::string rendered(const Json& value, Format format, bool color = false) {
  std::ostringstream out;
  render(out, value, {format, color});
  return out.str();
}

Json invoices() {
  return Json::array({
      {{"id", "INV-1"}, {"customer", "Acme"}, {"amount", "1,234.56"}},
      {{"id", "INV-22"}, {"customer", "Bé"}, {"amount", "-5.00"}},
  });
}

}  // namespace

TEST_CASE("parse_format accepts the six formats and names them on error") {
  CHECK(parse_format("table") == Format::kTable);
  CHECK(parse_format("json") == Format::kJson);
  CHECK(parse_format("jsonl") == Format::kJsonl);
  CHECK(parse_format("csv") == Format::kCsv);
  CHECK(parse_format("tsv") == Format::kTsv);
  CHECK(parse_format("xlsx") == Format::kXlsx);
  CHECK(std::string(to_string(Format::kJsonl)) == "jsonl");
  try {
    parse_format("xml");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kUsage);
    const std::string msg = e.what();
    CHECK(msg.find("'xml'") != std::string::npos);
    CHECK(msg.find("table, json, jsonl, csv, tsv, xlsx") != std::string::npos);
  }
}

TEST_CASE("a table aligns columns and right-aligns amount columns") {
  CHECK(rendered(invoices(), Format::kTable) ==
        "id      customer    amount\n"
        "INV-1   Acme      1,234.56\n"
        "INV-22  Bé           -5.00\n");
}

TEST_CASE("a table right-aligns JSON numbers and fills missing cells with blanks") {
  const Json rows = Json::array({{{"name", "a"}, {"count", 5}}, {{"name", "bbb"}, {"note", "x"}}});
  CHECK(rendered(rows, Format::kTable) ==
        "name  count  note\n"
        "a         5\n"
        "bbb          x\n");
}

TEST_CASE("a table of an empty list prints nothing") {
  CHECK(rendered(Json::array(), Format::kTable).empty());
  CHECK(rendered(Json::array(), Format::kCsv).empty());
  CHECK(rendered(Json::array(), Format::kJsonl).empty());
  CHECK(rendered(Json::array(), Format::kJson) == "[]\n");
}

TEST_CASE("a record prints keys and values with nested lists as indented sub-tables") {
  const Json record = {
      {"id", "INV-1"},
      {"amount", "10.00"},
      {"lines", Json::array({{{"item", "a"}, {"qty", 2}}, {{"item", "bb"}, {"qty", 10}}})},
      {"tags", Json::array({"x", "y"})}};
  CHECK(rendered(record, Format::kTable) ==
        "id      INV-1\n"
        "amount  10.00\n"
        "lines:\n"
        "  item  qty\n"
        "  a       2\n"
        "  bb     10\n"
        "tags    x, y\n");
}

TEST_CASE("table cells keep to one line") {
  const Json rows = Json::array({{{"memo", "two\nlines\tand tab"}}});
  CHECK(rendered(rows, Format::kTable) ==
        "memo\n"
        "two lines and tab\n");
}

TEST_CASE("color makes table headers bold and never touches csv") {
  const std::string table = rendered(invoices(), Format::kTable, true);
  CHECK(table.rfind("\x1b[1mid      customer    amount\x1b[0m\n", 0) == 0);
  CHECK(rendered(invoices(), Format::kCsv, true).find('\x1b') == std::string::npos);
}

TEST_CASE("json is pretty-printed with two spaces and a trailing newline") {
  const Json value = {{"a", 1}, {"b", Json::array({"x"})}};
  CHECK(rendered(value, Format::kJson) ==
        "{\n"
        "  \"a\": 1,\n"
        "  \"b\": [\n"
        "    \"x\"\n"
        "  ]\n"
        "}\n");
}

TEST_CASE("json keeps fields in the order a command set them") {
  const Json value = {{"zeta", 1}, {"alpha", 2}};
  CHECK(rendered(value, Format::kJsonl) == "{\"zeta\":1,\"alpha\":2}\n");
}

TEST_CASE("jsonl prints one compact value per line, one line per list element") {
  CHECK(rendered(invoices(), Format::kJsonl) ==
        "{\"id\":\"INV-1\",\"customer\":\"Acme\",\"amount\":\"1,234.56\"}\n"
        "{\"id\":\"INV-22\",\"customer\":\"Bé\",\"amount\":\"-5.00\"}\n");
  CHECK(rendered(Json{{"n", 1}}, Format::kJsonl) == "{\"n\":1}\n");
}

TEST_CASE("csv header is the union of keys in first-seen order, missing cells empty") {
  const Json rows = Json::array({{{"a", 1}, {"b", 2}}, {{"c", 3}, {"a", 4}}});
  CHECK(rendered(rows, Format::kCsv) ==
        "a,b,c\n"
        "1,2,\n"
        "4,,3\n");
}

TEST_CASE("csv quotes fields with commas, quotes and newlines per RFC 4180") {
  const Json rows =
      Json::array({{{"name", "a,b \"q\""}, {"note", "line1\nline2"}, {"plain", "x y"}},
                   {{"name", Json::array({"a", "b"})}, {"note", {{"k", 1}}}, {"plain", nullptr}}});
  CHECK(rendered(rows, Format::kCsv) ==
        "name,note,plain\n"
        "\"a,b \"\"q\"\"\",\"line1\nline2\",x y\n"
        "\"[\"\"a\"\",\"\"b\"\"]\",\"{\"\"k\"\":1}\",\n");
}

TEST_CASE("csv neutralises formulas but leaves plain decimal amounts alone") {
  const Json rows = Json::array({
      {{"text", "=SUM(A1)"}, {"amount", "-12.00"}},
      {{"text", "+1"}, {"amount", "@x"}},
      {{"text", "-x"}, {"amount", -5}},
      {{"text", "\tlead"}, {"amount", "12"}},
  });
  CHECK(rendered(rows, Format::kCsv) ==
        "text,amount\n"
        "'=SUM(A1),-12.00\n"
        "'+1,'@x\n"
        "'-x,-5\n"
        "'\tlead,12\n");
}

TEST_CASE("a single record renders as one csv row under its keys") {
  CHECK(rendered(Json{{"id", "C1"}, {"limit", "500.00"}}, Format::kCsv) ==
        "id,limit\n"
        "C1,500.00\n");
}

TEST_CASE("tsv separates with tabs and flattens tabs and newlines inside fields") {
  const Json rows = Json::array({{{"a", "x\ty"}, {"b", "l1\nl2"}}, {{"a", "=1"}, {"b", "-3.50"}}});
  CHECK(rendered(rows, Format::kTsv) ==
        "a\tb\n"
        "x y\tl1 l2\n"
        "'=1\t-3.50\n");
}

TEST_CASE("message_record prints plain text in a table and an object elsewhere") {
  const Json m = message_record("posted INV-1");
  CHECK(m == Json{{"message", "posted INV-1"}});
  CHECK(rendered(m, Format::kTable) == "posted INV-1\n");
  CHECK(rendered(m, Format::kJsonl) == "{\"message\":\"posted INV-1\"}\n");
  CHECK(rendered(m, Format::kCsv) == "message\nposted INV-1\n");
}
