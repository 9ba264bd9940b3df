// The service the test plugins use to tell whether a provider is registered:
// testprovide registers it (and fails), testgood looks it up.
#pragma once

#include <string_view>

namespace arctl::test {

class ProbeService {
 public:
  static constexpr std::string_view kName = "testprovide.probe";
  virtual ~ProbeService() = default;
  virtual const char* hello() = 0;
};

}  // namespace arctl::test
