// The payments plugin: cash application.
#include <optional>

#include "arctl/events/kernel.hpp"
#include "arctl/plugin.hpp"
#include "commands.hpp"
#include "config_keys.hpp"
#include "matching.hpp"

namespace arctl::payments {

class PaymentsPlugin : public Plugin {
 public:
  PluginInfo info() const override {
    return {"payments", "0.1.0",
            "Receipts, bank statement imports, automatic and manual cash application, returns, "
            "refunds"};
  }
  std::vector<ConfigKey> config_keys() const override { return payments::config_keys(); }
  void init(const PluginHandle& handle) override { domain_.emplace(handle); }
  void subscribe(EventBus& bus) override {
    // A bad value is refused when it is set, not at the next receipt.
    bus.on<events::ConfigSet>("payments", [](Tx&, const events::ConfigSet& e, const JournalEntry&) {
      validate_config(e.key, e.value);
    });
  }
  void register_commands(CLI::App& app, Context& ctx) override {
    payments::register_commands(app, ctx, *domain_);
  }
  std::vector<CloseStep> close_steps() override {
    return {{"payments.auto", "Release post-dated cheques now due and apply what matches",
             [this](Context& ctx, Tx& tx, const CloseRun& run) {
               AutoOptions o;
               o.today = run.as_of;
               (void)ctx;
               const auto r = run_auto(tx, *domain_, o);
               StepResult out;
               std::uint64_t queued = 0;
               for (const auto& [reason, n] : r.for_review)
                 queued += n;
               out.summary = std::to_string(r.receipts_seen) + " receipts examined, " +
                             std::to_string(r.unapplied_receipts) + " left unapplied, " +
                             std::to_string(queued) + " for review";
               out.figures = r.to_json();
               return out;
             }}};
  }

 private:
  std::optional<Payments> domain_;
};

}  // namespace arctl::payments

ARCTL_PLUGIN(arctl::payments::PaymentsPlugin)
