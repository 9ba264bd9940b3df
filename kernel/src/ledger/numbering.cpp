// Document numbering series: {YYYY} {YY} {MM} and {SEQ} or {SEQ:0N}.
#include <fmt/format.h>

#include "arctl/error.hpp"
#include "arctl/numbering.hpp"

namespace arctl {
namespace {

std::string replace_all(std::string s, std::string_view from, const std::string& to) {
  for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
  return s;
}

}  // namespace

std::string next_number(Tx& tx, std::string_view pattern, Date date) {
  std::string base(pattern);
  base = replace_all(base, "{YYYY}", fmt::format("{:04}", year_of(date)));
  base = replace_all(base, "{YY}", fmt::format("{:02}", year_of(date) % 100));
  base = replace_all(base, "{MM}", fmt::format("{:02}", month_of(date)));
  const auto open = base.find("{SEQ");
  const auto close = open == std::string::npos ? open : base.find('}', open);
  if (open == std::string::npos || close == std::string::npos)
    fail(ErrorKind::kConflict, "numbering series '" + std::string(pattern) + "' has no {SEQ}");
  int width = 0;
  const auto spec = base.substr(open + 4, close - open - 4);
  if (!spec.empty()) {
    if (spec.size() < 2 || spec[0] != ':' ||
        spec.find_first_not_of("0123456789", 1) != std::string::npos)
      fail(ErrorKind::kConflict,
           "numbering series '" + std::string(pattern) + "': use {SEQ} or {SEQ:06}");
    width = std::stoi(spec.substr(1));
  }
  // One counter per prefix, so a yearly series restarts each year.
  const auto counter = "series:" + base;
  while (true) {
    const auto n = tx.next_counter(counter);
    auto id = base.substr(0, open) + fmt::format("{:0{}}", n, width) + base.substr(close + 1);
    // A number already taken (say, by an import) is skipped, never reused.
    if (!tx.find_document(id)) return id;
  }
}

}  // namespace arctl
