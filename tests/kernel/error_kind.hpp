// The kind and message of the arctl::Error a call throws, for tests that
// assert exit codes and corrupt-record messages.
#pragma once

#include <doctest/doctest.h>

#include <functional>
#include <string>

#include "arctl/error.hpp"

namespace arctl::test {

// The kind of the arctl::Error thrown by `fn`; fails the test when none is.
inline ErrorKind kind_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.kind();
  }
  FAIL("expected an arctl::Error");
  return ErrorKind::kError;
}

// The message of the Error(kError), a corrupt value, thrown by `fn`; fails
// the test when none is.
inline std::string corrupt_error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kError);
    return e.what();
  }
  FAIL("expected a corrupt record error");
  return {};
}

}  // namespace arctl::test
