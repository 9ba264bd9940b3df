// A command's result as an Excel workbook (output.hpp, Format::kXlsx), with
// libxlsxwriter. The same data as CSV, typed for a spreadsheet:
// - a plain decimal text ("1234.50", "-0.125") is a number shown with the
//   decimals it has, and so is a whole number in a row whose currency has
//   no minor unit (JPY), except in a column that names something (an id);
// - "YYYY-MM-DD" is a date cell and "YYYY-MM-DDTHH:MM:SS..." a date-time;
// - JSON numbers and booleans keep their type; anything else is text, never
//   a formula.
// Each sheet has a bold header row, frozen, an autofilter over the data and
// column widths from the longest text. A row whose `row` field is "total"
// (aging's totals) gets =SUM() formulas over the rows above it of the same
// currency (=SUMIF() when the sheet mixes currencies), with the printed
// total as the cached value.
#include "xlsx.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include "arctl/date.hpp"
#include "arctl/error.hpp"
#include "arctl/money.hpp"

namespace arctl::detail {
namespace {

// Excel: a sheet name has at most 31 characters and none of []:*?/\.
std::string sheet_name(std::string_view wanted, std::set<std::string>& taken) {
  std::string s;
  for (const char c : wanted)
    s += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
  if (s.empty()) s = "Sheet";
  if (s.size() > 31) s.resize(31);
  std::string name = s;
  for (int n = 2; taken.count(name) != 0U; ++n) {
    const auto suffix = " (" + std::to_string(n) + ")";
    name = s.substr(0, 31 - suffix.size()) + suffix;
  }
  taken.insert(name);
  return name;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "-12.50" -> 2 decimals; nullopt unless a plain decimal with a point.
std::optional<int> decimal_places(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  const auto dot = s.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  if (!all_digits(s.substr(0, dot)) || !all_digits(s.substr(dot + 1))) return std::nullopt;
  return static_cast<int>(s.size() - dot - 1);
}

// Whole numbers only: an id such as "0042" or "1001" stays text unless the
// caller knows the column is an amount.
bool integer_text(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  return all_digits(s) && (s.size() == 1 || s[0] != '0');
}

// A double holds 15 significant digits exactly; longer numbers stay text so
// that no digit of an amount is lost.
bool fits_double(std::string_view s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }) <= 15;
}

// Columns that name something: digits there are an identifier, not a number.
bool names_something(std::string_view key) {
  static constexpr std::array<std::string_view, 14> kNames{
      "customer", "invoice", "document", "id",      "reference", "number", "account",
      "receipt",  "payment", "parent",   "message", "run",       "batch",  "order"};
  for (const auto& n : kNames)
    if (key == n ||
        (key.size() > n.size() && key.ends_with(n) && (key[key.size() - n.size() - 1] == '_')))
      return true;
  return false;
}

// The decimals of a text that is a number cell (see the rules above), or nullopt.
std::optional<int> number_places(const std::string& key, const std::string& text,
                                 int currency_exponent) {
  if (!fits_double(text)) return std::nullopt;
  if (const auto places = decimal_places(text); places && *places <= 6) return places;
  if (currency_exponent == 0 && integer_text(text) && !names_something(key)) return 0;
  return std::nullopt;
}

double to_double(const std::string& s) {
  return std::strtod(s.c_str(), nullptr);
}

std::optional<lxw_datetime> as_datetime(std::string_view s) {
  if (s.size() < 10) return std::nullopt;
  const auto d = try_parse_date(s.substr(0, 10));
  if (!d) return std::nullopt;
  lxw_datetime t{year_of(*d), static_cast<int>(month_of(*d)), static_cast<int>(day_of(*d)), 0, 0,
                 0.0};
  if (s.size() == 10) return t;
  // 2026-03-31T10:04:05 with any fraction or zone after it.
  if (s.size() < 19 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
    return std::nullopt;
  const auto two = [&](std::size_t at, int& out) {
    const auto r = std::from_chars(s.data() + at, s.data() + at + 2, out);
    return r.ec == std::errc() && r.ptr == s.data() + at + 2;
  };
  int h = 0, m = 0, sec = 0;
  if (!two(11, h) || !two(14, m) || !two(17, sec) || h > 23 || m > 59 || sec > 60)
    return std::nullopt;
  t.hour = h;
  t.min = m;
  t.sec = sec;
  return t;
}

std::string cell_text(const Json& v) {
  if (v.is_null()) return {};
  if (v.is_string()) return v.get<std::string>();
  return v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// "A", "B", ... "AA" for a zero-based column.
std::string column_letters(std::size_t col) {
  std::string s;
  for (++col; col > 0; col = (col - 1) / 26)
    s.insert(s.begin(), static_cast<char>('A' + (col - 1) % 26));
  return s;
}

class Book {
 public:
  explicit Book(const std::filesystem::path& file, const XlsxOptions& options) : file_(file) {
    lxw_workbook_options o{};
    o.constant_memory = LXW_FALSE;
    wb_ = workbook_new_opt(file.c_str(), &o);
    if (wb_ == nullptr) fail(ErrorKind::kError, "cannot create " + file.string());
    bold_ = workbook_add_format(wb_);
    format_set_bold(bold_);
    date_ = workbook_add_format(wb_);
    format_set_num_format(date_, "yyyy-mm-dd");
    datetime_ = workbook_add_format(wb_);
    format_set_num_format(datetime_, "yyyy-mm-dd hh:mm:ss");
    // Reproducible files: the creation time is the business date, not the clock.
    props_.created = options.created;
    props_.title = const_cast<char*>(options.title.c_str());
    workbook_set_properties(wb_, &props_);
  }
  ~Book() {
    if (wb_ != nullptr) {
      // Abandoned after an error: close to free it, then remove the partial file.
      workbook_close(wb_);
      std::remove(file_.c_str());
    }
  }
  Book(const Book&) = delete;
  Book& operator=(const Book&) = delete;

  lxw_format* number(int decimals) {
    auto& f = numbers_[decimals];
    if (f == nullptr) {
      f = workbook_add_format(wb_);
      std::string fmt = "#,##0";
      if (decimals > 0) fmt += "." + std::string(static_cast<std::size_t>(decimals), '0');
      format_set_num_format(f, fmt.c_str());
    }
    return f;
  }

  void sheet(std::string_view wanted, const std::vector<Json>& rows);

  void close() {
    const auto err = workbook_close(wb_);
    wb_ = nullptr;
    if (err != LXW_NO_ERROR) {
      std::remove(file_.c_str());
      fail(ErrorKind::kError,
           "cannot write " + file_.string() + ": " + lxw_strerror(static_cast<lxw_error>(err)));
    }
  }

 private:
  // One typed cell; returns its numeric value when it is a number.
  std::optional<double> put(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& key,
                            const Json& v, int currency_exponent);

  std::filesystem::path file_;
  lxw_workbook* wb_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_format* date_ = nullptr;
  lxw_format* datetime_ = nullptr;
  std::map<int, lxw_format*> numbers_;
  std::set<std::string> names_;
  lxw_doc_properties props_{};
};

std::optional<double> Book::put(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& key,
                                const Json& v, int currency_exponent) {
  if (v.is_null()) return std::nullopt;
  if (v.is_boolean()) {
    worksheet_write_boolean(ws, r, c, v.get<bool>() ? 1 : 0, nullptr);
    return std::nullopt;
  }
  if (v.is_number()) {
    const auto d = v.get<double>();
    worksheet_write_number(ws, r, c, d, nullptr);
    return d;
  }
  const auto text = cell_text(v);
  if (v.is_string()) {
    if (const auto places = number_places(key, text, currency_exponent)) {
      const auto d = to_double(text);
      worksheet_write_number(ws, r, c, d, number(*places));
      return d;
    }
    if (auto t = as_datetime(text)) {
      worksheet_write_datetime(ws, r, c, &*t, text.size() == 10 ? date_ : datetime_);
      return std::nullopt;
    }
  }
  worksheet_write_string(ws, r, c, text.c_str(), nullptr);
  return std::nullopt;
}

void Book::sheet(std::string_view wanted, const std::vector<Json>& rows) {
  const auto name = sheet_name(wanted, names_);
  auto* ws = workbook_add_worksheet(wb_, name.c_str());
  if (ws == nullptr) fail(ErrorKind::kError, "cannot add sheet '" + name + "'");
  std::vector<std::string> columns;
  for (const auto& row : rows)
    for (const auto& item : row.items())
      if (std::find(columns.begin(), columns.end(), item.key()) == columns.end())
        columns.push_back(item.key());
  if (columns.empty()) columns.push_back("value");
  const auto is_total = [](const Json& row) {
    const auto it = row.find("row");
    return it != row.end() && *it == "total";
  };
  const auto currency_of = [](const Json& row) {
    const auto it = row.find("currency");
    return it != row.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  // One currency among the detail rows: =SUM(); several: =SUMIF() by currency.
  std::set<std::string> currencies;
  for (const auto& row : rows)
    if (!is_total(row)) currencies.insert(currency_of(row));
  const auto currency_at = std::find(columns.begin(), columns.end(), "currency");
  const bool by_currency = currencies.size() > 1 && currency_at != columns.end();

  std::vector<std::size_t> widths(columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), columns[c].c_str(), bold_);
    widths[c] = columns[c].size();
  }
  lxw_row_t r = 1;
  // The detail rows a totals row adds up: 1-based sheet rows first..last.
  std::size_t first = 2, last = 1;
  bool after_total = false;
  for (const auto& row : rows) {
    const auto cur = currency_of(row);
    const int exponent = Currency::known(cur) ? Currency::parse(cur).exponent() : -1;
    const bool total = is_total(row);
    if (!total) {
      if (after_total) first = r + 1;  // a new block of detail rows
      last = r + 1;
      after_total = false;
    } else {
      after_total = true;
    }
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const auto it = row.find(columns[c]);
      if (it == row.end()) continue;
      const auto col = static_cast<lxw_col_t>(c);
      const auto text = cell_text(*it);
      widths[c] = std::max(widths[c], text.size());
      const auto places =
          it->is_string() ? number_places(columns[c], text, exponent) : std::nullopt;
      const bool amount = places.has_value();
      if (!total || !(amount || it->is_number()) || last < first) {
        put(ws, r, col, columns[c], *it, exponent);
        continue;
      }
      const auto letters = column_letters(c);
      const auto range = letters + std::to_string(first) + ":" + letters + std::to_string(last);
      std::string formula = "=SUM(" + range + ")";
      if (by_currency) {
        const auto cl = column_letters(static_cast<std::size_t>(currency_at - columns.begin()));
        formula = "=SUMIF(" + cl + std::to_string(first) + ":" + cl + std::to_string(last) + ",\"" +
                  cur + "\"," + range + ")";
      }
      worksheet_write_formula_num(ws, r, col, formula.c_str(), amount ? number(*places) : nullptr,
                                  amount ? to_double(text) : it->get<double>());
    }
    ++r;
  }
  for (std::size_t c = 0; c < columns.size(); ++c)
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                         static_cast<double>(std::clamp<std::size_t>(widths[c] + 2, 8, 60)),
                         nullptr);
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_autofilter(ws, 0, 0, r > 1 ? r - 1 : 0, static_cast<lxw_col_t>(columns.size() - 1));
}

// Scalars of a record, as one row (as CSV prints a record), with a nested
// record's fields as "key.field"; each nested list of rows in its own sheet,
// named by its key.
void add_value(Book& book, std::string_view title, const Json& value) {
  if (value.is_array()) {
    std::vector<Json> rows;
    rows.reserve(value.size());
    for (const auto& e : value)
      rows.push_back(e.is_object() ? e : Json{{"value", e}});
    book.sheet(title, rows);
    return;
  }
  if (!value.is_object()) {
    book.sheet(title, {Json{{"value", value}}});
    return;
  }
  Json head = Json::object();
  std::vector<std::pair<std::string, const Json*>> lists;
  for (const auto& item : value.items()) {
    const auto& v = item.value();
    const bool list_of_rows =
        v.is_array() && !v.empty() &&
        std::all_of(v.begin(), v.end(), [](const Json& e) { return e.is_object(); });
    if (list_of_rows) {
      lists.emplace_back(item.key(), &v);
    } else if (v.is_object()) {
      // One level of a nested record as columns "key.field".
      for (const auto& sub : v.items())
        head[item.key() + "." + sub.key()] = sub.value();
    } else {
      head[item.key()] = v;
    }
  }
  if (!head.empty() || lists.empty()) book.sheet(title, {head});
  for (const auto& [key, list] : lists)
    add_value(book, key, *list);
}

}  // namespace

void write_xlsx(const std::filesystem::path& file, const Json& value, const XlsxOptions& options) {
  Book book(file, options);
  add_value(book, options.sheet.empty() ? "arctl" : options.sheet, value);
  book.close();
}

void write_xlsx_to(std::ostream& out, const Json& value, const XlsxOptions& options) {
  const char* dir = std::getenv("TMPDIR");
  std::string pattern =
      std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/arctl-xlsx-XXXXXX";
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) fail(ErrorKind::kError, "cannot create a temporary file in " + pattern);
  ::close(fd);
  const std::filesystem::path tmp = pattern;
  try {
    write_xlsx(tmp, value, options);
    std::ifstream in(tmp, std::ios::binary);
    out << in.rdbuf();
    out.flush();
    if (!in || !out) fail(ErrorKind::kError, "cannot write the workbook to standard output");
  } catch (...) {
    std::remove(tmp.c_str());
    throw;
  }
  std::remove(tmp.c_str());
}

}  // namespace arctl::detail
