// What the collections plugin tells the other plugins about a customer: its
// collection stage (pre-legal, legal, agency, written off), which stops
// routine dunning and puts it on credit hold, and the letter steps of its
// collection strategy, which replace the dunning levels when one is set.
// Consumers ask for it with ctx.service<CollectionPolicy>() and carry on
// unchanged when the collections plugin is not loaded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arctl/api.hpp"
#include "arctl/date.hpp"
#include "arctl/ledger.hpp"
#include "arctl/model.hpp"

namespace arctl {

struct ARCTL_API CollectionStanding {
  std::string stage = "normal";  // normal, pre-legal, legal, agency, written-off
  // Pre-legal or later: no routine dunning notice, and a credit hold
  // (reason collection_stage).
  bool escalated = false;
  Date since{};        // the business date of the last stage change (unset: never staged)
  std::string agency;  // for the agency stage
  std::string reason;  // why, as given with the change
  // Identifies the change into the current stage (its journal sequence), so
  // that the stage's own letter goes once per change; 0 when never staged.
  std::uint64_t stage_change = 0;
  // The template of the stage's own letter, without its directory
  // ("notice-legal.txt.mustache"); empty when the stage has none.
  std::string stage_letter;

  // True when the customer has a strategy set (its own, its segment's or
  // collections.strategy.default): its notices then follow letter_days
  // instead of the dunning levels. False: the dunning levels apply.
  bool strategy_set = false;
  std::string strategy;          // the strategy's name
  std::vector<int> letter_days;  // days past due of its letter steps, ascending
};

// Provided by the collections plugin.
class ARCTL_API CollectionPolicy {
 public:
  static constexpr std::string_view kName = "collection_policy";
  virtual ~CollectionPolicy() = default;
  // The customer's stage and letter steps. Cost: a range scan of its stage
  // history and a few point reads of the strategy keys of config.
  // Errors: kConflict when the strategy it names is not defined or is malformed.
  virtual CollectionStanding standing(Tx& tx, const Customer& c) = 0;
  // The stage only (the strategy fields left unset), for credit holds: never
  // fails on a strategy's config. Cost: a range scan of its stage history.
  virtual CollectionStanding stage(Tx& tx, const Customer& c) = 0;
};

}  // namespace arctl
