// The parts of the statements plugin's reports: bucket edges, percentages and
// ratios, safe file names and file writing.
#include "report_parts.hpp"

#include <fstream>
#include <sstream>

#include "arctl/error.hpp"
#include "arctl/staged_file.hpp"

namespace arctl::statements {

std::vector<std::string> split_items(std::string_view text, char sep) {
  std::vector<std::string> out{""};
  for (char c : text) {
    if (c == sep)
      out.emplace_back();
    else if (c != ' ')
      out.back() += c;
  }
  return out;
}

Buckets Buckets::parse(std::string_view text) {
  Buckets b;
  b.edges.clear();
  for (const auto& cur : split_items(text, ',')) {
    if (cur.empty() || cur.size() > 5 || cur.find_first_not_of("0123456789") != std::string::npos)
      fail_usage("aging buckets must be increasing day counts like 30,60,90,120; got '" +
                 std::string(text) + "'");
    const int v = std::stoi(cur);
    if (v <= 0 || (!b.edges.empty() && v <= b.edges.back()))
      fail_usage("aging buckets must be positive and increasing; got '" + std::string(text) + "'");
    b.edges.push_back(v);
  }
  return b;
}

std::vector<std::string> Buckets::labels() const {
  std::vector<std::string> out{"current"};
  int lo = 1;
  for (int e : edges) {
    out.push_back(std::to_string(lo) + "-" + std::to_string(e));
    lo = e + 1;
  }
  out.push_back(">" + std::to_string(edges.back()));
  return out;
}

std::size_t Buckets::index(std::int64_t days) const {
  if (days <= 0) return 0;
  for (std::size_t i = 0; i < edges.size(); ++i)
    if (days <= edges[i]) return i + 1;
  return edges.size() + 1;
}

Buckets buckets_from(Tx& tx, const std::string& option) {
  if (!option.empty()) return Buckets::parse(option);
  if (auto c = tx.config("aging.buckets")) return Buckets::parse(*c);
  return Buckets{};
}

std::string ratio_str(Wide a, Wide b, int decimals) {
  return b == 0 ? "0" : ratio_text(a, b, decimals);
}

std::string percent(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return "0.00";
  return ratio_str(static_cast<Wide>(part) * 100, whole, 2);
}

std::string safe_file_name(std::string_view id) {
  std::string out;
  for (unsigned char c : id) {
    const bool ok = std::isalnum(c) || c == '-' || c == '_' || c == '.';
    out += ok ? static_cast<char>(c) : '_';
  }
  if (out.empty() || out[0] == '.') out.insert(out.begin(), '_');
  if (out.size() > 100) out.resize(100);
  if (out != id) {
    std::uint32_t h = 2166136261u;  // FNV-1a
    for (unsigned char c : id)
      h = (h ^ c) * 16777619u;
    char buf[10];
    std::snprintf(buf, sizeof buf, "~%08x", h);
    out += buf;
  }
  return out;
}

void write_file(const std::filesystem::path& path, std::string_view text) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out || !out.write(text.data(), static_cast<std::streamsize>(text.size())) || !out.flush())
    fail(ErrorKind::kError, "cannot write " + path.string());
}

void write_file(Tx& tx, const std::filesystem::path& path, std::string_view text) {
  if (tx.writable())
    write_file_on_commit(tx, path, text);
  else
    write_file(path, text);
}

std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(ErrorKind::kNotFound, "cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string money_str(std::int64_t minor, const Currency& c) {
  return Money(minor, c).str();
}

std::string code(const Currency& c) {
  return std::string(c.code());
}

}  // namespace arctl::statements
