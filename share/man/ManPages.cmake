# Manual pages, written at build time by the built arctl (`arctl __man`) once
# it and every bundled plugin are built, so they document exactly the
# commands and options of this build. Included from share/CMakeLists.txt.
#   build tree: share/man/man{1,7}/*  (read them with man -M BUILD/share/man)
#   installed:  share/man/man{1,7}/*.gz, compressed with gzip -9n
find_program(GZIP_PROGRAM gzip REQUIRED)
get_property(ARCTL_BUNDLED_PLUGINS GLOBAL PROPERTY ARCTL_BUNDLED_PLUGINS)

set(ARCTL_MAN_BUILD_DIR ${PROJECT_BINARY_DIR}/${CMAKE_INSTALL_MANDIR})
set(ARCTL_MAN_GZ_DIR ${CMAKE_CURRENT_BINARY_DIR}/man-gz)
set(ARCTL_MAN_STAMP ${CMAKE_CURRENT_BINARY_DIR}/man.stamp)
# The pages' date: today at configure time, or SOURCE_DATE_EPOCH's day for a
# reproducible build.
string(TIMESTAMP ARCTL_MAN_DATE "%Y-%m-%d" UTC)

add_custom_command(
  OUTPUT ${ARCTL_MAN_STAMP}
  COMMAND ${CMAKE_COMMAND} -DARCTL=$<TARGET_FILE:arctl> -DOUT=${ARCTL_MAN_BUILD_DIR}
          -DGZ_OUT=${ARCTL_MAN_GZ_DIR} -DDATE=${ARCTL_MAN_DATE} -DGZIP=${GZIP_PROGRAM}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/man/render.cmake
  COMMAND ${CMAKE_COMMAND} -E touch ${ARCTL_MAN_STAMP}
  DEPENDS arctl ${ARCTL_BUNDLED_PLUGINS} ${CMAKE_CURRENT_SOURCE_DIR}/man/render.cmake
  WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}
  COMMENT "Writing the manual pages from the command definitions")
add_custom_target(arctl_man ALL DEPENDS ${ARCTL_MAN_STAMP})

install(DIRECTORY ${ARCTL_MAN_GZ_DIR}/ DESTINATION ${CMAKE_INSTALL_MANDIR})
