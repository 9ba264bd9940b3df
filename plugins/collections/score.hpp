// The worklist's priority score: a sum of documented terms, each an input
// times a weight read from config `collections.weight.<term>`. Points are
// fixed-point with two decimals (held as hundredths in an integer), so that
// the same ledger always ranks the same way and `--explain` adds up exactly.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "arctl/config_keys.hpp"
#include "arctl/ledger.hpp"
#include "position.hpp"
#include "stages.hpp"

namespace arctl::collections {

// What a score is computed from (for a group: its members together).
struct ScoreInputs {
  Position position;             // past due by age bucket, disputed amounts left out
  int promises_due = 0;          // open promises dated on or before the date
  int promises_broken = 0;       // promises broken in the last collections.broken_promise_days
  int disputes_past_sla = 0;     // open disputes past their level's SLA
  bool next_action_due = false;  // the next action is on or before the date
  bool on_hold = false;          // on credit hold
  bool orders_held = false;      // on credit hold with open orders waiting (`credit order`)
  std::optional<int> days_since_contact;  // unset: never contacted
  Stage stage = Stage::kNormal;
};

// The weights in force, in hundredths of a point, and the two limits.
struct Weights {
  std::map<std::string, std::int64_t> hundredths;  // term (or "stage.<name>") -> weight
  int contact_days_cap = 30;
  int broken_promise_days = 7;
  std::int64_t of(const std::string& term) const;
};
Weights load_weights(Tx& tx);

struct Term {
  std::string name;     // past_due_31_60, promise_due, ...
  std::string input;    // what was counted: an amount, a count, days, a stage
  std::int64_t weight;  // hundredths
  std::int64_t points;  // hundredths
};

struct Score {
  std::vector<Term> terms;  // every term, in the documented order, zero or not
  std::int64_t total = 0;   // hundredths
};

Score score(const ScoreInputs& in, const Weights& w);

// "39.00" from 3900.
std::string points_text(std::int64_t hundredths);

// collections.weight.*, collections.contact_days_cap, collections.broken_promise_days.
std::vector<ConfigKey> score_config_keys();
// Error(kConflict) naming `key` when `value` does not fit it (config set).
void validate_score_config(const std::string& key, const std::string& value);

}  // namespace arctl::collections
