// The pure parts of the matching rules: how ids are read in remittance text,
// and the combination search that must see every set, not only the first.
#include <doctest/doctest.h>

#include <algorithm>

#include "combination.hpp"
#include "references.hpp"

using namespace arctl::payments;

namespace {

// The keys of every span of `text`, for ids of up to `parts` runs.
std::vector<std::string> keys(const std::string& text, std::size_t parts = 8) {
  std::vector<std::string> out;
  for (const auto& s : text_spans(text, parts))
    out.push_back(s.key);
  return out;
}

bool names(const std::string& text, const std::string& id) {
  const auto k = keys(text);
  return std::find(k.begin(), k.end(), reference_key(id)) != k.end();
}

}  // namespace

TEST_CASE("an id's normal form ignores case, separators and leading zeros") {
  CHECK(reference_key("INV-2026-000014") == "INV|2026|14|");
  CHECK(reference_key("inv 2026 14") == "INV|2026|14|");
  CHECK(reference_key("Inv/2026.000014") == "INV|2026|14|");
  CHECK(reference_key("0000611365") == "611365|");
  CHECK(reference_key("000") == "0|");
  CHECK(reference_key("A12") == "A|12|");
  CHECK(reference_key("--") == "");
  CHECK(reference_parts("INV|2026|14|") == 3);
}

TEST_CASE("remittance text names ids the way people type them") {
  CHECK(names("pmt inv 2026 000014 thanks", "INV-2026-000014"));
  CHECK(names("INV-2026-14", "INV-2026-000014"));
  CHECK(names("Invoice 611365", "0000611365"));
  CHECK(names("inv_2026_14.", "INV-2026-000014"));
}

TEST_CASE("boundaries stay strict: A1 is never found inside A12") {
  CHECK_FALSE(names("A12", "A1"));
  CHECK_FALSE(names("paid a12", "A1"));
  CHECK(names("paid a12", "A12"));
  CHECK_FALSE(names("INV-2026-140", "INV-2026-14"));
  CHECK_FALSE(names("XINV-2026-14", "INV-2026-14"));
}

TEST_CASE("characters other than the five separators end an id") {
  CHECK(names("INV-14 & INV-15", "INV-15"));
  CHECK_FALSE(names("INV, 14", "INV-14"));
  CHECK_FALSE(names("INV#14", "INV-14"));
}

TEST_CASE("a shorter reading inside a longer one is inside it") {
  const auto spans = text_spans("INV-2026-14", 3);
  const auto whole =
      *std::find_if(spans.begin(), spans.end(), [](auto& s) { return s.count == 3; });
  const auto last = *std::find_if(spans.begin(), spans.end(),
                                  [](auto& s) { return s.count == 1 && s.first == 2; });
  CHECK(inside(last, whole));
  CHECK_FALSE(inside(whole, whole));
}

TEST_CASE("the combination search finds every set up to the limit, smallest first") {
  CombinationSearch search;
  // 30+70 and 40+60 both make 100.
  auto sets = search.find({30, 70, 40, 60}, 100, 5);
  REQUIRE(sets.size() == 2);
  CHECK(sets[0] == std::vector<std::size_t>{0, 1});
  CHECK(sets[1] == std::vector<std::size_t>{2, 3});
  // A unique triple.
  sets = search.find({107, 207, 307, 407, 507}, 1121, 2);
  REQUIRE(sets.size() == 1);
  CHECK(sets[0] == std::vector<std::size_t>{1, 3, 4});
  // Equal amounts are different sets.
  sets = search.find({50, 50, 50}, 100, 5);
  CHECK(sets.size() == 3);
  // Four items, and the limit.
  sets = search.find({1, 2, 4, 8, 16}, 15, 5);
  REQUIRE(sets.size() == 1);
  CHECK(sets[0] == std::vector<std::size_t>{0, 1, 2, 3});
  CHECK(search.find({50, 50, 50}, 100, 1).size() == 1);
  CHECK(search.find({10}, 10, 5).empty());
}

TEST_CASE("only ids sharing a number with the text are worth normalising") {
  const auto runs = digit_runs("pmt inv 2026 000014, ref 7");
  CHECK(runs == std::vector<std::string>{"14", "2026", "7"});
  CHECK(shares_digits("INV-2026-000014", runs));
  CHECK(shares_digits("0000007", runs));
  CHECK_FALSE(shares_digits("INV-2025-000015", runs));
  CHECK(shares_digits("ABC", runs));  // no digits: cannot be ruled out
  CHECK_FALSE(shares_digits("A12", digit_runs("a1")));
}
