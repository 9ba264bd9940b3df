// hello: the smallest useful arctl plugin. It adds `arctl hello [NAME]`, which
// greets NAME and counts the ledger's customers, in every output format.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include <arctl/plugin.hpp>

namespace arctl::hello {

class HelloPlugin : public Plugin {
 public:
  PluginInfo info() const override {
    return {"hello", "1.0.0", "Greets you and counts the ledger's customers (example plugin)"};
  }

  void register_commands(CLI::App& app, Context& ctx) override {
    // Options outlive this call: the callback runs after parsing.
    auto name = std::make_shared<std::string>("world");
    auto* cmd = app.add_subcommand("hello", "Greet NAME and count the ledger's customers");
    cmd->add_option("name", *name, "Who to greet")->capture_default_str();
    cmd->callback([&ctx, name] {
      const std::uint64_t customers = ctx.ledger().read([&](Tx& tx) {
        std::uint64_t n = 0;
        tx.for_each_customer([&](const Customer&) {
          ++n;
          return true;
        });
        return n;
      });
      Json r;
      r["greeting"] = "Hello, " + *name + "!";
      r["customers"] = customers;
      if (ctx.format() == Format::kTable)
        ctx.out() << r["greeting"].get<std::string>() << "\nThe ledger has " << customers
                  << (customers == 1 ? " customer.\n" : " customers.\n");
      else
        ctx.print(r);
    });
  }
};

}  // namespace arctl::hello

ARCTL_PLUGIN(arctl::hello::HelloPlugin)
