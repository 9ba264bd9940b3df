# Writes man_sources.hpp: the text sources of the manual pages in share/man/,
# compiled into the binary so that `arctl __man` and `arctl help --man` need
# no files beside it.
#   cmake -DSRC=share/man -DOUT=.../man_sources.hpp -DFILES="a;b" -P embed.cmake
set(body "")
foreach(name IN LISTS FILES)
  file(READ "${SRC}/${name}" text)
  if(text MATCHES "\\)arctlman\"")
    message(FATAL_ERROR "${name} contains the raw-string delimiter )arctlman\"")
  endif()
  string(APPEND body "    {\"${name}\", R\"arctlman(${text})arctlman\"},\n")
endforeach()
set(content "// Generated from share/man/ at build time by share/man/embed.cmake.
#pragma once
#include <string_view>

struct ArctlManSource {
  std::string_view name;
  std::string_view text;
};

inline constexpr ArctlManSource kManSources[] = {
${body}};
")
include(${CMAKE_CURRENT_LIST_DIR}/../cmake/WriteIfChanged.cmake)
arctl_write_if_changed("${OUT}" "${content}")
