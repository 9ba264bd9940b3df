// Parsing and reading the escalation ladder.
#include "ladder.hpp"

#include <charconv>

#include "arctl/error.hpp"

namespace arctl::disputes {
namespace {

[[noreturn]] void bad(std::string_view entry, const std::string& why) {
  fail(ErrorKind::kConflict,
       "config disputes.ladder: entry '" + std::string(entry) + "': " + why +
           " (expected NAME:DAYS,NAME:DAYS,...)",
       {"", 0, "disputes.ladder"});
}

}  // namespace

Ladder Ladder::parse(std::string_view text) {
  Ladder l;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto comma = text.find(',', pos);
    const auto entry =
        text.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    const auto colon = entry.find(':');
    if (colon == std::string_view::npos || colon == 0) bad(entry, "missing name or ':'");
    const auto name = entry.substr(0, colon);
    const auto days = entry.substr(colon + 1);
    int n = 0;
    const auto [end, ec] = std::from_chars(days.data(), days.data() + days.size(), n);
    if (ec != std::errc() || end != days.data() + days.size() || n < 1 || n > 3650)
      bad(entry, "days must be a whole number from 1 to 3650");
    for (char c : name)
      if (c == ' ' || c == '\t') bad(entry, "a level name has no spaces");
    if (l.index(name)) bad(entry, "level named twice");
    l.levels_.push_back({std::string(name), n});
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  if (l.levels_.empty()) bad(text, "no levels");
  return l;
}

std::optional<std::size_t> Ladder::index(std::string_view name) const {
  for (std::size_t i = 0; i < levels_.size(); ++i)
    if (levels_[i].name == name) return i;
  return std::nullopt;
}

const Level* Ladder::next(std::string_view name) const {
  const auto i = index(name);
  if (!i || *i + 1 >= levels_.size()) return nullptr;
  return &levels_[*i + 1];
}

int Ladder::sla(std::string_view name) const {
  const auto i = index(name);
  return i ? levels_[*i].sla_days : 0;
}

bool Ladder::overdue(std::string_view name, Date since, Date as_of) const {
  const int days = sla(name);
  return days > 0 && days_between(since, as_of) > days;
}

}  // namespace arctl::disputes
