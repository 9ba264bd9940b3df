// The collections plugin: the collector's day. Contacts and portfolios,
// collection strategies and stages, the prioritised worklist, payment
// behaviour and the managers' reports, on the public SDK and the other
// plugins' services only.
#include "arctl/plugin.hpp"
#include "arctl/contacts.hpp"
#include "arctl/customer_details.hpp"
#include "arctl/events/kernel.hpp"
#include "behavior.hpp"
#include "commands.hpp"
#include "commands_reports.hpp"
#include "contacts.hpp"
#include "policy.hpp"
#include "score.hpp"
#include "stages.hpp"
#include "strategies.hpp"

namespace arctl::collections {
namespace {

// `customer show`: each part of the plugin adds its section.
class Details : public CustomerDetails {
 public:
  Details(const PluginHandle& handle, const Services& services)
      : handle_(handle), services_(services) {}
  void add(Tx& tx, const Customer& c, Date as_of, Json& out) override {
    Json contacts = Json::array();
    for (const auto& k : Contacts(tx, handle_).list(c.id))
      contacts.push_back(contact_row(k));
    out["contacts"] = std::move(contacts);
    // Strategy, stage and stage history.
    out["collection"] = collection_details(tx, handle_, c);
    // Payment behaviour over the last 12 months, as `report behavior`.
    auto behavior = behavior_row(tx, c, as_of, 12, services_.find<FollowUpService>());
    behavior.erase("customer");
    behavior.erase("name");
    out["behavior"] = std::move(behavior);
  }

 private:
  const PluginHandle& handle_;
  const Services& services_;  // the host's: other plugins' services, looked up when used
};

// Whom the mail plugin writes to (arctl/contacts.hpp).
class Directory : public ContactDirectory {
 public:
  explicit Directory(const PluginHandle& handle) : handle_(handle) {}
  std::optional<MailAddress> address_for(Tx& tx, std::string_view customer,
                                         std::string_view role) override {
    const auto c = Contacts(tx, handle_).to_email(std::string(customer), std::string(role));
    if (!c) return std::nullopt;
    return MailAddress{c->name, c->email, c->language};
  }

 private:
  const PluginHandle& handle_;
};

}  // namespace

class CollectionsPlugin : public Plugin {
 public:
  PluginInfo info() const override {
    return {"collections", "0.1.0",
            "Contacts, portfolios, worklist, collection strategies and stages, payment behaviour"};
  }
  void init(const PluginHandle& handle) override { handle_ = &handle; }
  std::vector<ConfigKey> config_keys() const override {
    auto keys = score_config_keys();  // the worklist's weights
    for (auto& k : strategy_config_keys())
      keys.push_back(std::move(k));
    return keys;
  }
  void register_commands(CLI::App& app, Context& ctx) override {
    register_contact(app, ctx, *handle_);
    register_portfolio(app, ctx);
    register_worklist(app, ctx, *handle_);
    register_collection(app, ctx, *handle_);  // stages and strategies
    register_report_stages(app, ctx, *handle_);
    register_reports(app, ctx, handle_);  // report behavior|collector, target set|list
  }
  void subscribe(EventBus& bus) override {
    // A worklist weight or a strategy that does not parse is refused at
    // `config set`.
    bus.on<events::ConfigSet>("collections",
                              [](Tx& tx, const events::ConfigSet& e, const JournalEntry&) {
                                validate_score_config(e.key, e.value);
                                validate_strategy_config(tx, e.key, e.value);
                              });
  }
  void check(Tx& tx, CheckReport& report) override { check_contacts(tx, *handle_, report); }
  void provide(Services& services) override {
    services.provide<CustomerDetails>(std::make_shared<Details>(*handle_, services));
    services.provide<CollectionPolicy>(make_policy(*handle_));
    services.provide<ContactDirectory>(std::make_shared<Directory>(*handle_));
  }

 private:
  const PluginHandle* handle_ = nullptr;
};

}  // namespace arctl::collections

ARCTL_PLUGIN(arctl::collections::CollectionsPlugin)
