// The gl plugin: journal entries for the company's general ledger from the
// AR journal, export records for idempotent nightly runs, and the AR-to-GL
// reconciliation.
#include <optional>

#include "accounts.hpp"
#include "arctl/events/kernel.hpp"
#include "arctl/invoicing_service.hpp"
#include "arctl/plugin.hpp"
#include "commands.hpp"
#include "config_keys.hpp"
#include "entries.hpp"
#include "source.hpp"
#include "writers.hpp"

namespace arctl::gl {

class GlPlugin : public Plugin {
 public:
  PluginInfo info() const override {
    return {"gl", "0.1.0", "General-ledger export (ledger, hledger, beancount, CSV) and tie-out"};
  }
  std::vector<ConfigKey> config_keys() const override { return gl::config_keys(); }
  void init(const PluginHandle& handle) override { handle_.emplace(handle); }
  void register_commands(CLI::App& app, Context& ctx) override {
    ctx_ = &ctx;
    register_gl(app, ctx, *handle_);
  }
  // A bad account name is refused when it is set, not at month-end.
  void subscribe(EventBus& bus) override {
    bus.on<events::ConfigSet>("gl", [](Tx&, const events::ConfigSet& e, const JournalEntry&) {
      const auto& key = e.key;
      const auto& value = e.value;
      if (key.rfind("gl.account.", 0) == 0 && !value.empty()) validate_account(key, value);
      if (key == "gl.export.format") parse_syntax(value);
      if (key == "gl.close.format" && value != "off") parse_syntax(value);
    });
  }
  void check(Tx& tx, CheckReport& report) override {
    AccountMap map(tx);
    // The lines of invoices come from the invoicing plugin, as in an export.
    EntryBuilder builder(tx, map, ctx_ ? ctx_->service<InvoicingService>() : nullptr);
    DateIndex(tx, *handle_).check(builder, report);
  }
  std::vector<CloseStep> close_steps() override { return {export_step(*handle_)}; }

 private:
  std::optional<PluginHandle> handle_;
  Context* ctx_ = nullptr;
};

}  // namespace arctl::gl

ARCTL_PLUGIN(arctl::gl::GlPlugin)
