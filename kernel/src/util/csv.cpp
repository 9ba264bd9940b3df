// Strict RFC 4180 CSV reading with precise error locations, header-to-column
// mapping, and field escaping for CSV/TSV output.
#include "arctl/csv.hpp"

#include <algorithm>
#include <cstdlib>

#include "arctl/error.hpp"
#include "arctl/text.hpp"

namespace arctl {
namespace {

constexpr int kEof = -1;

std::string field_label(std::size_t number) {
  return "field " + std::to_string(number);
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return s.substr(first, last - first + 1);
}

std::string join_quoted(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += "'" + n + "'";
  }
  return out;
}

}  // namespace

CsvReader::CsvReader(std::istream& in, std::string source_name, CsvOptions options)
    : in_(in), source_(std::move(source_name)), options_(options) {}

int CsvReader::get() {
  auto* buf = in_.rdbuf();
  if (buf == nullptr) return kEof;
  const auto c = buf->sbumpc();
  if (c == std::istream::traits_type::eof()) return kEof;
  if (c == '\n') ++line_;
  return static_cast<unsigned char>(c);
}

int CsvReader::peek() {
  auto* buf = in_.rdbuf();
  if (buf == nullptr) return kEof;
  const auto c = buf->sgetc();
  if (c == std::istream::traits_type::eof()) return kEof;
  return static_cast<unsigned char>(c);
}

std::optional<CsvRecord> CsvReader::next() {
  // Bytes of a possible BOM that turned out not to be one; they belong to the
  // first field, which this call reads.
  unsigned char held[2];
  int held_count = 0;
  int held_pos = 0;
  if (!started_) {
    started_ = true;
    if (peek() == 0xef) {
      held[held_count++] = static_cast<unsigned char>(get());
      if (peek() == 0xbb) {
        held[held_count++] = static_cast<unsigned char>(get());
        if (peek() == 0xbf) {
          get();
          held_count = 0;
        }
      }
    }
  }

  std::size_t field_number = 1;
  auto error = [&](std::uint64_t line, std::string message) {
    throw Error(ErrorKind::kConflict, std::move(message),
                Location{source_, line, field_label(field_number)});
  };

  text::Utf8Checker utf8;
  auto read = [&]() -> int {
    const auto line = line_;
    const int c = held_pos < held_count ? held[held_pos++] : get();
    if (c == kEof) {
      if (utf8.mid_sequence()) error(line, "invalid UTF-8: truncated sequence at end of input");
      return c;
    }
    if (c == 0) error(line, "NUL byte in input");
    if (!utf8.feed(static_cast<unsigned char>(c))) error(line, "invalid UTF-8");
    return c;
  };
  auto next_is = [&](int want) {
    return held_pos < held_count ? held[held_pos] == want : peek() == want;
  };

  int c = read();
  for (;;) {
    if (c == kEof) return std::nullopt;
    if (c == '\n') {
      c = read();
    } else if (c == '\r' && next_is('\n')) {
      read();
      c = read();
    } else {
      break;
    }
  }

  CsvRecord record;
  record.line = line_;
  const auto delimiter = static_cast<unsigned char>(options_.delimiter);
  auto append = [&](std::string& field, int ch) {
    if (field.size() >= options_.max_field_bytes)
      error(line_, "field longer than " + std::to_string(options_.max_field_bytes) + " bytes");
    field.push_back(static_cast<char>(ch));
  };
  // True at the end of the record (consuming its line end), false at a delimiter.
  auto at_end_of_record = [&](int ch) {
    if (ch == kEof || ch == '\n') return true;
    if (ch == '\r') {
      if (!next_is('\n')) error(line_, "carriage return not followed by a line feed");
      read();
      return true;
    }
    return false;
  };

  for (;;) {
    auto& field = record.fields.emplace_back();
    if (c == '"') {
      const auto quote_line = line_;
      for (;;) {
        c = read();
        if (c == kEof)
          error(quote_line,
                "unterminated quoted field starting at line " + std::to_string(quote_line));
        if (c == '"') {
          if (!next_is('"')) break;
          read();
        }
        append(field, c);
      }
      c = read();
      if (at_end_of_record(c)) return record;
      if (c != delimiter) error(line_, "unexpected text after a closing quote");
    } else {
      for (;; c = read()) {
        if (c == delimiter || at_end_of_record(c)) break;
        if (c == '"') error(line_, "quote inside an unquoted field");
        append(field, c);
      }
      if (c != delimiter) return record;
    }
    c = read();
    ++field_number;
  }
}

CsvHeader::CsvHeader(const CsvRecord& header, const std::string& source,
                     const std::vector<std::string_view>& required,
                     const std::vector<std::string_view>& known)
    : source_(source) {
  names_.reserve(header.fields.size());
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::string name(trim(header.fields[i]));
    const Location where{source_, header.line, field_label(i + 1)};
    if (name.empty()) throw Error(ErrorKind::kConflict, "column has no name", where);
    if (!index_.emplace(name, i).second)
      throw Error(ErrorKind::kConflict, "duplicate column '" + name + "'", where);
    names_.push_back(std::move(name));
  }

  // An empty `known` list accepts any column; required ones are always known.
  if (!known.empty()) {
    std::vector<std::string> unknown;
    for (const auto& n : names_) {
      const bool listed = std::find(known.begin(), known.end(), n) != known.end() ||
                          std::find(required.begin(), required.end(), n) != required.end();
      if (!listed) unknown.push_back(n);
    }
    if (!unknown.empty()) {
      std::string accepted;
      for (auto k : known) {
        if (!accepted.empty()) accepted += ", ";
        accepted += k;
      }
      throw Error(ErrorKind::kConflict,
                  (unknown.size() == 1 ? "unknown column " : "unknown columns ") +
                      join_quoted(unknown) + " (known columns: " + accepted + ")",
                  Location{source_, header.line, {}});
    }
  }

  std::vector<std::string> missing;
  for (auto r : required)
    if (!has(r)) missing.emplace_back(r);
  if (!missing.empty())
    throw Error(ErrorKind::kConflict,
                (missing.size() == 1 ? "missing required column " : "missing required columns ") +
                    join_quoted(missing),
                Location{source_, header.line, {}});
}

bool CsvHeader::has(std::string_view column) const {
  return std::find(names_.begin(), names_.end(), column) != names_.end();
}

std::string_view CsvHeader::get(const CsvRecord& record, std::string_view column) const {
  if (record.fields.size() != names_.size())
    throw Error(ErrorKind::kConflict,
                "expected " + std::to_string(names_.size()) + " fields, found " +
                    std::to_string(record.fields.size()),
                Location{source_, record.line, {}});
  // A linear scan over a handful of names beats hashing a temporary string.
  const auto it = std::find(names_.begin(), names_.end(), column);
  if (it == names_.end()) return {};
  return record.fields[static_cast<std::size_t>(it - names_.begin())];
}

std::string csv_escape(std::string_view field, char delimiter, bool neutralise) {
  std::string out;
  out.reserve(field.size() + 3);
  if (neutralise && !field.empty() &&
      std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos)
    out.push_back('\'');
  out.append(field);
  if (out.find_first_of(std::string{delimiter, '"', '\n', '\r'}) == std::string::npos) return out;

  std::string quoted;
  quoted.reserve(out.size() + 8);
  quoted.push_back('"');
  for (char ch : out) {
    if (ch == '"') quoted.push_back('"');
    quoted.push_back(ch);
  }
  quoted.push_back('"');
  return quoted;
}

std::optional<CsvRecord> CsvHeader::next(CsvReader& reader) const {
  try {
    return reader.next();
  } catch (const Error& e) {
    const auto& field = e.where().field;
    if (field.rfind("field ", 0) != 0) throw;
    const auto number = std::strtoul(field.c_str() + 6, nullptr, 10);
    if (number == 0 || number > names_.size()) throw;
    throw Error(e.kind(), e.what(), {e.where().file, e.where().line, names_[number - 1]});
  }
}

}  // namespace arctl
