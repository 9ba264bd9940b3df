// Unit tests of bucket edges, integer percentages and safe file names.
#include <doctest/doctest.h>

#include "arctl/error.hpp"
#include "report_parts.hpp"

using namespace arctl::statements;

TEST_CASE("default buckets label current, 1-30 ... >120") {
  Buckets b;
  CHECK(b.labels() ==
        std::vector<std::string>{"current", "1-30", "31-60", "61-90", "91-120", ">120"});
  CHECK(b.index(-5) == 0);
  CHECK(b.index(0) == 0);
  CHECK(b.index(1) == 1);
  CHECK(b.index(30) == 1);
  CHECK(b.index(31) == 2);
  CHECK(b.index(120) == 4);
  CHECK(b.index(121) == 5);
}

TEST_CASE("custom bucket edges parse and must increase") {
  const auto b = Buckets::parse("15, 45");
  CHECK(b.labels() == std::vector<std::string>{"current", "1-15", "16-45", ">45"});
  CHECK(b.index(16) == 2);
  CHECK_THROWS_AS(Buckets::parse("30,30"), arctl::Error);
  CHECK_THROWS_AS(Buckets::parse("30,x"), arctl::Error);
  CHECK_THROWS_AS(Buckets::parse(""), arctl::Error);
}

TEST_CASE("percentages round half away from zero in integers") {
  CHECK(percent(1, 3) == "33.33");
  CHECK(percent(2, 3) == "66.67");
  CHECK(percent(-1, 8) == "-12.50");
  CHECK(percent(5, 0) == "0.00");
  CHECK(ratio_str(45, 2, 1) == "22.5");
  CHECK(ratio_str(-1, 3, 2) == "-0.33");
  CHECK(ratio_str(1, 200, 2) == "0.01");
}

TEST_CASE("safe file names never traverse and never collide") {
  CHECK(safe_file_name("ACME") == "ACME");
  const auto up = safe_file_name("../etc/passwd");
  CHECK(up.find('/') == std::string::npos);
  CHECK(up[0] != '.');
  CHECK(safe_file_name("a/b") != safe_file_name("a_b"));
  CHECK(safe_file_name("a/b") != safe_file_name("a\\b"));
  CHECK(safe_file_name("") == "_~811c9dc5");
  CHECK(safe_file_name(std::string(300, 'x')).size() <= 110);
}
