// The kind of arctl::Error a call throws, for tests that assert exit codes.
#pragma once

#include <doctest/doctest.h>

#include <functional>

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

}  // namespace arctl::test
