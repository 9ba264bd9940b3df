// Unit tests of the escalation ladder: parsing and the SLA boundary.
#include <doctest/doctest.h>

#include "arctl/error.hpp"
#include "ladder.hpp"

using namespace arctl;
using namespace arctl::disputes;

TEST_SUITE("disputes") {
  TEST_CASE("the default ladder has seven levels in order") {
    const auto l = Ladder::parse(kDefaultLadder);
    REQUIRE(l.levels().size() == 7);
    CHECK(l.first().name == "analyst");
    CHECK(l.sla("analyst") == 5);
    CHECK(l.sla("team-lead") == 10);
    CHECK(l.sla("sales") == 15);
    CHECK(l.sla("management") == 20);
    CHECK(l.next("management")->name == "pre-legal");
    CHECK(l.next("legal")->name == "agency");
    CHECK(l.next("agency") == nullptr);
    CHECK(l.next("no-such-level") == nullptr);
    CHECK(l.sla("no-such-level") == 0);
  }

  TEST_CASE("a case is overdue once more than its SLA days have passed") {
    const auto l = Ladder::parse(kDefaultLadder);
    const auto since = make_date(2026, 1, 1);
    CHECK_FALSE(l.overdue("analyst", since, make_date(2026, 1, 6)));  // 5 days: still in SLA
    CHECK(l.overdue("analyst", since, make_date(2026, 1, 7)));        // 6 days
    CHECK_FALSE(l.overdue("team-lead", make_date(2026, 1, 7), make_date(2026, 1, 8)));
    CHECK_FALSE(l.overdue("team-lead", make_date(2026, 1, 7), make_date(2026, 1, 17)));
    CHECK(l.overdue("team-lead", make_date(2026, 1, 7), make_date(2026, 1, 18)));
    CHECK_FALSE(l.overdue("gone", since, make_date(2030, 1, 1)));
  }

  TEST_CASE("a custom ladder parses and bad ones are refused with exit 4") {
    const auto l = Ladder::parse("first:1,second:2");
    CHECK(l.levels().size() == 2);
    CHECK(l.next("first")->sla_days == 2);
    for (const char* bad :
         {"", "a", "a:", ":3", "a:0", "a:x", "a:3,a:4", "a:3,,b:2", "a b:3", "a:3650,b:3651"}) {
      CAPTURE(bad);
      try {
        Ladder::parse(bad);
        FAIL("accepted");
      } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::kConflict);
      }
    }
  }
}
