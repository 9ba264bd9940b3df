// A plugin for the end-to-end tests whose provide() registers a service and
// then throws: the host must refuse it and roll the registration back, so that
// no service outlives the library it came from.
#include <stdexcept>

#include <arctl/plugin.hpp>

#include "probe_service.hpp"

namespace arctl::testprovide {

class Probe final : public test::ProbeService {
 public:
  const char* hello() override { return "from a refused plugin"; }
};

class TestProvidePlugin : public Plugin {
 public:
  PluginInfo info() const override {
    return {"testprovide", "0.0.1", "End-to-end test plugin: provide() fails after registering"};
  }
  void provide(Services& services) override {
    services.provide<test::ProbeService>(std::make_shared<Probe>());
    throw std::runtime_error("testprovide: provide() fails on purpose");
  }
};

}  // namespace arctl::testprovide

ARCTL_PLUGIN(arctl::testprovide::TestProvidePlugin)
