// The GL plugin's event: an export of GL entries was recorded.
#pragma once

#include <string_view>

#include "arctl/events/fields.hpp"

namespace arctl::events {

// GL entries were exported and recorded (gl export, the close's export step).
// Not typed yet; fields: the export record (number, label, format, the
// journal range and the entries' count and totals, file, actor, time).
struct GlExported : JsonPayload<GlExported> {
  static constexpr std::string_view kName = "gl.exported";
};

}  // namespace arctl::events
