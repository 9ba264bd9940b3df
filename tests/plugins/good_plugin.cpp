// A plugin for the end-to-end tests: "testgood" adds the command `testgood`,
// which prints "testgood ok", and `testgood-probe`, which says whether a
// ProbeService provider is registered ("present" or "absent"). Built a second time with a bogus
// ARCTL_PLUGIN_ABI_STRING, it is the plugin the host must refuse unopened.
#include <CLI/CLI.hpp>

#include <arctl/plugin.hpp>

#include "probe_service.hpp"

namespace arctl::testgood {

class TestGoodPlugin : public Plugin {
 public:
  PluginInfo info() const override {
    return {"testgood", "0.0.1", "End-to-end test plugin: adds `arctl testgood`"};
  }

  void register_commands(CLI::App& app, Context& ctx) override {
    auto* cmd = app.add_subcommand("testgood", "Print 'testgood ok'");
    cmd->callback([&ctx] { ctx.out() << "testgood ok\n"; });
    auto* probe = app.add_subcommand("testgood-probe", "Say whether a ProbeService is provided");
    probe->callback([&ctx] {
      ctx.out() << (ctx.service<test::ProbeService>() ? "present" : "absent") << '\n';
    });
  }
};

}  // namespace arctl::testgood

ARCTL_PLUGIN(arctl::testgood::TestGoodPlugin)
