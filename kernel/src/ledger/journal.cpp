// Journal entries: the canonical bytes that are hashed and their JSON form.
#include "arctl/journal.hpp"

#include <openssl/evp.h>

#include <bit>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "arctl/codec.hpp"
#include "arctl/date.hpp"
#include "arctl/error.hpp"
#include "ledger/records.hpp"

namespace arctl {

// OpenSSL's SHA-256 uses the CPU's SHA instructions where there are some
// (several times faster than a portable implementation); the journal hashes
// every event, so this is on the path of every write.
Hash chain_hash(const Hash& prev, std::string_view bytes) {
  // The digest is fetched once: EVP_sha256() would look the provider up
  // again on every initialisation.
  struct Ctx {
    EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Ctx() {
      EVP_MD_CTX_free(ctx);
      EVP_MD_free(md);
    }
  };
  thread_local Ctx c;
  Hash out{};
  unsigned int n = 0;
  if (c.ctx == nullptr || c.md == nullptr || EVP_DigestInit_ex2(c.ctx, c.md, nullptr) != 1 ||
      EVP_DigestUpdate(c.ctx, prev.data(), prev.size()) != 1 ||
      EVP_DigestUpdate(c.ctx, bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(c.ctx, out.data(), &n) != 1 || n != out.size())
    fail(ErrorKind::kError, "journal: SHA-256 is not available from the crypto library");
  return out;
}

namespace {

// Big-endian, as MessagePack stores numbers.
template <typename T>
void put_be(std::string& out, std::uint8_t tag, T v) {
  char buf[1 + sizeof(T)];
  buf[0] = static_cast<char>(tag);
  auto u = static_cast<std::make_unsigned_t<T>>(v);
  for (std::size_t i = sizeof(T); i > 0; --i) {
    buf[i] = static_cast<char>(u & 0xFF);
    u = static_cast<decltype(u)>(u >> 8);
  }
  out.append(buf, sizeof buf);
}

void put_unsigned(std::string& out, std::uint64_t v) {
  if (v < 128)
    out.push_back(static_cast<char>(v));
  else if (v <= 0xFF)
    put_be(out, 0xCC, static_cast<std::uint8_t>(v));
  else if (v <= 0xFFFF)
    put_be(out, 0xCD, static_cast<std::uint16_t>(v));
  else if (v <= 0xFFFFFFFF)
    put_be(out, 0xCE, static_cast<std::uint32_t>(v));
  else
    put_be(out, 0xCF, v);
}

void put_signed(std::string& out, std::int64_t v) {
  if (v >= 0) return put_unsigned(out, static_cast<std::uint64_t>(v));
  if (v >= -32)
    out.push_back(static_cast<char>(static_cast<std::int8_t>(v)));
  else if (v >= INT8_MIN)
    put_be(out, 0xD0, static_cast<std::int8_t>(v));
  else if (v >= INT16_MIN)
    put_be(out, 0xD1, static_cast<std::int16_t>(v));
  else if (v >= INT32_MIN)
    put_be(out, 0xD2, static_cast<std::int32_t>(v));
  else
    put_be(out, 0xD3, v);
}

// A header for a string, array or map of `n` elements: the fix form up to
// `fix_max`, then the 8- (strings only), 16- and 32-bit forms.
void put_length(std::string& out, std::size_t n, std::uint8_t fix, std::size_t fix_max, int tag8,
                std::uint8_t tag16, std::uint8_t tag32) {
  if (n <= fix_max)
    out.push_back(static_cast<char>(fix | n));
  else if (tag8 >= 0 && n <= 0xFF)
    put_be(out, static_cast<std::uint8_t>(tag8), static_cast<std::uint8_t>(n));
  else if (n <= 0xFFFF)
    put_be(out, tag16, static_cast<std::uint16_t>(n));
  else if (n <= 0xFFFFFFFF)
    put_be(out, tag32, static_cast<std::uint32_t>(n));
  else
    fail(ErrorKind::kError, "journal: a payload element is too large to encode");
}

void put_string(std::string& out, std::string_view s) {
  put_length(out, s.size(), 0xA0, 31, 0xD9, 0xDA, 0xDB);
  out.append(s);
}

}  // namespace

void append_msgpack(const Json& j, std::string& out) {
  switch (j.type()) {
    case Json::value_t::null:
    case Json::value_t::discarded:
      out.push_back(static_cast<char>(0xC0));
      return;
    case Json::value_t::boolean:
      out.push_back(static_cast<char>(j.get<bool>() ? 0xC3 : 0xC2));
      return;
    case Json::value_t::number_integer:
      return put_signed(out, j.get<std::int64_t>());
    case Json::value_t::number_unsigned:
      return put_unsigned(out, j.get<std::uint64_t>());
    case Json::value_t::number_float: {
      const double d = j.get<double>();
      // As nlohmann's writer: float32 when that loses nothing.
      if (d >= static_cast<double>(std::numeric_limits<float>::lowest()) &&
          d <= static_cast<double>(std::numeric_limits<float>::max()) &&
          static_cast<double>(static_cast<float>(d)) == d)
        return put_be(out, 0xCA, std::bit_cast<std::uint32_t>(static_cast<float>(d)));
      return put_be(out, 0xCB, std::bit_cast<std::uint64_t>(d));
    }
    case Json::value_t::string:
      return put_string(out, j.get_ref<const std::string&>());
    case Json::value_t::array:
      put_length(out, j.size(), 0x90, 15, -1, 0xDC, 0xDD);
      for (const auto& e : j)
        append_msgpack(e, out);
      return;
    case Json::value_t::object:
      put_length(out, j.size(), 0x80, 15, -1, 0xDE, 0xDF);
      for (auto it = j.begin(); it != j.end(); ++it) {
        put_string(out, it.key());
        append_msgpack(it.value(), out);
      }
      return;
    case Json::value_t::binary: {
      // Never in a payload; encoded as the library does, for completeness.
      const auto packed = Json::to_msgpack(j);
      out.append(reinterpret_cast<const char*>(packed.data()), packed.size());
      return;
    }
  }
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
  return chain_hash(prev, records::journal_hashed_part(*this).bytes());
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
