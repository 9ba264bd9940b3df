# The tests of a bundled plugin, registered one way: doctest executables on the
# one shared doctest main, and the end-to-end scripts with their PostgreSQL twins.
include(${PROJECT_SOURCE_DIR}/tests/pg/PgTests.cmake)

# One doctest main for every unit-test executable (kernel and plugins).
if(NOT TARGET arctl_doctest_main)
  add_library(arctl_doctest_main OBJECT ${PROJECT_SOURCE_DIR}/tests/kernel/main.cpp)
  target_link_libraries(arctl_doctest_main PUBLIC doctest::doctest)
endif()

#   arctl_plugin_unit_tests(<target> SOURCES src... [TEST_PREFIX p]
#                           [LIBS lib...] [INCLUDES dir...] [DEFINES def...])
# A doctest executable of the plugin in the current tests/ folder; it sees the
# plugin's sources (..) and is labelled "unit". Without TEST_PREFIX the test
# names are doctest's case names as they are. The plugin's own sources among
# SOURCES (../NAME.cpp) are not compiled again: the test links the plugin's
# objects through an archive, from which the linker takes those it needs.
function(arctl_plugin_unit_tests target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "TEST_PREFIX" "SOURCES;LIBS;INCLUDES;DEFINES")
  get_filename_component(plugin_dir ${CMAKE_CURRENT_SOURCE_DIR} DIRECTORY)
  get_filename_component(plugin ${plugin_dir} NAME)
  set(own)
  foreach(src ${arg_SOURCES})
    if(src MATCHES "^\\.\\./[^/]+\\.cpp$" AND TARGET ${plugin})
      list(APPEND own ${src})
    endif()
  endforeach()
  if(own)
    list(REMOVE_ITEM arg_SOURCES ${own})
    if(NOT TARGET ${plugin}_objects_for_tests)
      add_library(${plugin}_objects_for_tests STATIC $<TARGET_OBJECTS:${plugin}>)
      set_target_properties(${plugin}_objects_for_tests PROPERTIES LINKER_LANGUAGE CXX)
    endif()
    list(PREPEND arg_LIBS ${plugin}_objects_for_tests)
  endif()
  add_executable(${target} ${arg_SOURCES})
  target_include_directories(${target} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/.. ${arg_INCLUDES})
  target_link_libraries(${target} PRIVATE arctl_doctest_main doctest::doctest ${arg_LIBS})
  if(arg_DEFINES)
    target_compile_definitions(${target} PRIVATE ${arg_DEFINES})
  endif()
  if(arg_TEST_PREFIX)
    doctest_discover_tests(${target} TEST_PREFIX "${arg_TEST_PREFIX}" PROPERTIES LABELS unit)
  else()
    doctest_discover_tests(${target} PROPERTIES LABELS unit)
  endif()
endfunction()

#   arctl_plugin_tests(<plugin> [TIMEOUT seconds] [ENV name=value...])
# Every *.sh in the current folder as test <plugin>.<script> (label "e2e",
# default timeout 600 s) run on the built arctl with tests/cli/lib.sh, and its
# PostgreSQL twin pg.<plugin>.<script>. ENV adds to the scripts' environment.
function(arctl_plugin_tests plugin)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "TIMEOUT" "ENV")
  if(NOT arg_TIMEOUT)
    set(arg_TIMEOUT 600)
  endif()
  set(env "ARCTL_BIN=$<TARGET_FILE:arctl>;ARCTL_TEST_LIB=${PROJECT_SOURCE_DIR}/tests/cli/lib.sh")
  foreach(item ${arg_ENV})
    string(APPEND env ";${item}")
  endforeach()
  file(GLOB scripts CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.sh)
  foreach(script ${scripts})
    get_filename_component(name ${script} NAME_WE)
    add_test(NAME ${plugin}.${name} COMMAND bash ${script})
    set_tests_properties(${plugin}.${name} PROPERTIES LABELS e2e TIMEOUT ${arg_TIMEOUT}
      ENVIRONMENT "${env}")
    arctl_add_pg_twin(${plugin}.${name} ${arg_TIMEOUT} "${env}" bash ${script})
  endforeach()
endfunction()
