// The collection_policy service: the stage from the stage history, the
// letter steps from the customer's strategy.
#include "policy.hpp"

#include "stages.hpp"
#include "strategies.hpp"

namespace arctl::collections {
namespace {

class Policy : public CollectionPolicy {
 public:
  explicit Policy(const PluginHandle& handle) : handle_(handle) {}

  CollectionStanding standing(Tx& tx, const Customer& c) override {
    auto s = stage(tx, c);
    const auto a = assigned_strategy(tx, c);
    s.strategy_set = a.set();
    s.strategy = a.strategy.name;
    for (const auto& step : a.strategy.steps)
      if (step.action == "letter") s.letter_days.push_back(step.days);
    return s;
  }

  CollectionStanding stage(Tx& tx, const Customer& c) override {
    CollectionStanding s;
    const auto st = current_stage(tx, handle_, c.id);
    s.stage = stage_name(st.stage);
    s.escalated = st.stage != Stage::kNormal;
    s.since = st.since;
    s.agency = st.agency;
    s.reason = st.reason;
    s.stage_change = st.change;
    // A written-off account gets no letter: it is no longer collected.
    if (st.stage == Stage::kPreLegal || st.stage == Stage::kLegal || st.stage == Stage::kAgency)
      s.stage_letter = "notice-" + s.stage + ".txt.mustache";
    return s;
  }

 private:
  const PluginHandle& handle_;
};

}  // namespace

std::shared_ptr<CollectionPolicy> make_policy(const PluginHandle& handle) {
  return std::make_shared<Policy>(handle);
}

}  // namespace arctl::collections
