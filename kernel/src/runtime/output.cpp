// The shared renderer: every command hands over plain JSON values and gets
// tables for people and json/jsonl/csv/tsv for scripts, escaped the same way.
#include "arctl/output.hpp"

#include <algorithm>
#include <array>
#include <ostream>
#include <string>
#include <vector>

#include "arctl/error.hpp"
#include "arctl/money.hpp"
#include "arctl/names.hpp"
#include "xlsx.hpp"

namespace arctl {
namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kGap = "  ";
constexpr std::string_view kIndent = "  ";

// Invalid UTF-8 in user-supplied text must not abort a report.
std::string compact(const Json& v) {
  return v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// "-12.00", "3", "0.5": what Money::str() and Decimal::str() produce.
bool is_plain_decimal(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  const std::size_t whole = i;
  while (i < s.size() && is_digit(s[i]))
    ++i;
  if (i == whole) return false;
  if (i == s.size()) return true;
  if (s[i] != '.') return false;
  const std::size_t frac = ++i;
  while (i < s.size() && is_digit(s[i]))
    ++i;
  return i > frac && i == s.size();
}

// "-1,234.56": what Money::grouped() produces for tables.
bool is_grouped_decimal(std::string_view s) {
  std::string plain;
  std::size_t digits_since_comma = 0;
  bool seen_comma = false;
  for (std::size_t i = 0; i < s.size() && s[i] != '.'; ++i) {
    if (s[i] == ',') {
      if (digits_since_comma == 0 || digits_since_comma > 3 ||
          (seen_comma && digits_since_comma != 3)) {
        return false;
      }
      seen_comma = true;
      digits_since_comma = 0;
      continue;
    }
    if (is_digit(s[i])) ++digits_since_comma;
    plain += s[i];
  }
  if (seen_comma && digits_since_comma != 3) return false;
  const auto dot = s.find('.');
  if (dot != std::string_view::npos) plain += s.substr(dot);
  return is_plain_decimal(plain);
}

bool is_scalar(const Json& v) {
  return !v.is_object() && !v.is_array();
}

// A list of rows; elements that are not objects become {"value": element}.
std::vector<Json> as_rows(const Json& list) {
  std::vector<Json> rows;
  rows.reserve(list.size());
  for (const auto& element : list) {
    rows.push_back(element.is_object() ? element : Json{{"value", element}});
  }
  return rows;
}

std::vector<std::string> columns_of(const std::vector<Json>& rows) {
  std::vector<std::string> columns;
  for (const auto& row : rows) {
    for (const auto& item : row.items()) {
      if (std::find(columns.begin(), columns.end(), item.key()) == columns.end()) {
        columns.push_back(item.key());
      }
    }
  }
  return columns;
}

// ---- CSV and TSV -----------------------------------------------------------

std::string delimited_text(const Json& v) {
  if (v.is_null()) return {};
  if (v.is_string()) return v.get<std::string>();
  return compact(v);
}

// Spreadsheets evaluate cells starting with these; amounts such as -12.00 are
// numbers, not formulas, and stay as they are.
bool needs_neutralising(const Json& v, std::string_view text) {
  constexpr std::string_view kTriggers = "=+-@\t\r";
  return v.is_string() && !text.empty() && kTriggers.find(text[0]) != std::string_view::npos &&
         !is_plain_decimal(text);
}

std::string escape_field(const Json& v, char delimiter) {
  std::string text = delimited_text(v);
  if (needs_neutralising(v, text)) text.insert(0, 1, '\'');
  if (delimiter == '\t') {
    std::replace_if(
        text.begin(), text.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
    return text;
  }
  if (text.find_first_of(std::string{delimiter, '"', '\r', '\n'}) == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

void write_delimited(std::ostream& out, const std::vector<Json>& rows, char delimiter) {
  if (rows.empty()) return;
  const auto columns = columns_of(rows);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c > 0) out << delimiter;
    out << escape_field(Json(columns[c]), delimiter);
  }
  out << '\n';
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c > 0) out << delimiter;
      const auto it = row.find(columns[c]);
      if (it != row.end()) out << escape_field(*it, delimiter);
    }
    out << '\n';
  }
}

// ---- Tables ----------------------------------------------------------------

// One line per cell: control characters would break the alignment.
std::string table_text(const Json& v) {
  std::string text;
  if (v.is_null()) return text;
  if (v.is_string()) {
    text = v.get<std::string>();
  } else if (v.is_array() && std::all_of(v.begin(), v.end(), is_scalar)) {
    for (const auto& element : v) {
      if (!text.empty()) text += ", ";
      text += element.is_string() ? element.get<std::string>() : compact(element);
    }
  } else if ((v.is_object() || v.is_array()) && v.empty()) {
    return text;
  } else {
    text = compact(v);
  }
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
  return text;
}

bool is_numeric_cell(const Json& v) {
  if (v.is_number()) return true;
  if (!v.is_string()) return false;
  const auto& s = v.get_ref<const std::string&>();
  return is_plain_decimal(s) || is_grouped_decimal(s);
}

// Columns are measured in code points, so accented names line up.
std::size_t display_width(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string pad(const std::string& text, std::size_t width, bool right) {
  const std::size_t w = display_width(text);
  if (w >= width) return text;
  const std::string fill(width - w, ' ');
  return right ? fill + text : text + fill;
}

void rstrip(std::string& line) {
  line.erase(line.find_last_not_of(' ') + 1);
}

void write_line(std::ostream& out, std::string_view indent, std::string line, bool bold) {
  rstrip(line);
  out << indent;
  if (bold) {
    out << kBold << line << kReset;
  } else {
    out << line;
  }
  out << '\n';
}

void write_table(std::ostream& out, const std::vector<Json>& rows, const std::string& indent,
                 bool color) {
  if (rows.empty()) return;
  const auto columns = columns_of(rows);
  std::vector<std::vector<std::string>> cells(rows.size(),
                                              std::vector<std::string>(columns.size()));
  std::vector<std::size_t> widths(columns.size());
  // A column is right-aligned when every cell that has a value is a number.
  std::vector<bool> right(columns.size(), true);
  std::vector<bool> any(columns.size(), false);
  for (std::size_t c = 0; c < columns.size(); ++c)
    widths[c] = display_width(columns[c]);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const auto it = rows[r].find(columns[c]);
      if (it == rows[r].end() || it->is_null()) continue;
      cells[r][c] = table_text(*it);
      widths[c] = std::max(widths[c], display_width(cells[r][c]));
      if (cells[r][c].empty()) continue;
      any[c] = true;
      if (!is_numeric_cell(*it)) right[c] = false;
    }
  }
  auto line_of = [&](const std::vector<std::string>& texts) {
    std::string line;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c > 0) line += kGap;
      line += pad(texts[c], widths[c], right[c] && any[c]);
    }
    return line;
  };
  write_line(out, indent, line_of(columns), color);
  for (const auto& row_cells : cells)
    write_line(out, indent, line_of(row_cells), false);
}

bool is_list_of_objects(const Json& v) {
  return v.is_array() && !v.empty() &&
         std::all_of(v.begin(), v.end(), [](const Json& e) { return e.is_object(); });
}

bool is_nested_block(const Json& v) {
  return (v.is_object() && !v.empty()) || is_list_of_objects(v);
}

void write_record(std::ostream& out, const Json& record, const std::string& indent, bool color) {
  std::size_t key_width = 0;
  for (const auto& item : record.items()) {
    if (!is_nested_block(item.value())) key_width = std::max(key_width, display_width(item.key()));
  }
  const std::string inner = indent + std::string(kIndent);
  for (const auto& item : record.items()) {
    const Json& v = item.value();
    if (v.is_object() && !v.empty()) {
      write_line(out, indent, item.key() + ":", color);
      write_record(out, v, inner, color);
    } else if (is_list_of_objects(v)) {
      write_line(out, indent, item.key() + ":", color);
      write_table(out, as_rows(v), inner, color);
    } else {
      write_line(out, indent, pad(item.key(), key_width, false) + std::string(kGap) + table_text(v),
                 false);
    }
  }
}

void render_table(std::ostream& out, const Json& value, bool color) {
  if (value.is_array()) {
    if (value.empty()) return;
    if (std::all_of(value.begin(), value.end(), is_scalar)) {
      for (const auto& element : value)
        write_line(out, "", table_text(element), false);
      return;
    }
    write_table(out, as_rows(value), "", color);
    return;
  }
  if (value.is_object()) {
    // A message_record() reads as a plain sentence, not as a one-line record.
    if (value.size() == 1 && value.contains("message") && value["message"].is_string()) {
      out << value["message"].get<std::string>() << '\n';
      return;
    }
    write_record(out, value, "", color);
    return;
  }
  if (!value.is_null()) write_line(out, "", table_text(value), false);
}

// Each format's name as --format spells it.
constexpr std::array<Named<Format>, 6> kFormats{{
    {Format::kTable, "table"},
    {Format::kJson, "json"},
    {Format::kJsonl, "jsonl"},
    {Format::kCsv, "csv"},
    {Format::kTsv, "tsv"},
    {Format::kXlsx, "xlsx"},
}};

}  // namespace

Format parse_format(std::string_view name) {
  if (const auto* e = find_name(kFormats, name)) return e->value;
  fail_usage("unknown output format '" + std::string(name) +
             "': expected one of table, json, jsonl, csv, tsv, xlsx");
}

const char* to_string(Format f) noexcept {
  const auto* e = find_value(kFormats, f);
  return e ? e->name : "table";
}

void render(std::ostream& out, const Json& value, const RenderOptions& options) {
  switch (options.format) {
    case Format::kTable:
      render_table(out, value, options.color);
      return;
    case Format::kJson:
      out << value.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
      return;
    case Format::kJsonl:
      if (value.is_array()) {
        for (const auto& element : value)
          out << compact(element) << '\n';
      } else {
        out << compact(value) << '\n';
      }
      return;
    case Format::kCsv:
    case Format::kTsv: {
      const char delimiter = options.format == Format::kCsv ? ',' : '\t';
      if (value.is_array()) {
        write_delimited(out, as_rows(value), delimiter);
      } else if (value.is_object()) {
        write_delimited(out, {value}, delimiter);
      } else if (!value.is_null()) {
        write_delimited(out, {Json{{"value", value}}}, delimiter);
      }
      return;
    }
    case Format::kXlsx:
      detail::write_xlsx_to(out, value, {});
      return;
  }
}

void put_money(Json& row, std::string_view key, const Money& amount) {
  row[std::string(key)] = amount.str();
  row["currency"] = std::string(amount.currency().code());
}

Json message_record(std::string_view text) {
  return Json{{"message", std::string(text)}};
}

}  // namespace arctl
