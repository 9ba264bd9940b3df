// lmdb_poke: a test tool that damages a ledger's LMDB store on purpose, so
// that end-to-end tests can prove `arctl check` notices. It works below the
// kernel, on raw named databases, and is never installed.
//
//   lmdb_poke DIR TABLE KEY_HEX OFFSET   flip (XOR 0xFF) byte OFFSET of the value
//   lmdb_poke DIR TABLE KEY_HEX --delete delete the entry
//   lmdb_poke DIR TABLE KEY_HEX --get    print the value as hex
//   lmdb_poke DIR TABLE --list           print "KEY_HEX VALUE_LEN" per entry
//
// Exit codes: 0 done, 1 LMDB error, 2 usage, 3 no such table or key.
#include <lmdb.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr int kUsage = 2;
constexpr int kNotFound = 3;

class Failure {
 public:
  Failure(int code, std::string message) : code_(code), message_(std::move(message)) {}
  int code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  int code_;
  std::string message_;
};

void check(int rc, const char* what) {
  if (rc == MDB_NOTFOUND) throw Failure(kNotFound, std::string(what) + ": not found");
  if (rc != 0) throw Failure(1, std::string(what) + ": " + mdb_strerror(rc));
}

std::string to_hex(const void* data, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  const auto* p = static_cast<const unsigned char*>(data);
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[p[i] >> 4]);
    out.push_back(kDigits[p[i] & 15]);
  }
  return out;
}

std::string from_hex(std::string_view hex) {
  auto nibble = [&](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw Failure(kUsage, "KEY_HEX is not hexadecimal: " + std::string(hex));
  };
  if (hex.size() % 2 != 0) throw Failure(kUsage, "KEY_HEX has an odd number of digits");
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2)
    out.push_back(static_cast<char>(nibble(hex[i]) << 4 | nibble(hex[i + 1])));
  return out;
}

// One environment and one transaction, aborted unless commit() is called.
class Session {
 public:
  Session(const char* dir, bool write) {
    check(mdb_env_create(&env_), "mdb_env_create");
    check(mdb_env_set_maxdbs(env_, 256), "mdb_env_set_maxdbs");
    check(mdb_env_open(env_, dir, write ? 0 : MDB_RDONLY, 0600), "mdb_env_open");
    check(mdb_txn_begin(env_, nullptr, write ? 0 : MDB_RDONLY, &txn_), "mdb_txn_begin");
  }
  ~Session() {
    if (txn_ != nullptr) mdb_txn_abort(txn_);
    mdb_env_close(env_);
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  MDB_txn* txn() { return txn_; }
  MDB_dbi table(const char* name) {
    MDB_dbi dbi = 0;
    const int rc = mdb_dbi_open(txn_, name, 0, &dbi);
    if (rc == MDB_NOTFOUND) throw Failure(kNotFound, std::string("no table '") + name + "'");
    check(rc, "mdb_dbi_open");
    return dbi;
  }
  void commit() {
    const int rc = mdb_txn_commit(txn_);
    txn_ = nullptr;
    check(rc, "mdb_txn_commit");
  }

 private:
  MDB_env* env_ = nullptr;
  MDB_txn* txn_ = nullptr;
};

int list(const char* dir, const char* table) {
  Session s(dir, false);
  const MDB_dbi dbi = s.table(table);
  MDB_cursor* cur = nullptr;
  check(mdb_cursor_open(s.txn(), dbi, &cur), "mdb_cursor_open");
  MDB_val k, v;
  for (int rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
       rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT))
    std::printf("%s %zu\n", to_hex(k.mv_data, k.mv_size).c_str(), v.mv_size);
  mdb_cursor_close(cur);
  return 0;
}

int get(const char* dir, const char* table, const std::string& key) {
  Session s(dir, false);
  const MDB_dbi dbi = s.table(table);
  MDB_val k{key.size(), const_cast<char*>(key.data())}, v;
  check(mdb_get(s.txn(), dbi, &k, &v), "key");
  std::printf("%s\n", to_hex(v.mv_data, v.mv_size).c_str());
  return 0;
}

int erase(const char* dir, const char* table, const std::string& key) {
  Session s(dir, true);
  const MDB_dbi dbi = s.table(table);
  MDB_val k{key.size(), const_cast<char*>(key.data())};
  check(mdb_del(s.txn(), dbi, &k, nullptr), "key");
  s.commit();
  return 0;
}

int flip(const char* dir, const char* table, const std::string& key, const char* offset_text) {
  char* end = nullptr;
  errno = 0;
  const unsigned long long offset = std::strtoull(offset_text, &end, 10);
  if (errno != 0 || end == offset_text || *end != '\0')
    throw Failure(kUsage, std::string("OFFSET is not a number: ") + offset_text);
  Session s(dir, true);
  const MDB_dbi dbi = s.table(table);
  MDB_val k{key.size(), const_cast<char*>(key.data())}, v;
  check(mdb_get(s.txn(), dbi, &k, &v), "key");
  if (offset >= v.mv_size)
    throw Failure(kUsage, "OFFSET " + std::to_string(offset) + " is past the value's " +
                              std::to_string(v.mv_size) + " bytes");
  std::vector<unsigned char> bytes(static_cast<unsigned char*>(v.mv_data),
                                   static_cast<unsigned char*>(v.mv_data) + v.mv_size);
  bytes[offset] ^= 0xFF;
  MDB_val nv{bytes.size(), bytes.data()};
  check(mdb_put(s.txn(), dbi, &k, &nv, 0), "mdb_put");
  s.commit();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  try {
    if (args.size() == 3 && args[2] == "--list") return list(argv[1], argv[2]);
    if (args.size() == 4) {
      const auto key = from_hex(args[2]);
      if (args[3] == "--delete") return erase(argv[1], argv[2], key);
      if (args[3] == "--get") return get(argv[1], argv[2], key);
      return flip(argv[1], argv[2], key, argv[4]);
    }
    throw Failure(kUsage,
                  "usage: lmdb_poke DIR TABLE KEY_HEX OFFSET | DIR TABLE KEY_HEX --delete | "
                  "DIR TABLE KEY_HEX --get | DIR TABLE --list");
  } catch (const Failure& f) {
    std::fprintf(stderr, "lmdb_poke: %s\n", f.message().c_str());
    return f.code();
  }
}
