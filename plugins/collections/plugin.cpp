// The collections plugin: the collector's day. Contacts and portfolios,
// collection strategies and stages, the prioritised worklist, payment
// behaviour and the managers' reports, on the public SDK and the other
// plugins' services only.
#include "arctl/plugin.hpp"
#include "arctl/customer_details.hpp"
#include "behavior.hpp"
#include "commands_reports.hpp"

namespace arctl::collections {
namespace {

// `customer show`: each part of the plugin adds its section.
class Details : public CustomerDetails {
 public:
  void add(Tx& tx, const Customer& c, Date as_of, Json& out) override {
    // Payment behaviour over the last 12 months, as `report behavior`.
    auto behavior = behavior_row(tx, c, as_of, 12);
    behavior.erase("customer");
    behavior.erase("name");
    out["behavior"] = std::move(behavior);
  }
};

}  // namespace

class CollectionsPlugin : public Plugin {
 public:
  PluginInfo info() const override {
    return {"collections", "0.1.0",
            "Contacts, portfolios, worklist, collection strategies and stages, payment behaviour"};
  }
  void init(const PluginHandle& handle) override { handle_ = &handle; }
  void register_commands(CLI::App& app, Context& ctx) override {
    register_reports(app, ctx, handle_);  // report behavior|collector, target set|list
  }
  void provide(Services& services) override {
    services.provide<CustomerDetails>(std::make_shared<Details>());
  }

 private:
  const PluginHandle* handle_ = nullptr;
};

}  // namespace arctl::collections

ARCTL_PLUGIN(arctl::collections::CollectionsPlugin)
