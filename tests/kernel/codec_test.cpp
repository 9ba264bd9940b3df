// Key encodings sort as their logical values; record values round-trip and
// reject damaged bytes.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <random>
#include <tuple>
#include <vector>

#include "arctl/codec.hpp"
#include "arctl/error.hpp"

namespace arctl {
namespace {

// Shuffles `values`, sorts one copy by logical value and one by encoded key,
// and checks the two orders agree.
template <class T, class Encode>
void check_key_order(std::vector<T> values, Encode encode) {
  std::mt19937 rng(42);
  std::shuffle(values.begin(), values.end(), rng);
  std::vector<std::pair<Bytes, T>> encoded;
  for (const auto& v : values)
    encoded.emplace_back(encode(v), v);
  std::sort(values.begin(), values.end());
  std::sort(encoded.begin(), encoded.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  REQUIRE(encoded.size() == values.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    CHECK(encoded[i].second == values[i]);
}

Date day(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d));
}

void check_corrupt_record(BytesView value, const std::function<void(Decoder&)>& read) {
  try {
    Decoder d(value, 1);
    read(d);
    FAIL("expected a corrupt record error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kError);
    CHECK(std::string(e.what()).find("corrupt record") != std::string::npos);
  }
}

}  // namespace

TEST_CASE("u64 keys sort in numeric order") {
  std::vector<std::uint64_t> values{0,
                                    1,
                                    255,
                                    256,
                                    65535,
                                    65536,
                                    1ULL << 32,
                                    (1ULL << 56) + 3,
                                    std::numeric_limits<std::uint64_t>::max()};
  check_key_order(values, [](std::uint64_t v) { return KeyBuilder().u64(v).bytes(); });
  std::vector<std::uint32_t> small{0, 1, 256, 70000, 0xffffffffU};
  check_key_order(small, [](std::uint32_t v) { return KeyBuilder().u32(v).bytes(); });
}

TEST_CASE("i64 keys sort negatives before positives") {
  std::vector<std::int64_t> values{std::numeric_limits<std::int64_t>::min(),
                                   -1'000'000'000'000,
                                   -65536,
                                   -256,
                                   -1,
                                   0,
                                   1,
                                   255,
                                   256,
                                   1'000'000'000'000,
                                   std::numeric_limits<std::int64_t>::max()};
  check_key_order(values, [](std::int64_t v) { return KeyBuilder().i64(v).bytes(); });
}

TEST_CASE("string keys sort bytewise with prefixes and embedded NULs first") {
  using namespace std::string_literals;
  std::vector<std::string> values{""s,   "a"s,      "a\0"s,    "a\0\0"s, "a\0b"s, "a\x01"s,
                                  "ab"s, "ab\0"s,   "abc"s,    "b"s,     "\xff"s, "\xff\xff"s,
                                  "\0"s, "\0\xff"s, "zz\0zz"s, "zz"s};
  check_key_order(values, [](const std::string& v) { return KeyBuilder().str(v).bytes(); });
  CHECK(KeyBuilder().str("ab").bytes() < KeyBuilder().str("ab\0"s).bytes());
  CHECK(KeyBuilder().str("ab\0"s).bytes() < KeyBuilder().str("abc").bytes());
}

TEST_CASE("date keys sort in calendar order, before and after 1970") {
  std::vector<Date> values{day(1900, 1, 1),  day(1969, 12, 31), day(1970, 1, 1),
                           day(1970, 1, 2),  day(1999, 12, 31), day(2024, 2, 29),
                           day(2026, 1, 31), day(9999, 12, 31)};
  check_key_order(values, [](Date d) { return KeyBuilder().date(d).bytes(); });
}

TEST_CASE("composite keys sort by each component in turn") {
  using namespace std::string_literals;
  using Tuple = std::tuple<std::string, Date, std::int64_t, std::uint64_t>;
  std::vector<Tuple> values;
  for (const auto& customer : {""s, "ACME"s, "ACME\0X"s, "ACMEX"s, "B"s})
    for (Date d : {day(1969, 7, 20), day(2026, 1, 1), day(2026, 1, 2)})
      for (std::int64_t amount : {-5, 0, 7})
        for (std::uint64_t seq : {0ULL, 1ULL, 300ULL})
          values.emplace_back(customer, d, amount, seq);
  check_key_order(values, [](const Tuple& t) {
    return KeyBuilder()
        .str(std::get<0>(t))
        .date(std::get<1>(t))
        .i64(std::get<2>(t))
        .u64(std::get<3>(t))
        .bytes();
  });
}

TEST_CASE("a key prefix built with raw selects exactly its range") {
  const Bytes prefix = KeyBuilder().str("ACME").bytes();
  const Bytes inside = KeyBuilder().str("ACME").u64(9).bytes();
  const Bytes longer_name = KeyBuilder().str("ACMEX").u64(1).bytes();
  CHECK(inside.starts_with(prefix));
  CHECK_FALSE(longer_name.starts_with(prefix));
  CHECK(KeyBuilder().raw(prefix).u64(9).bytes() == inside);
}

TEST_CASE("key reader reads back every component") {
  using namespace std::string_literals;
  const Bytes key = KeyBuilder()
                        .u8(7)
                        .u32(123456)
                        .u64(1ULL << 40)
                        .i64(-42)
                        .str("a\0b"s)
                        .date(day(1950, 6, 15))
                        .raw("tail")
                        .bytes();
  KeyReader r(key);
  CHECK(r.u8() == 7);
  CHECK(r.u32() == 123456);
  CHECK(r.u64() == (1ULL << 40));
  CHECK(r.i64() == -42);
  CHECK(r.str() == "a\0b"s);
  CHECK(r.date() == day(1950, 6, 15));
  CHECK(r.rest() == "tail");
  CHECK_FALSE(r.done());
}

TEST_CASE("key reader rejects truncated or malformed keys") {
  using namespace std::string_literals;
  auto corrupt = [](const std::function<void()>& f) {
    try {
      f();
      FAIL("expected corrupt key");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::kError);
      CHECK(std::string(e.what()) == "corrupt key");
    }
  };
  corrupt([] { KeyReader("\x01\x02"s).u32(); });
  corrupt([] { KeyReader("abc"s).str(); });       // no terminator
  corrupt([] { KeyReader("abc\0"s).str(); });     // terminator cut short
  corrupt([] { KeyReader("ab\0\x02"s).str(); });  // bad escape
  corrupt([] { KeyReader(""s).u8(); });
}

TEST_CASE("encoder and decoder round-trip every field type") {
  const Currency usd = Currency::parse("USD");
  const Currency jpy = Currency::parse("JPY");
  Encoder e(3);
  e.u64(0)
      .u64(127)
      .u64(128)
      .u64(std::numeric_limits<std::uint64_t>::max())
      .i64(0)
      .i64(-1)
      .i64(63)
      .i64(-64)
      .i64(std::numeric_limits<std::int64_t>::min())
      .i64(std::numeric_limits<std::int64_t>::max())
      .boolean(true)
      .boolean(false)
      .str("")
      .str(std::string("x\0y", 3))
      .date(day(1969, 12, 31))
      .currency(jpy)
      .money(Money(-123456, usd));
  Decoder d(e.bytes(), 3);
  CHECK(d.version() == 3);
  CHECK(d.u64() == 0);
  CHECK(d.u64() == 127);
  CHECK(d.u64() == 128);
  CHECK(d.u64() == std::numeric_limits<std::uint64_t>::max());
  CHECK(d.i64() == 0);
  CHECK(d.i64() == -1);
  CHECK(d.i64() == 63);
  CHECK(d.i64() == -64);
  CHECK(d.i64() == std::numeric_limits<std::int64_t>::min());
  CHECK(d.i64() == std::numeric_limits<std::int64_t>::max());
  CHECK(d.boolean());
  CHECK_FALSE(d.boolean());
  CHECK(d.str().empty());
  CHECK(d.str_view() == std::string_view("x\0y", 3));
  CHECK(d.date() == day(1969, 12, 31));
  CHECK(d.currency() == jpy);
  CHECK(d.money() == Money(-123456, usd));
  CHECK(d.done());
}

TEST_CASE("small numbers encode in one byte") {
  CHECK(Encoder(1).u64(127).bytes().size() == 2);
  CHECK(Encoder(1).i64(-64).bytes().size() == 2);
  CHECK(Encoder(1).u64(128).bytes().size() == 3);
}

TEST_CASE("decoder accepts older versions and rejects newer ones") {
  const Bytes v1 = Encoder(1).u64(5).bytes();
  CHECK(Decoder(v1, 2).version() == 1);
  CHECK_THROWS_AS(Decoder(Encoder(3).bytes(), 2), Error);
  CHECK_THROWS_AS(Decoder("", 2), Error);
  check_corrupt_record(Encoder(2).bytes(), [](Decoder&) {});
}

TEST_CASE("decoder reports truncated and malformed values as corrupt records") {
  const Bytes full =
      Encoder(1).u64(300).str("hello").money(Money(5, Currency::parse("EUR"))).bytes();
  // Every proper prefix of the value fails somewhere while reading it back.
  for (std::size_t n = 1; n < full.size(); ++n) {
    INFO("prefix length " << n);
    check_corrupt_record(full.substr(0, n), [](Decoder& d) {
      d.u64();
      d.str();
      d.money();
    });
  }
  check_corrupt_record(std::string("\x01\x80", 2), [](Decoder& d) { d.u64(); });
  check_corrupt_record(std::string("\x01\x05"
                                   "ab",
                                   4),
                       [](Decoder& d) { d.str(); });
  // Eleven continuation bytes, and a tenth byte carrying more than bit 63.
  check_corrupt_record("\x01" + std::string(11, '\xff'), [](Decoder& d) { d.u64(); });
  check_corrupt_record("\x01" + std::string(9, '\xff') + "\x02", [](Decoder& d) { d.u64(); });
  check_corrupt_record(Encoder(1).str("XXQ").i64(1).bytes(), [](Decoder& d) { d.money(); });
}

}  // namespace arctl
