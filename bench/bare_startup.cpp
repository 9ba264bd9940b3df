// The floor for start-up: a program that links the libraries arctl links
// (LMDB, OpenSSL's libcrypto, libpq, fmt, spdlog, mimalloc when arctl uses
// it, the C++ runtime) and prints a version line from each, so that none is
// dropped at link time.
#include <fmt/core.h>
#include <libpq-fe.h>
#include <lmdb.h>
#include <openssl/crypto.h>
#include <spdlog/common.h>

#include <string>
#if ARCTL_MIMALLOC
#include <mimalloc.h>
#endif

int main() {
  int major = 0, minor = 0, patch = 0;
  mdb_version(&major, &minor, &patch);
  const auto level = spdlog::level::to_string_view(spdlog::level::info);
  const std::string line = fmt::format("bare {}.{}.{} {} libpq {} spdlog {}", major, minor, patch,
                                       OpenSSL_version(OPENSSL_VERSION), PQlibVersion(),
                                       std::string_view(level.data(), level.size()));
#if ARCTL_MIMALLOC
  fmt::print("{} mimalloc {}\n", line, mi_version());
#else
  fmt::print("{}\n", line);
#endif
  return 0;
}
