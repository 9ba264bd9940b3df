// record.hpp's layouts: one field list encodes and decodes a record, and a
// corrupt count or length is an Error naming the table and key.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "arctl/error.hpp"
#include "arctl/record.hpp"
#include "error_kind.hpp"

namespace arctl {
namespace {

struct Sample {
  std::string id;
  Money amount;
  Money paid;
  std::vector<std::string> notes;
  std::optional<Date> due;
  std::uint64_t added = 0;  // since version 2
};

const auto kSample = record::layout<Sample>(
    2, record::field("id", &Sample::id), record::field("amount", &Sample::amount),
    record::minor_in("paid", &Sample::paid, &Sample::amount),
    record::field("notes", &Sample::notes), record::field("due", &Sample::due),
    record::field("added", &Sample::added, 2));

std::string error_of(BytesView value, record::Where where) {
  return test::corrupt_error_of([&] { kSample.decode(value, where); });
}

TEST_CASE("a layout writes the bytes the hand-written encoder wrote and reads them back") {
  const auto usd = Currency::parse("USD");
  Sample s{"S-1", Money(1250, usd), Money(250, usd), {"a", "bc"}, Date(std::chrono::days(3)), 7};
  const auto bytes = kSample.encode(s);
  const auto by_hand = Encoder(2)
                           .str("S-1")
                           .money(Money(1250, usd))
                           .i64(250)
                           .u64(2)
                           .str("a")
                           .str("bc")
                           .boolean(true)
                           .date(Date(std::chrono::days(3)))
                           .u64(7)
                           .bytes();
  CHECK(bytes == by_hand);
  const auto back = kSample.decode(bytes);
  CHECK(back.id == "S-1");
  CHECK(back.paid == Money(250, usd));
  CHECK(back.notes == std::vector<std::string>{"a", "bc"});
  CHECK(back.due == s.due);
  CHECK(back.added == 7);
}

TEST_CASE("a field added in a later version is left default in an older value") {
  const auto v1 =
      Encoder(1).str("S-1").money(Money(1, Currency::parse("EUR"))).i64(0).u64(0).boolean(false);
  const auto old = kSample.decode(v1.bytes());
  CHECK(old.id == "S-1");
  CHECK(old.added == 0);
}

TEST_CASE("a corrupt count is an error naming the table and key, not an allocation") {
  const auto usd = Currency::parse("USD");
  // A count of 2^62 notes in a value of a few bytes.
  const auto value =
      Encoder(2).str("S-1").money(Money(1, usd)).i64(0).u64(std::uint64_t{1} << 62).bytes();
  const auto key = KeyBuilder().str("S-1").bytes();
  const auto what = error_of(value, {"samples", key});
  CHECK(what.find("corrupt record in samples at key 'S-1") == 0);
  CHECK(what.ends_with(": truncated"));
}

TEST_CASE("a corrupt string length is an error naming the table and key") {
  const auto value = Encoder(2).u64(1000).bytes() + "S-1";
  CHECK(error_of(value, {"samples", "k1"}) == "corrupt record in samples at key 'k1': truncated");
}

TEST_CASE("without a place, a corrupt value keeps the decoder's message") {
  CHECK_THROWS_WITH_AS(kSample.decode(Encoder(2).u64(1000).bytes()), "corrupt record: truncated",
                       Error);
}

}  // namespace
}  // namespace arctl
