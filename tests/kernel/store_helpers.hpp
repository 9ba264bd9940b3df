// Store-level helpers shared by the LMDB and PostgreSQL store tests.
#pragma once

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

#include "arctl/store.hpp"

namespace arctl::test {

// The value at `key` in a fresh read transaction, or nullopt.
inline std::optional<std::string> read_value(Store& store, std::string_view table, BytesView key) {
  auto txn = store.begin_read();
  auto v = txn->get(table, key);
  return v ? std::optional<std::string>(*v) : std::nullopt;
}

// Runs `fn` in a write transaction, growing the store and retrying as
// Ledger::write does. Returns how many retries it took.
template <class F>
int write_with_retry(Store& store, F&& fn) {
  for (int retries = 0;; ++retries) {
    try {
      auto txn = store.begin_write();
      fn(*txn);
      txn->commit();
      return retries;
    } catch (const RetryTransaction&) {
      REQUIRE(retries < 12);
      store.prepare_retry();
    }
  }
}

}  // namespace arctl::test
