// The escalation ladder: ordered levels, each with the number of calendar days
// a case may stay there (its SLA) before `escalate --auto` moves it up.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/date.hpp"

namespace arctl::disputes {

// The default ladder (config disputes.ladder): four dispute levels, then the
// collection levels.
inline constexpr std::string_view kDefaultLadder =
    "analyst:5,team-lead:10,sales:15,management:20,pre-legal:30,legal:45,agency:60";

struct Level {
  std::string name;
  int sla_days = 0;
};

class Ladder {
 public:
  // "name:days,name:days,...": names unique and non-empty, days 1..3650.
  // Error(kConflict) naming the config key and the bad entry.
  static Ladder parse(std::string_view text);

  const std::vector<Level>& levels() const noexcept { return levels_; }
  const Level& first() const { return levels_.front(); }
  // Index of `name`, or nullopt.
  std::optional<std::size_t> index(std::string_view name) const;
  // The level a case at `name` is escalated to, or nullopt at the top (or for
  // a level that is no longer on the ladder).
  const Level* next(std::string_view name) const;
  // SLA days of `name`; 0 for a level no longer on the ladder (never due).
  int sla(std::string_view name) const;
  // Rule: a case is overdue once more than SLA days have passed since it
  // entered the level (entered 2026-01-01 with 5 days: overdue from 01-07).
  bool overdue(std::string_view name, Date since, Date as_of) const;

 private:
  std::vector<Level> levels_;
};

}  // namespace arctl::disputes
