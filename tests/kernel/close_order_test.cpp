// The order of the month-end close's steps: named dependencies, ties by name.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "arctl/close.hpp"

using namespace arctl;

namespace {

CloseStep step(std::string name, std::vector<std::string> after = {}) {
  return CloseStep{std::move(name), "", {}, std::move(after)};
}

std::vector<std::string> names(const std::vector<CloseStep>& steps) {
  std::vector<std::string> out;
  for (const auto& s : steps)
    out.push_back(s.name);
  return out;
}

}  // namespace

TEST_CASE("close steps run after their dependencies, ties by name") {
  auto ordered = order_close_steps(
      {step("z.last", {"b.two"}), step("b.two", {"a.one"}), step("a.one"), step("c.free")},
      {"a", "b", "c", "z"});
  CHECK(names(ordered) == std::vector<std::string>{"a.one", "b.two", "c.free", "z.last"});
  // A step of a plugin that is not loaded is no dependency.
  ordered = order_close_steps({step("b.two", {"gone.step"}), step("a.one", {"b.two"})}, {"a", "b"});
  CHECK(names(ordered) == std::vector<std::string>{"b.two", "a.one"});
}

TEST_CASE("an unknown close step dependency or a cycle is a clear error") {
  CHECK_THROWS_WITH(order_close_steps({step("a.one", {"b.nope"}), step("b.two")}, {"a", "b"}),
                    doctest::Contains("a.one runs after 'b.nope'"));
  CHECK_THROWS_WITH(
      order_close_steps({step("a.one", {"b.two"}), step("b.two", {"a.one"})}, {"a", "b"}),
      doctest::Contains("cycle: a.one, b.two"));
}
