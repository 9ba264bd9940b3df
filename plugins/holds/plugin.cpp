// The holds plugin: credit lines, credit holds (by rule and by hand), the
// order-release check, live re-evaluation and the month-end evaluation step.
#include <optional>

#include "arctl/open_orders.hpp"
#include "arctl/plugin.hpp"
#include "commands.hpp"
#include "config_keys.hpp"
#include "hold_tables_check.hpp"
#include "live.hpp"

namespace arctl::holds {
namespace {

class Service : public HoldService {
 public:
  explicit Service(State* st) : st_(st) {}
  HoldStatus status(Tx& tx, std::string_view customer) override {
    return st_->holds.status(tx, std::string(customer));
  }

 private:
  State* st_;
};

class Orders : public OpenOrderService {
 public:
  explicit Orders(State* st) : st_(st) {}
  Money open_orders(Tx& tx, std::string_view customer) override {
    const auto c = tx.customer(customer);
    Money total = Money::zero(c.currency);
    for (const auto& o : st_->holds.store().orders_of(tx, c.id))
      total = total + o.amount;
    return total;
  }

 private:
  State* st_;
};

}  // namespace

class HoldsPlugin : public Plugin {
 public:
  PluginInfo info() const override {
    return {"holds", "0.1.0",
            "Credit limits and terms, credit holds by rule and by hand, order-release checks"};
  }
  std::vector<ConfigKey> config_keys() const override { return holds::config_keys(); }
  void init(const PluginHandle& handle) override {
    handle_ = &handle;
    state_.emplace(handle);
  }
  void register_commands(CLI::App& app, Context& ctx) override {
    state_->ctx = &ctx;
    register_credit(app, ctx, *state_);
    register_hold(app, ctx, *state_);
  }
  void subscribe(EventBus& bus) override { subscribe_live(bus, *state_); }
  void provide(Services& services) override {
    services.provide<HoldService>(std::make_shared<Service>(&*state_));
    services.provide<OpenOrderService>(std::make_shared<Orders>(&*state_));
  }
  void check(Tx& tx, CheckReport& report) override {
    check_records(tx, state_->holds.store(), *handle_, report);
  }
  std::vector<CloseStep> close_steps() override {
    return {{"holds.evaluate",
             "Place and release automatic credit holds by the rules",
             [this](Context& ctx, Tx& tx, const CloseRun& run) {
               const auto rules = Rules::load(tx);
               auto o = assess_options(ctx, rules);
               o.today = run.as_of;
               const auto s = state_->holds.evaluate_all(tx, std::nullopt, o);
               StepResult r;
               r.summary = std::to_string(s.placed()) + " holds placed, " +
                           std::to_string(s.released()) + " released, " +
                           std::to_string(s.on_hold) + " customers on hold";
               r.figures =
                   Json{{"placed", s.placed()}, {"released", s.released()}, {"on_hold", s.on_hold}};
               return r;
             },
             {"payments.auto", "disputes.escalate"}}};
  }

 private:
  const PluginHandle* handle_ = nullptr;
  std::optional<State> state_;
};

}  // namespace arctl::holds

ARCTL_PLUGIN(arctl::holds::HoldsPlugin)
