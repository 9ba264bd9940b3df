// Journal entries: the canonical bytes that are hashed and their JSON form.
#include "arctl/journal.hpp"

#include <sodium.h>

#include "arctl/codec.hpp"
#include "arctl/date.hpp"

namespace arctl {

std::string to_hex(const Hash& h) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (auto b : h) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 15]);
  }
  return out;
}

Hash JournalEntry::compute_hash() const {
  // The hashed bytes are the previous hash followed by a canonical encoding
  // of every field, so any change to any field or to the order breaks the chain.
  Encoder e(1);
  e.u64(seq).u64(txn).i64(time_micros).str(actor).str(command).str(type);
  const auto packed = Json::to_msgpack(payload);
  e.str(std::string_view(reinterpret_cast<const char*>(packed.data()), packed.size()));
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  crypto_hash_sha256_update(&st, prev.data(), prev.size());
  const auto& bytes = e.bytes();
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(bytes.data()),
                            bytes.size());
  Hash out;
  crypto_hash_sha256_final(&st, out.data());
  return out;
}

Json JournalEntry::to_json() const {
  Json j;
  j["seq"] = seq;
  j["txn"] = txn;
  j["time"] = format_timestamp(time_micros);
  j["actor"] = actor;
  j["command"] = command;
  j["type"] = type;
  j["payload"] = payload;
  j["hash"] = to_hex(hash);
  return j;
}

}  // namespace arctl
