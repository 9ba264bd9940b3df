// Fault injection for tests: a Store decorator that fails one chosen store
// operation of the process, so that a test can prove that a command failing
// at any point leaves the ledger as it was. Compiled in only when the build
// has ARCTL_FAULT_INJECTION (test builds); the packaged binary ignores
// ARCTL_FAULT. See RELIABILITY.md, "Injected faults".
#pragma once

#include <memory>

#include "arctl/store.hpp"

namespace arctl {

// `store` as it is, or wrapped to fail as ARCTL_FAULT says:
//   ARCTL_FAULT=OP:N[:KIND]   fail the Nth OP of this process (counting from 1)
//     OP    get (point reads and cursor opens), put, del, commit, or any
//     KIND  io (default), disk-full (ENOSPC), map-full (LMDB's MDB_MAP_FULL:
//           the transaction runs again), connection-lost (PostgreSQL: the
//           connections are cut for real, then the operation runs)
//   ARCTL_FAULT=count         fail nothing; print how many operations of each
//                             kind ran, to stderr, when the store closes
// A malformed ARCTL_FAULT is a usage error (exit 2).
std::unique_ptr<Store> with_injected_faults(std::unique_ptr<Store> store);

}  // namespace arctl
