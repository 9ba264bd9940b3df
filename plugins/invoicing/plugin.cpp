// The invoicing plugin: invoices, credit and debit notes, voids, rebills,
// imports and printable invoices.
#include <memory>
#include <optional>

#include "arctl/plugin.hpp"
#include "commands.hpp"
#include "config_keys.hpp"
#include "service.hpp"

namespace arctl::invoicing {

class InvoicingPlugin : public Plugin {
 public:
  PluginInfo info() const override {
    return {"invoicing", "0.1.0", "Invoices, credit and debit notes, voids, rebills, imports"};
  }
  std::vector<ConfigKey> config_keys() const override { return invoicing::config_keys(); }
  void init(const PluginHandle& handle) override { domain_.emplace(handle); }
  void register_commands(CLI::App& app, Context& ctx) override {
    invoicing::register_commands(app, ctx, *domain_);
  }
  void provide(Services& services) override {
    services.provide<InvoicingService>(std::make_shared<InvoicingServiceImpl>(domain_));
  }

 private:
  std::optional<Invoicing> domain_;
};

}  // namespace arctl::invoicing

ARCTL_PLUGIN(arctl::invoicing::InvoicingPlugin)
