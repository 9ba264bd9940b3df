// The floor for start-up: a program that links fmt and spdlog, dlopens one
// empty shared library (bench/empty.c, as arctl opens its plugins) and prints
// a line through both libraries, so that neither is dropped at link time.
#include <dlfcn.h>
#include <fmt/core.h>
#include <spdlog/common.h>

#include <string_view>

int main() {
  void* lib = ::dlopen(ARCTL_BENCH_EMPTY_LIBRARY, RTLD_NOW | RTLD_LOCAL);
  if (lib == nullptr) {
    fmt::print(stderr, "bare_startup: {}\n", ::dlerror());
    return 1;
  }
  const auto level = spdlog::level::to_string_view(spdlog::level::info);
  fmt::print("bare {}\n", std::string_view(level.data(), level.size()));
  return 0;
}
