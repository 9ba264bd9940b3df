// The one error type of arctl: a kind that maps to the process exit code, a
// message for people, and where the problem was found (file, line, field).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "arctl/api.hpp"

namespace arctl {

// Exit codes are part of the public contract (README, arctl-exit-codes(7)).
enum class ErrorKind : std::uint8_t {
  kError = 1,           // anything unexpected: I/O, corrupt store, failed check
  kUsage = 2,           // bad command line
  kNotFound = 3,        // a named customer, document, plugin... does not exist
  kConflict = 4,        // validation failure or conflicting content
  kPeriodLocked = 5,    // posting dated on or before the period lock date
  kInternal = 70,       // a broken internal invariant (ARCTL_ASSERT): a bug
  kCreditRefused = 10,  // credit check said "blocked"
  kUndelivered = 11     // mail left in the outbox (queued, failed or to review)
};

ARCTL_API int exit_code(ErrorKind kind) noexcept;
ARCTL_API const char* to_string(ErrorKind kind) noexcept;

// Where bad input was found. Empty/zero members are not printed.
struct ARCTL_API Location {
  std::string file;  // path, or "-" for standard input
  std::uint64_t line = 0;
  std::string field;  // column or option name
};

class ARCTL_API Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message, Location where = {});

  ErrorKind kind() const noexcept { return kind_; }
  const Location& where() const noexcept { return where_; }
  // "file:line: field 'x': message" with the parts that are known.
  std::string describe() const;

  // Returns a copy with missing location parts filled from `outer`.
  Error located(const Location& outer) const;

 private:
  ErrorKind kind_;
  Location where_;
};

// Shorthands for the common kinds; fmt-style formatting is left to callers.
[[noreturn]] ARCTL_API void fail(ErrorKind kind, std::string message, Location where = {});
[[noreturn]] inline void fail_usage(std::string m) {
  fail(ErrorKind::kUsage, std::move(m));
}
[[noreturn]] inline void fail_not_found(std::string m) {
  fail(ErrorKind::kNotFound, std::move(m));
}
[[noreturn]] inline void fail_conflict(std::string m, Location w = {}) {
  fail(ErrorKind::kConflict, std::move(m), std::move(w));
}

// Fails with kInternal: "internal error: <message> at <file>:<line>; please
// report". For ARCTL_ASSERT; input a user can fix is never reported this way.
[[noreturn]] ARCTL_API void fail_internal(std::string message, const char* file, int line);

// Checks an invariant the code itself must keep (not one the input can
// break): when `cond` is false, fails with kInternal (exit 70) naming `msg`
// and where. Evaluated in every build type.
#define ARCTL_ASSERT(cond, msg) \
  ((cond) ? void(0) : ::arctl::fail_internal((msg), __FILE__, __LINE__))

// Runs `parse` on an option's value; an error that does not say where it is
// gets the option's name, so the user knows which argument to fix.
template <class F>
auto for_option(const char* option, F&& parse) -> decltype(parse()) {
  try {
    return parse();
  } catch (const Error& e) {
    throw e.located({"", 0, option});
  }
}

}  // namespace arctl
