// arctl::Error: the kind-to-exit-code mapping and the one-line description the
// CLI prints, "file:line: field 'x': message" with whichever parts are known.
#include "arctl/error.hpp"

#include <string_view>
#include <utility>

namespace arctl {

int exit_code(ErrorKind kind) noexcept {
  return static_cast<int>(kind);
}

const char* to_string(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::kError:
      return "error";
    case ErrorKind::kUsage:
      return "usage";
    case ErrorKind::kNotFound:
      return "not_found";
    case ErrorKind::kConflict:
      return "conflict";
    case ErrorKind::kPeriodLocked:
      return "period_locked";
    case ErrorKind::kCreditRefused:
      return "credit_refused";
    case ErrorKind::kUndelivered:
      return "undelivered";
    case ErrorKind::kInternal:
      return "internal";
  }
  return "error";
}

Error::Error(ErrorKind kind, std::string message, Location where)
    : std::runtime_error(std::move(message)), kind_(kind), where_(std::move(where)) {}

std::string Error::describe() const {
  std::string out;
  if (!where_.file.empty()) out += where_.file;
  if (where_.line != 0) {
    // A line without a file still needs a word so it does not read as a number.
    out += where_.file.empty() ? "line " : ":";
    out += std::to_string(where_.line);
  }
  if (!out.empty()) out += ": ";
  if (!where_.field.empty()) out += "field '" + where_.field + "': ";
  out += what();
  return out;
}

Error Error::located(const Location& outer) const {
  Location merged = where_;
  if (merged.file.empty()) merged.file = outer.file;
  if (merged.line == 0) merged.line = outer.line;
  if (merged.field.empty()) merged.field = outer.field;
  return Error(kind_, what(), std::move(merged));
}

void fail(ErrorKind kind, std::string message, Location where) {
  throw Error(kind, std::move(message), std::move(where));
}

void fail_internal(std::string message, const char* file, int line) {
  // Only the file's name: a build path tells the reader nothing more.
  std::string_view f(file);
  if (const auto slash = f.rfind('/'); slash != std::string_view::npos) f.remove_prefix(slash + 1);
  throw Error(ErrorKind::kInternal, "internal error: " + message + " at " + std::string(f) + ":" +
                                        std::to_string(line) + "; please report");
}

}  // namespace arctl
