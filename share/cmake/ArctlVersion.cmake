# Writes arctl_version.hpp at every build: the project's version (from
# project(arctl VERSION ...), the one place it is set) and, when built from a
# git checkout, what `git describe --always --dirty` says. The file is rewritten only
# when its content changes, so an unchanged tree recompiles nothing.
#   cmake -DSOURCE_DIR=... -DOUT=... -DVERSION=... [-DGIT=...] -P ArctlVersion.cmake
set(describe "")
if(GIT AND EXISTS "${SOURCE_DIR}/.git")
  # What `git describe --always --dirty` prints, without its side effect:
  # --dirty refreshes and rewrites .git/index, and a build writes nothing in
  # the source tree. `git status` with optional locks off only reads.
  set(ENV{GIT_OPTIONAL_LOCKS} 0)
  execute_process(
    COMMAND "${GIT}" -C "${SOURCE_DIR}" describe --always
    OUTPUT_VARIABLE out
    RESULT_VARIABLE rc
    ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
  execute_process(
    COMMAND "${GIT}" -C "${SOURCE_DIR}" status --porcelain --untracked-files=no
    OUTPUT_VARIABLE changes
    RESULT_VARIABLE status_rc
    ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
  # A checkout git refuses to read (another owner, a broken repository) is
  # built as if from a tarball.
  if(rc EQUAL 0 AND status_rc EQUAL 0 AND out MATCHES "^[A-Za-z0-9._+-]+$")
    set(describe "${out}")
    if(NOT changes STREQUAL "")
      string(APPEND describe "-dirty")
    endif()
  endif()
endif()

set(content "// Generated at build time by share/cmake/ArctlVersion.cmake.
#pragma once
#define ARCTL_VERSION \"${VERSION}\"
// `git describe --always --dirty` of the source tree, or \"\" outside a checkout.
#define ARCTL_GIT_DESCRIBE \"${describe}\"
")
include(${CMAKE_CURRENT_LIST_DIR}/WriteIfChanged.cmake)
arctl_write_if_changed("${OUT}" "${content}")
