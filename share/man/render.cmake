# Runs `arctl __man` into OUT (plain roff, the build tree's share/man) and
# writes each page compressed with gzip -9n (no name, no timestamp: the
# same bytes at every build) into GZ_OUT for installation.
#   cmake -DARCTL=... -DOUT=... -DGZ_OUT=... -DDATE=YYYY-MM-DD -DGZIP=... -P render.cmake
file(GLOB stale ${OUT}/man1/arctl*.1 ${OUT}/man7/arctl*.7)
if(stale)
  file(REMOVE ${stale})
endif()
file(REMOVE_RECURSE ${GZ_OUT})

# Only the bundled plugins: nothing from the environment of whoever builds
# (their plugin path, ledger, store) may change the pages.
unset(ENV{ARCTL_PLUGIN_PATH})
unset(ENV{ARCTL_STORE})
set(ENV{ARCTL_DIR} "${GZ_OUT}.no-ledger")
# In a sanitizer build the pages are still wanted when a leak is found at
# exit; the test suite is where leaks fail (ASAN_OPTIONS in its preset).
set(ENV{ASAN_OPTIONS} "detect_leaks=0")
execute_process(
  COMMAND ${ARCTL} __man ${OUT} --date ${DATE}
  OUTPUT_VARIABLE pages
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "arctl __man failed (${rc})")
endif()

string(REPLACE "\n" ";" pages "${pages}")
foreach(page IN LISTS pages)
  if(page STREQUAL "")
    continue()
  endif()
  get_filename_component(name ${page} NAME)
  get_filename_component(section_dir ${page} DIRECTORY)
  get_filename_component(section ${section_dir} NAME)
  file(MAKE_DIRECTORY ${GZ_OUT}/${section})
  execute_process(
    COMMAND ${GZIP} -9n -c ${page}
    OUTPUT_FILE ${GZ_OUT}/${section}/${name}.gz
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip ${page} failed")
  endif()
endforeach()
