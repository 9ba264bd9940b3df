// Diagnostics on standard error for -v (info) and -vv (debug), so that
// plugins can log without depending on a logging library themselves.
#pragma once

#include <string_view>

namespace arctl::log {

// -1: errors only (-q); 0: warnings (default); 1: info (-v); 2+: debug (-vv).
void set_verbosity(int level);
bool enabled(int level) noexcept;  // 1 info, 2 debug
void warn(std::string_view message);
void info(std::string_view message);
void debug(std::string_view message);

}  // namespace arctl::log
