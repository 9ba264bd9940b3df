// The journal's MessagePack writer gives exactly the bytes of the JSON
// library's own (the hash chain is taken over them, so an old ledger's chain
// must still verify), and the chain hash is SHA-256 of its input.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "arctl/journal.hpp"

namespace arctl {
namespace {

std::string ours(const Json& j) {
  std::string out = "prefix";  // appends, never overwrites
  append_msgpack(j, out);
  REQUIRE(out.substr(0, 6) == "prefix");
  return out.substr(6);
}

std::string theirs(const Json& j) {
  const auto v = Json::to_msgpack(j);
  return std::string(v.begin(), v.end());
}

Json random_json(std::mt19937_64& rng, int depth) {
  std::uniform_int_distribution<int> kind(0, depth > 3 ? 6 : 8);
  std::uniform_int_distribution<int> bits(0, 63);
  auto number = [&] {
    // Magnitudes spread over every width: 2^0 .. 2^63.
    const auto b = bits(rng);
    return static_cast<std::int64_t>(rng() >> (63 - b));
  };
  auto text = [&] {
    static const std::size_t lengths[] = {0, 1, 31, 32, 255, 256, 65535, 65536};
    std::string s(lengths[rng() % 8] + rng() % 3, 'x');
    for (auto& c : s)
      c = static_cast<char>(rng());
    return s;
  };
  switch (kind(rng)) {
    case 0:
      return nullptr;
    case 1:
      return (rng() & 1) != 0;
    case 2:
      return number();
    case 3:
      return -number() - 1;
    case 4:
      return static_cast<std::uint64_t>(number()) * 2 + (rng() & 1);
    case 5:
      return std::ldexp(static_cast<double>(number()), bits(rng) - 32) * ((rng() & 1) ? 1 : -1);
    case 6:
      return text();
    case 7: {
      Json a = Json::array();
      const auto n = (rng() & 7) == 0 ? 17 + rng() % 3 : rng() % 16;
      for (std::size_t i = 0; i < n; ++i)
        a.push_back(random_json(rng, depth + 1));
      return a;
    }
    default: {
      Json o = Json::object();
      const auto n = (rng() & 7) == 0 ? 17 + rng() % 3 : rng() % 16;
      for (std::size_t i = 0; i < n; ++i)
        o["k" + std::to_string(rng() % 40)] = random_json(rng, depth + 1);
      return o;
    }
  }
}

TEST_CASE("the MessagePack writer matches the JSON library at every width boundary") {
  for (std::int64_t base : std::initializer_list<std::int64_t>{0, 127, 128, 255, 256, 65535, 65536,
                                                               4294967295, 4294967296}) {
    for (std::int64_t d : {-1, 0, 1}) {
      const auto v = base + d;
      CHECK(ours(Json(v)) == theirs(Json(v)));
      CHECK(ours(Json(-v)) == theirs(Json(-v)));
      CHECK(ours(Json(static_cast<std::uint64_t>(v < 0 ? 0 : v))) ==
            theirs(Json(static_cast<std::uint64_t>(v < 0 ? 0 : v))));
    }
  }
  for (std::int64_t v : std::initializer_list<std::int64_t>{
           -32, -33, -128, -129, -32768, -32769, -2147483648, -2147483649,
           std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()})
    CHECK(ours(Json(v)) == theirs(Json(v)));
  CHECK(ours(Json(std::numeric_limits<std::uint64_t>::max())) ==
        theirs(Json(std::numeric_limits<std::uint64_t>::max())));
  for (double v :
       {0.0, -0.0, 0.5, 0.1, 1e39, -1e39, 3.4028234663852886e38,
        std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN(),
        std::numeric_limits<double>::denorm_min()})
    CHECK(ours(Json(v)) == theirs(Json(v)));
  for (std::size_t n : {0, 31, 32, 255, 256, 65535, 65536}) {
    CHECK(ours(Json(std::string(n, 'a'))) == theirs(Json(std::string(n, 'a'))));
    Json a = Json::array();
    // Json's objects keep insertion order in a vector, and insertion by key
    // searches it: filled through the vector, 65,536 keys take linear time
    // (quadratic was minutes under the sanitizers).
    Json::object_t members;
    auto& in_order = static_cast<std::vector<std::pair<const std::string, Json>>&>(members);
    in_order.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      a.push_back(i);
      in_order.emplace_back(std::to_string(i), i);
    }
    const Json o(std::move(members));
    REQUIRE(o.size() == n);
    CHECK(ours(a) == theirs(a));
    CHECK(ours(o) == theirs(o));
  }
  CHECK(ours(Json()) == theirs(Json()));
  CHECK(ours(Json(true)) == theirs(Json(true)));
  CHECK(ours(Json(false)) == theirs(Json(false)));
}

TEST_CASE("the MessagePack writer matches the JSON library on random documents") {
  std::mt19937_64 rng(20261124);
  for (int i = 0; i < 400; ++i) {
    const auto j = random_json(rng, 0);
    const auto a = ours(j);
    REQUIRE_MESSAGE(a == theirs(j), j.dump().substr(0, 200));
    CHECK(Json::from_msgpack(a) == j);
  }
}

TEST_CASE("the chain hash is SHA-256 of the previous hash and the bytes") {
  // SHA-256 of 32 zero bytes followed by "abc", computed with Python's hashlib.
  const Hash zero{};
  CHECK(to_hex(chain_hash(zero, "abc")) ==
        "365aa7d8f7f9402c4b9434502b4cc89ddb09fe50d7cd95b493b834c62d5a5370");
  // Many in a row reuse one context: each still starts afresh.
  const auto first = chain_hash(zero, "abc");
  for (int i = 0; i < 3; ++i)
    CHECK(chain_hash(zero, "abc") == first);
  CHECK(chain_hash(first, "abc") != first);
}

}  // namespace
}  // namespace arctl
