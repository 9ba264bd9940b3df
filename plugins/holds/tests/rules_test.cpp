// Hold rule configuration: defaults, strict parsing, unknown keys refused.
#include <doctest/doctest.h>

#include "arctl/error.hpp"
#include "rules.hpp"

using namespace arctl;
using namespace arctl::holds;

TEST_CASE("holds rules default to over_limit and returned_payment on, past_due off at 60 days") {
  const Rules r;
  CHECK(r.over_limit);
  CHECK(r.over_limit_pct.micros == 0);
  CHECK_FALSE(r.past_due);
  CHECK(r.past_due_days == 60);
  CHECK(r.returned_payment);
  CHECK(r.returned_payment_days == 90);
  CHECK(r.broken_promise);
  CHECK(r.broken_promise_days == 30);
  CHECK_FALSE(r.guarantee_expired);
  CHECK_FALSE(r.review_passed);
  CHECK_FALSE(r.block_invoicing);
  CHECK_FALSE(r.net_unapplied);
}

TEST_CASE("holds rules parse on/off/true/false, days and percentages strictly") {
  Rules r;
  r.set("holds.rule.past_due", "on");
  CHECK(r.past_due);
  r.set("holds.rule.past_due", "false");
  CHECK_FALSE(r.past_due);
  r.set("holds.past_due_days", "45");
  CHECK(r.past_due_days == 45);
  r.set("holds.over_limit_pct", "12.5%");
  CHECK(r.over_limit_pct.micros == 125000);  // 0.125
  r.set("holds.over_limit_pct", "10");
  CHECK(r.over_limit_pct.micros == 100000);

  CHECK_THROWS_AS(r.set("holds.rule.past_due", "yes please"), Error);
  CHECK_THROWS_AS(r.set("holds.rule.past_due", "ON"), Error);
  CHECK_THROWS_AS(r.set("holds.past_due_days", "60d"), Error);
  CHECK_THROWS_AS(r.set("holds.past_due_days", "-1"), Error);
  CHECK_THROWS_AS(r.set("holds.past_due_days", ""), Error);
  CHECK_THROWS_AS(r.set("holds.over_limit_pct", "-5"), Error);
  CHECK_THROWS_AS(r.set("holds.past_due_min_amount", "1e3"), Error);
}

TEST_CASE("holds config: a misspelt key is refused with the list of keys") {
  try {
    Rules::validate("holds.rule.pastdue", "on");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kConflict);
    CHECK(std::string(e.what()).find("holds.rule.past_due") != std::string::npos);
  }
}

TEST_CASE("holds reason codes are the eight documented ones") {
  CHECK(reason_codes().size() == 8);
  CHECK(is_reason("manual"));
  CHECK(is_reason("collection_stage"));
  CHECK(is_reason("guarantee_expired"));
  CHECK_FALSE(is_reason("overdue"));
  CHECK_THROWS_AS(require_reason("overdue"), Error);
}
