// A misbehaving plugin for the end-to-end fault tests: "testthrow" adds
// commands that write and then throw, an event handler that throws on the
// event type named by ARCTL_TEST_THROW_ON, and access to its own tables.
// Built again under a name with a dot (bad_name.so), the host must refuse it.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>

#include <arctl/error.hpp>
#include <arctl/plugin.hpp>

#ifndef TESTTHROW_NAME
#define TESTTHROW_NAME "testthrow"
#endif

namespace arctl::testthrow {
namespace {

// Throws the kind of exception a buggy or hostile plugin might: a standard
// exception, an arctl::Error, or something that is not an exception at all.
[[noreturn]] void throw_kind(const std::string& kind, const std::string& what) {
  if (kind == "arctl") fail(ErrorKind::kConflict, what);
  if (kind == "int") throw 42;
  throw std::runtime_error(what);
}

std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

}  // namespace

class TestThrowPlugin : public Plugin {
 public:
  PluginInfo info() const override {
    return {TESTTHROW_NAME, "0.0.1", "End-to-end test plugin: fails on purpose"};
  }

  void init(const PluginHandle& handle) override { handle_.emplace(handle); }

  void register_commands(CLI::App& app, Context& ctx) override {
    auto* top = app.add_subcommand("testthrow", "Commands that fail on purpose");
    top->require_subcommand(1);

    // Writes to the kernel (a config key) and to its own table, then throws
    // inside the same transaction: none of it may be committed.
    auto* boom = top->add_subcommand("boom", "Write, then throw inside the transaction");
    boom->add_option("--kind", kind_, "std, arctl or int")->default_val("std");
    boom->callback([this, &ctx] {
      ctx.ledger().write([&](Tx& tx) {
        tx.set_config("testthrow.written", "yes");
        tx.table(*handle_, "scratch").put("k", "v");
        throw_kind(kind_, "testthrow boom: deliberate failure");
      });
    });

    // Throws outside any transaction.
    auto* plain = top->add_subcommand("plain", "Throw before touching the ledger");
    plain->add_option("--kind", kind_, "std, arctl or int")->default_val("std");
    plain->callback([this] { throw_kind(kind_, "testthrow plain: deliberate failure"); });

    // put TABLE KEY VALUE: a write to one of its own tables; prints the
    // table's full name in the store.
    auto* put = top->add_subcommand("put", "Write KEY=VALUE to the plugin table TABLE");
    put->add_option("table", table_)->required();
    put->add_option("key", key_)->required();
    put->add_option("value", value_)->required();
    put->callback([this, &ctx] {
      const auto name = ctx.ledger().write([&](Tx& tx) {
        auto t = tx.table(*handle_, table_);
        t.put(key_, value_);
        return t.name();
      });
      ctx.out() << name << '\n';
    });

    // get TABLE KEY: prints the value, exit 3 when absent.
    auto* get = top->add_subcommand("get", "Print KEY from the plugin table TABLE");
    get->add_option("table", table_)->required();
    get->add_option("key", key_)->required();
    get->callback([this, &ctx] {
      const auto v =
          ctx.ledger().read([&](Tx& tx) { return tx.table(*handle_, table_).get(key_); });
      if (!v) fail_not_found("no key '" + key_ + "' in table '" + table_ + "'");
      ctx.out() << *v << '\n';
    });
  }

  // Every event passes through; the one named by ARCTL_TEST_THROW_ON makes
  // the handler write to its table and then throw, vetoing the transaction.
  void subscribe(EventBus& bus) override {
    bus.subscribe("*", TESTTHROW_NAME, [this](Tx& tx, const JournalEntry& e) {
      if (e.type != env_or("ARCTL_TEST_THROW_ON", "")) return;
      tx.table(*handle_, "seen").put(std::to_string(e.seq), e.type);
      throw_kind(env_or("ARCTL_TEST_THROW_KIND", "std"),
                 "testthrow refuses '" + e.type + "' on purpose");
    });
  }

 private:
  std::optional<PluginHandle> handle_;
  std::string kind_, table_, key_, value_;
};

}  // namespace arctl::testthrow

ARCTL_PLUGIN(arctl::testthrow::TestThrowPlugin)
