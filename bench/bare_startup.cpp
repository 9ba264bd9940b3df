// The floor for start-up: a program that links LMDB, libsodium, fmt and spdlog
// (as arctl does) and prints a version line.
#include <fmt/core.h>
#include <lmdb.h>
#include <sodium.h>

int main() {
  int major = 0, minor = 0, patch = 0;
  mdb_version(&major, &minor, &patch);
  fmt::print("bare {}.{}.{} {}\n", major, minor, patch, sodium_version_string());
  return 0;
}
