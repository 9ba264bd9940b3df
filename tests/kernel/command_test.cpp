// The mutating-command helper (arctl/command.hpp): --dry-run, the option
// check before the ledger is opened, one transaction, and what is printed in
// each format; and command groups.
#include <doctest/doctest.h>

#include <CLI/CLI.hpp>
#include <sstream>
#include <string>

#include "arctl/command.hpp"
#include "arctl/error.hpp"
#include "tmpdir.hpp"

using namespace arctl;

namespace {

// A command line `arctl set KEY VALUE [--dry-run]` over a ledger in a
// temporary directory, printing into strings.
struct Cli {
  explicit Cli(std::optional<Format> format = Format::kTable, bool quiet = false)
      : ctx(options(format, quiet), out, err) {}

  GlobalOptions options(std::optional<Format> format, bool quiet) {
    GlobalOptions o;
    o.dir = dir.path() / "ledger";
    o.format = format;
    o.quiet = quiet;
    return o;
  }
  // Parses `line` and runs the chosen command's callback.
  void run(const std::string& line) { app.parse(line, false); }
  std::optional<std::string> stored(const std::string& key) {
    return ctx.ledger().read([&](Tx& tx) { return tx.config(key); });
  }

  test::TempDir dir;
  std::ostringstream out, err;
  Context ctx;
  CLI::App app;
};

// `set KEY VALUE`: stores a setting; the check refuses an empty key.
void add_set(Cli& c) {
  auto key = std::make_shared<std::string>();
  auto value = std::make_shared<std::string>();
  auto* cmd = c.app.add_subcommand("set");
  cmd->add_option("key", *key);
  cmd->add_option("value", *value);
  mutating(
      cmd, c.ctx,
      [key] {
        if (key->empty()) fail_usage("give a KEY");
      },
      [key, value](Tx& tx) {
        tx.set_config(*key, *value);
        return Report::line(Json{{"key", *key}, {"value", *value}}, *key + " = " + *value);
      });
}

}  // namespace

TEST_CASE("a mutating command commits, or under --dry-run keeps nothing, and reports") {
  Cli c;
  c.ctx.create_ledger();
  add_set(c);
  SUBCASE("one line in a table") {
    c.run("set local.a 1");
    CHECK(c.out.str() == "local.a = 1\n");
    CHECK(c.stored("local.a") == "1");
  }
  SUBCASE("the data in the other formats") {
    c.ctx.options().format = Format::kJson;
    c.run("set local.a 1");
    CHECK(Json::parse(c.out.str()) == Json{{"key", "local.a"}, {"value", "1"}});
  }
  SUBCASE("--dry-run runs the write, reports it and keeps nothing") {
    c.run("set local.a 1 --dry-run");
    CHECK(c.out.str() == "local.a = 1\n");
    CHECK_FALSE(c.stored("local.a"));
  }
}

TEST_CASE("the option check runs before the ledger is opened") {
  Cli c;  // no ledger: opening one would be kNotFound
  add_set(c);
  try {
    c.run("set");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kUsage);
  }
  CHECK(c.out.str().empty());
}

TEST_CASE("a write that fails prints nothing and keeps nothing") {
  Cli c;
  c.ctx.create_ledger();
  auto* cmd = c.app.add_subcommand("fail");
  mutating(cmd, c.ctx, [](Tx& tx) -> Report {
    tx.set_config("local.a", "1");
    fail_conflict("refused");
  });
  CHECK_THROWS_AS(c.run("fail"), Error);
  CHECK(c.out.str().empty());
  CHECK_FALSE(c.stored("local.a"));
}

TEST_CASE("a list prints its rows, or in a table the none line, then the note") {
  for (const bool empty : {true, false}) {
    for (const auto format : {Format::kTable, Format::kJson}) {
      Cli c(format);
      c.ctx.create_ledger();
      auto* cmd = c.app.add_subcommand("list");
      mutating(cmd, c.ctx, [empty](Tx&) {
        auto r = Report::rows(empty ? Json::array() : Json::array({{{"id", "A"}}}), "None");
        r.note = "1 examined";
        return r;
      });
      c.run("list");
      if (format == Format::kTable && empty)
        CHECK(c.out.str() == "None\n");
      else if (format == Format::kTable)
        CHECK(c.out.str().find('A') != std::string::npos);
      else
        CHECK(Json::parse(c.out.str()) == (empty ? Json::array() : Json::array({{{"id", "A"}}})));
      CHECK(c.err.str() == "1 examined\n");
    }
  }
}

TEST_CASE("a note is not printed with -q, and an empty list without a none line prints nothing") {
  Cli c(Format::kTable, true);
  c.ctx.create_ledger();
  auto* cmd = c.app.add_subcommand("list");
  mutating(cmd, c.ctx, [](Tx&) {
    auto r = Report::rows(Json::array());
    r.note = "0 examined";
    return r;
  });
  c.run("list");
  CHECK(c.out.str().empty());
  CHECK(c.err.str().empty());
}

TEST_CASE("--dry-run is listed after the command's own options") {
  Cli c;
  add_set(c);
  const auto options = c.app.get_subcommand("set")->get_options();
  REQUIRE(options.size() >= 3);
  CHECK(options[options.size() - 2]->get_name() == "value");
  CHECK(options.back()->get_name() == "--dry-run");
}

TEST_CASE("a group needs one of its subcommands and holds them in the order listed") {
  Cli c;
  int n = 1;
  auto* group =
      add_group(c.app, "thing", "Things", c.ctx,
                {+[](CLI::App& g, Context&, int&) { g.add_subcommand("b"); },
                 +[](CLI::App& g, Context&, int& i) { g.add_subcommand("a" + std::to_string(i)); }},
                n);
  const auto subs = group->get_subcommands([](CLI::App*) { return true; });
  REQUIRE(subs.size() == 2);
  CHECK(subs[0]->get_name() == "b");
  CHECK(subs[1]->get_name() == "a1");
  CHECK_THROWS_AS(c.app.parse("thing", false), CLI::RequiredError);
}
