// The append-only journal: every mutation appends an event whose SHA-256 hash
// chains to the previous one, so that a changed, removed or reordered event
// is detectable by `arctl check` and the head can be kept elsewhere.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "arctl/api.hpp"
#include "arctl/output.hpp"

namespace arctl {

using Hash = std::array<std::uint8_t, 32>;
ARCTL_API std::string to_hex(const Hash& h);
// The chain's link: SHA-256 of the previous hash followed by `bytes`.
ARCTL_API Hash chain_hash(const Hash& prev, std::string_view bytes);
// Appends `j` as MessagePack to `out`: the same bytes as Json::to_msgpack
// (journal hashes are taken over them), without its intermediate vector.
ARCTL_API void append_msgpack(const Json& j, std::string& out);

struct ARCTL_API JournalEntry {
  std::uint64_t seq = 0;
  std::uint64_t txn = 0;         // seq of the first event of the same transaction
  std::int64_t time_micros = 0;  // UTC
  std::string actor;
  std::string command;  // the command line that caused it
  std::string type;     // "customer.added", "document.posted", ...
  Json payload;
  Hash prev{};
  Hash hash{};

  // The hash this entry should have, given its fields and `prev`.
  Hash compute_hash() const;
  Json to_json() const;
};

struct ARCTL_API JournalHead {
  std::uint64_t seq = 0;  // 0: empty journal
  Hash hash{};
};

}  // namespace arctl
