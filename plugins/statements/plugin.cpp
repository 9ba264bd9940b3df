// The statements plugin: aging, statements of account, past-due notices and
// the DSO, CEI, forecast and activity reports, plus its month-end steps.
#include <optional>

#include "arctl/events/kernel.hpp"
#include "arctl/plugin.hpp"
#include "asof.hpp"
#include "close.hpp"
#include "commands.hpp"
#include "config_keys.hpp"
#include "credits.hpp"
#include "notices.hpp"
#include "statement.hpp"

namespace arctl::statements {

class StatementsPlugin : public Plugin {
 public:
  PluginInfo info() const override {
    return {"statements", "0.1.0",
            "Aging, statements of account, past-due notices, DSO, CEI, forecast and activity"};
  }
  std::vector<ConfigKey> config_keys() const override { return statements::config_keys(); }
  void init(const PluginHandle& handle) override { handle_.emplace(handle); }
  void register_commands(CLI::App& app, Context& ctx) override {
    register_aging(app, ctx, *handle_);
    register_statement(app, ctx, *handle_);
    register_notice(app, ctx, *handle_);
    register_report(app, ctx, *handle_);
  }
  void subscribe(EventBus& bus) override {
    bus.on<events::ConfigSet>("statements",
                              [](Tx&, const events::ConfigSet& e, const JournalEntry&) {
                                validate_notice_config(e.key, e.value);
                                validate_sender_config(e.key, e.value);
                                validate_credits_config(e.key, e.value);
                              });
  }
  std::vector<CloseStep> close_steps() override { return statements::close_steps(*handle_); }

 private:
  std::optional<PluginHandle> handle_;
};

}  // namespace arctl::statements

ARCTL_PLUGIN(arctl::statements::StatementsPlugin)
