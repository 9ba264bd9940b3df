# Debian packages built by CPack from this project's install rules:
#   arctl      the program, its bundled plugins, libarctl.so.0, templates, the
#              sample ledger, completions, manual pages, documents (component
#              "runtime", every install rule that names no component)
#   arctl-dev  the SDK headers, the libarctl.so link and the CMake package
#              for find_package(arctl) (component "dev")
# packaging/build-deb configures, builds and runs cpack; see the README.
set(ARCTL_MAINTAINER "arctl maintainers <maintainers@arctl-project.org>")
set(ARCTL_DEB_RELEASE 1)
set(ARCTL_DEB_VERSION ${PROJECT_VERSION}-${ARCTL_DEB_RELEASE})
set(ARCTL_PACKAGING_OUT ${PROJECT_BINARY_DIR}/packaging)

# copyright in Debian's machine-readable format, with the license text of
# LICENSE (MIT, called "Expat" in Debian) as its indented body.
file(READ ${PROJECT_SOURCE_DIR}/LICENSE license)
string(REGEX REPLACE "^[^\n]*\n\nCopyright[^\n]*\n\n" "" body "${license}")
string(STRIP "${body}" body)
string(REPLACE "\n\n" "\n.\n" body "${body}")
string(REPLACE "\n" "\n " body "${body}")
set(ARCTL_LICENSE_BODY " ${body}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/copyright.in ${ARCTL_PACKAGING_OUT}/copyright @ONLY)

# changelog.Debian.gz: dated today, or by SOURCE_DATE_EPOCH for a
# reproducible build; compressed with gzip -9n like the manual pages.
string(TIMESTAMP ARCTL_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file(${CMAKE_CURRENT_LIST_DIR}/changelog.in ${ARCTL_PACKAGING_OUT}/changelog @ONLY)
find_program(GZIP_PROGRAM gzip REQUIRED)
add_custom_command(
  OUTPUT ${ARCTL_PACKAGING_OUT}/changelog.Debian.gz
  COMMAND ${CMAKE_COMMAND} -DIN=${ARCTL_PACKAGING_OUT}/changelog
          -DOUT=${ARCTL_PACKAGING_OUT}/changelog.Debian.gz -DGZIP=${GZIP_PROGRAM}
          -P ${CMAKE_CURRENT_LIST_DIR}/gzip.cmake
  DEPENDS ${ARCTL_PACKAGING_OUT}/changelog ${CMAKE_CURRENT_LIST_DIR}/gzip.cmake)
add_custom_target(arctl_changelog ALL DEPENDS ${ARCTL_PACKAGING_OUT}/changelog.Debian.gz)

set(doc_files ${ARCTL_PACKAGING_OUT}/copyright ${ARCTL_PACKAGING_OUT}/changelog.Debian.gz)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/RELIABILITY.md ${doc_files}
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/arctl)
# The guides, which `arctl help GUIDE` prints from there.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/doc/ DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/arctl
        FILES_MATCHING PATTERN "*.md")
install(FILES ${doc_files} DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/arctl-dev COMPONENT dev)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME arctl)
# Each package's synopsis is the first line of its own description; CPack
# would otherwise put the project's DESCRIPTION in front of both.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")
set(CPACK_PACKAGE_VENDOR "The arctl authors")
set(CPACK_PACKAGE_CONTACT "${ARCTL_MAINTAINER}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime dev)

set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${ARCTL_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_RELEASE ${ARCTL_DEB_RELEASE})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Dependencies from the binaries' NEEDED libraries (dpkg-shlibdeps).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME arctl)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION utils)
# A shlibs file for libarctl.so.0 (only arctl has a library with a soname);
# before 1.0 every release may change the SDK, so a plugin built against
# this one needs exactly this version.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY "=")
# The loader's cache is updated by dpkg's ldconfig trigger, as policy asks.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA ${CMAKE_CURRENT_LIST_DIR}/triggers)
# The mail plugin loads libcurl at run time (for SMTP), and libarctl loads
# libpq on the first PostgreSQL store, so dpkg-shlibdeps sees neither;
# sendmail is the default transport.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS "libcurl4 (>= 7.74), libpq5 (>= 15)")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SUGGESTS "arctl-dev, default-mta | mail-transport-agent")
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION "accounts-receivable operations from the command line
arctl is a git-style command-line tool for accounts receivable: customers,
invoices, cash application from bank statements (CAMT.053, BAI2, CSV),
statements and aging, past-due notices, credit limits and holds, disputes,
promises and write-offs, the collector's worklist with contacts, strategies
and escalation stages, the month-end close and the general-ledger export,
on an append-only, hash-chained ledger stored in LMDB or PostgreSQL.

Every command prints stable machine-readable output (JSON, CSV, TSV),
exits with a documented status and is safe to re-run. The workflows are
plugins loaded at start-up; in-house plugins build with the arctl-dev
package.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME arctl-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
# The SDK headers include nlohmann/json, CLI11 and Boost.DLL.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "arctl (= ${ARCTL_DEB_VERSION}), nlohmann-json3-dev (>= 3.10), libcli11-dev, libboost-dev (>= 1.74)")
set(CPACK_DEBIAN_DEV_DESCRIPTION "SDK for building arctl plugins
arctl is a git-style command-line tool for accounts receivable whose
workflows are plugins. This package holds what an in-house plugin builds
against: the SDK headers, the libarctl.so link and the CMake package, used
with find_package(arctl) and arctl_add_plugin().

The example plugin is in /usr/share/arctl/examples/hello-plugin; the
arctl-plugins(7) manual page describes the plugin interface.")

include(CPack)
