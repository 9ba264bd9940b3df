# Compiler warnings, set per target rather than per directory: the INTERFACE
# target arctl_warnings carries them, arctl_warnings(TARGET) applies it, and
# arctl_warnings_everywhere() applies it to every target the project compiles
# (plugin unit tests included) once they are all defined. ARCTL_WERROR (CI
# turns it on) makes every warning an error.
option(ARCTL_WERROR "Treat compiler warnings as errors (CI)" OFF)

add_library(arctl_warnings INTERFACE)
target_compile_options(arctl_warnings INTERFACE -Wall -Wextra -Wpedantic)
# GCC 12 reports -Wrestrict inside std::string's operator+ at -O2, a false
# positive fixed in GCC 13 (GCC bug 105651).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(arctl_warnings INTERFACE -Wno-restrict)
endif()
if(ARCTL_WERROR)
  target_compile_options(arctl_warnings INTERFACE -Werror)
endif()

function(arctl_warnings target)
  get_target_property(libs ${target} LINK_LIBRARIES)
  if(NOT "arctl_warnings" IN_LIST libs)
    target_link_libraries(${target} PRIVATE arctl_warnings)
  endif()
endfunction()

function(_arctl_warnings_in dir)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(t IN LISTS targets)
    get_target_property(type ${t} TYPE)
    if(type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY)$")
      arctl_warnings(${t})
    endif()
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    _arctl_warnings_in(${sub})
  endforeach()
endfunction()

function(arctl_warnings_everywhere)
  _arctl_warnings_in(${PROJECT_SOURCE_DIR})
endfunction()
