// Record decoders on damaged bytes: every corruption ends in arctl::Error,
// including journal payloads nested deeply enough to exhaust the stack.
#include <doctest/doctest.h>

#include <string>

#include "arctl/error.hpp"
#include "error_kind.hpp"
#include "ledger/records.hpp"

namespace arctl {
namespace {

// A journal entry whose msgpack payload is `depth` nested one-element arrays
// around a nil.
Bytes journal_with_nesting(std::size_t depth) {
  const std::string packed = std::string(depth, '\x91') + "\xc0";
  const std::string no_hash(32, '\0');
  return Encoder(1)
      .u64(1)
      .u64(1)
      .i64(0)
      .str("ops")
      .str("arctl test")
      .str("test.event")
      .str(packed)
      .str(no_hash)
      .str(no_hash)
      .bytes();
}

std::string decode_error(const Bytes& value) {
  return test::corrupt_error_of([&] { records::decode_journal(value); });
}

TEST_CASE("journal payloads decode up to 64 levels deep") {
  const auto entry = records::decode_journal(journal_with_nesting(64));
  Json level = entry.payload;
  int depth = 0;
  while (level.is_array()) {
    REQUIRE(level.size() == 1);
    level = Json(level[0]);
    ++depth;
  }
  CHECK(depth == 64);
  CHECK(level.is_null());
}

TEST_CASE("a journal payload nested too deeply is a corrupt record, not a stack overflow") {
  // 200,000 levels crashed the recursive msgpack reader before the limit.
  CHECK(decode_error(journal_with_nesting(65)).find("nested too deeply") != std::string::npos);
  CHECK(decode_error(journal_with_nesting(200'000)).find("nested too deeply") != std::string::npos);
}

TEST_CASE("a truncated or malformed journal payload is a corrupt record") {
  const std::string no_hash(32, '\0');
  auto with_payload = [&](const std::string& packed) {
    return Encoder(1)
        .u64(1)
        .u64(1)
        .i64(0)
        .str("")
        .str("")
        .str("")
        .str(packed)
        .str(no_hash)
        .str(no_hash)
        .bytes();
  };
  // An array of two holding one element, and 0xc1, the byte msgpack never uses.
  CHECK(decode_error(with_payload("\x92\xc0")).find("corrupt journal payload") !=
        std::string::npos);
  CHECK(decode_error(with_payload("\xc1")).find("corrupt journal payload") != std::string::npos);
  CHECK(records::decode_journal(with_payload("\x92\xc0\xc3")).payload ==
        Json::parse("[null,true]"));
}

}  // namespace
}  // namespace arctl

namespace arctl {
namespace {

// A document record as records::encode writes it, with a chosen kind and status.
Bytes document_with(std::uint64_t kind, std::uint64_t status) {
  Encoder e(1);
  e.str("INV-1").u64(kind).str("ACME").date(Date{}).date(Date{});
  e.money(Money(100, Currency::parse("USD"))).str("").str("").u64(0).u64(0);
  e.i64(100).u64(status).u64(7);
  return std::move(e).bytes();
}

TEST_CASE("a document with an unknown kind or status is a corrupt record") {
  CHECK(records::decode_document(document_with(1, 1)).kind == DocKind::kInvoice);
  CHECK(records::decode_document(document_with(8, 3)).status == DocStatus::kVoid);
  CHECK_THROWS_AS(records::decode_document(document_with(0, 1)), Error);
  CHECK_THROWS_AS(records::decode_document(document_with(9, 1)), Error);
  CHECK_THROWS_AS(records::decode_document(document_with(200, 1)), Error);
  CHECK_THROWS_AS(records::decode_document(document_with(1, 4)), Error);
}

}  // namespace
}  // namespace arctl
