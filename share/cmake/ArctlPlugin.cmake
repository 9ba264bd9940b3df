# arctl_bundled_plugin(NAME source...): a plugin shipped with arctl. It is
# built exactly as an in-house plugin is (a MODULE library on the public SDK,
# NAME.so with no "lib" prefix), but inside this build: it links arctl_kernel,
# lands in the build tree's lib/arctl/plugins beside the binary, and installs
# into the install tree's.
function(arctl_bundled_plugin name)
  if(ARGC LESS 2)
    message(FATAL_ERROR "arctl_bundled_plugin(${name}): give at least one source file")
  endif()
  add_library(${name} MODULE ${ARGN})
  target_link_libraries(${name} PRIVATE arctl_kernel)
  target_compile_features(${name} PRIVATE cxx_std_20)
  set_target_properties(${name} PROPERTIES
    # A plugin exports its ABI string and factory alone (ARCTL_PLUGIN).
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    PREFIX ""
    OUTPUT_NAME ${name}
    LIBRARY_OUTPUT_DIRECTORY ${ARCTL_PLUGIN_BUILD_DIR}
    # lib/arctl/plugins/NAME.so finds libarctl.so two levels up, in lib/,
    # in the build tree as installed (and with no empty run-path entries).
    BUILD_WITH_INSTALL_RPATH ON
    INSTALL_RPATH "$ORIGIN/../..")
  install(TARGETS ${name} LIBRARY DESTINATION ${ARCTL_PLUGIN_INSTALL_DIR})
  # The manual pages are written once every bundled plugin is built.
  set_property(GLOBAL APPEND PROPERTY ARCTL_BUNDLED_PLUGINS ${name})
endfunction()
