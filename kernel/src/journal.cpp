// Journal entries: the canonical bytes that are hashed and their JSON form.
#include "arctl/journal.hpp"

#include <openssl/evp.h>

#include "arctl/codec.hpp"
#include "arctl/date.hpp"
#include "arctl/error.hpp"

namespace arctl {

// OpenSSL's SHA-256 uses the CPU's SHA instructions where there are some
// (several times faster than a portable implementation); the journal hashes
// every event, so this is on the path of every write.
Hash chain_hash(const Hash& prev, std::string_view bytes) {
  struct Ctx {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Ctx() { EVP_MD_CTX_free(ctx); }
  };
  thread_local Ctx c;
  Hash out{};
  unsigned int n = 0;
  if (c.ctx == nullptr || EVP_DigestInit_ex(c.ctx, EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(c.ctx, prev.data(), prev.size()) != 1 ||
      EVP_DigestUpdate(c.ctx, bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(c.ctx, out.data(), &n) != 1 || n != out.size())
    fail(ErrorKind::kError, "journal: SHA-256 is not available from the crypto library");
  return out;
}

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
  return chain_hash(prev, e.bytes());
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
