// Diagnostics on standard error for -v (info) and -vv (debug), so that
// plugins can log without depending on a logging library themselves.
#pragma once

#include <string_view>

#include "arctl/api.hpp"

namespace arctl::log {

// -1: errors only (-q); 0: warnings (default); 1: info (-v); 2+: debug (-vv).
ARCTL_API void set_verbosity(int level);
ARCTL_API bool enabled(int level) noexcept;  // 1 info, 2 debug
ARCTL_API void warn(std::string_view message);
ARCTL_API void info(std::string_view message);
ARCTL_API void debug(std::string_view message);

}  // namespace arctl::log
