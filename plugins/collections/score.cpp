// The worklist's priority score (see score.hpp).
#include "score.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "arctl/error.hpp"
#include "arctl/money.hpp"

namespace arctl::collections {
namespace {

constexpr std::string_view kWeightPrefix = "collections.weight.";

struct Default {
  const char* term;
  const char* weight;
  const char* meaning;
};

// The documented terms, in the order they are added and explained.
const std::vector<Default>& defaults() {
  static const std::vector<Default> d = {
      {"past_due_1_30", "1", "worklist points per 1,000.00 past due 1 to 30 days"},
      {"past_due_31_60", "2", "worklist points per 1,000.00 past due 31 to 60 days"},
      {"past_due_61_90", "3", "worklist points per 1,000.00 past due 61 to 90 days"},
      {"past_due_91_plus", "5", "worklist points per 1,000.00 past due more than 90 days"},
      {"promise_due", "20", "worklist points per open promise to pay due on or before the date"},
      {"promise_broken", "30",
       "worklist points per promise broken within collections.broken_promise_days"},
      {"dispute_past_sla", "15", "worklist points per open dispute past its level's SLA"},
      {"next_action_due", "10",
       "worklist points when the next action is due (on or before the date)"},
      {"credit_hold", "10",
       "worklist points when the customer is on credit hold with open orders waiting"},
      {"days_since_contact", "0.5",
       "worklist points per day since the last contact, up to collections.contact_days_cap"},
      {"stage.normal", "0", "worklist points for a customer in the normal collection stage"},
      {"stage.pre-legal", "25", "worklist points for a customer in pre-legal"},
      {"stage.legal", "10", "worklist points for a customer in legal"},
      {"stage.agency", "5", "worklist points for a customer placed with an agency"},
      {"stage.written-off", "0", "worklist points for a customer written off"},
  };
  return d;
}

// A weight: a decimal of at most two places, not negative, in hundredths.
std::int64_t parse_weight(const std::string& key, const std::string& text) {
  Decimal d;
  try {
    d = Decimal::parse(text);
  } catch (const Error&) {
    fail_conflict("'" + text + "' is not a weight (a number such as 2 or 0.5)", {"", 0, key});
  }
  if (d.micros < 0 || d.micros % 10'000 != 0 || d.micros > 1'000'000'000'000)
    fail_conflict("'" + text + "': a weight is a number from 0 with at most two decimals",
                  {"", 0, key});
  return d.micros / 10'000;
}

int parse_days(const std::string& key, const std::string& text) {
  int n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 0 || n > 3650)
    fail(ErrorKind::kConflict, "'" + text + "' is not a number of days (0 to 3650)", {"", 0, key});
  return n;
}

// Points for an amount at `weight` per 1,000.00, rounded down to hundredths.
std::int64_t per_thousand(const Money& amount, std::int64_t weight) {
  // Split so that no product overflows: weights are at most 10^8 hundredths.
  const std::int64_t per = amount.currency().scale() * 1000;
  return weight * (amount.minor() / per) + weight * (amount.minor() % per) / per;
}

}  // namespace

std::int64_t Weights::of(const std::string& term) const {
  auto it = hundredths.find(term);
  return it == hundredths.end() ? 0 : it->second;
}

Weights load_weights(Tx& tx) {
  Weights w;
  for (const auto& d : defaults()) {
    const std::string key = std::string(kWeightPrefix) + d.term;
    w.hundredths[d.term] = parse_weight(key, tx.config(key).value_or(d.weight));
  }
  if (auto v = tx.config("collections.contact_days_cap"))
    w.contact_days_cap = parse_days("collections.contact_days_cap", *v);
  if (auto v = tx.config("collections.broken_promise_days"))
    w.broken_promise_days = parse_days("collections.broken_promise_days", *v);
  return w;
}

Score score(const ScoreInputs& in, const Weights& w) {
  Score s;
  auto add = [&](std::string name, std::string input, std::int64_t weight, std::int64_t points) {
    s.total += points;
    s.terms.push_back({std::move(name), std::move(input), weight, points});
  };
  for (std::size_t b = 0; b < kBuckets.size(); ++b) {
    const std::string term = std::string("past_due_") + kBuckets[b];
    const auto& amount = in.position.buckets[b];
    add(term, amount.str(), w.of(term), per_thousand(amount, w.of(term)));
  }
  auto count = [&](const char* term, std::int64_t n) {
    add(term, std::to_string(n), w.of(term), n * w.of(term));
  };
  count("promise_due", in.promises_due);
  count("promise_broken", in.promises_broken);
  count("dispute_past_sla", in.disputes_past_sla);
  count("next_action_due", in.next_action_due ? 1 : 0);
  // A hold weighs when it blocks orders: sales is waiting on the account.
  count("credit_hold", in.orders_held ? 1 : 0);
  // Never contacted counts as the cap: nobody has called yet.
  count("days_since_contact",
        std::min(in.days_since_contact.value_or(w.contact_days_cap), w.contact_days_cap));
  const std::string stage = std::string("stage.") + stage_name(in.stage);
  add("stage", stage_name(in.stage), w.of(stage), w.of(stage));
  return s;
}

std::string points_text(std::int64_t h) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", h < 0 ? "-" : "",
                static_cast<long long>((h < 0 ? -h : h) / 100),
                static_cast<long long>((h < 0 ? -h : h) % 100));
  return buf;
}

std::vector<ConfigKey> score_config_keys() {
  std::vector<ConfigKey> keys;
  for (const auto& d : defaults())
    keys.push_back({std::string(kWeightPrefix) + d.term, d.weight, d.meaning});
  keys.push_back({"collections.contact_days_cap", "30",
                  "most days since the last contact that the worklist score counts (also the "
                  "days counted for a customer never contacted)"});
  keys.push_back({"collections.broken_promise_days", "7",
                  "days a broken promise to pay keeps raising a customer's worklist score"});
  return keys;
}

void validate_score_config(const std::string& key, const std::string& value) {
  if (key.starts_with(kWeightPrefix))
    parse_weight(key, value);
  else if (key == "collections.contact_days_cap" || key == "collections.broken_promise_days")
    parse_days(key, value);
}

}  // namespace arctl::collections
