// What libarctl exports. The library is built with hidden visibility: only
// declarations marked ARCTL_API (the SDK that plugins and the arctl binary
// call) are in its dynamic symbol table; everything else stays internal.
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define ARCTL_API __attribute__((visibility("default")))
#else
#define ARCTL_API
#endif
