// The diagnostics logger: spdlog to standard error, "arctl: level: message".
#include "arctl/log.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace arctl::log {
namespace {

int g_level = 0;

spdlog::logger& logger() {
  static auto instance = [] {
    auto l = std::make_shared<spdlog::logger>("arctl",
                                              std::make_shared<spdlog::sinks::stderr_sink_st>());
    l->set_pattern("arctl: %l: %v");
    l->set_level(spdlog::level::warn);
    return l;
  }();
  return *instance;
}

}  // namespace

void set_verbosity(int level) {
  g_level = level;
  logger().set_level(level < 0    ? spdlog::level::err
                     : level == 0 ? spdlog::level::warn
                     : level == 1 ? spdlog::level::info
                                  : spdlog::level::debug);
}

bool enabled(int level) noexcept {
  return g_level >= level;
}
void warn(std::string_view m) {
  logger().warn("{}", m);
}
void info(std::string_view m) {
  if (g_level >= 1) logger().info("{}", m);
}
void debug(std::string_view m) {
  if (g_level >= 2) logger().debug("{}", m);
}

}  // namespace arctl::log
