# The PostgreSQL twin of an end-to-end test: the same script run with
# ARCTL_TEST_BACKEND=pg (tests/cli/lib.sh then makes every ledger the test
# creates live in its own schema on the throwaway server of the pg_server
# fixture). Label "pg"; `ctest -L pg` starts and stops the server around them.
#   arctl_add_pg_twin(NAME TIMEOUT ENV COMMAND...)
set(ARCTL_PG_STATE ${CMAKE_BINARY_DIR}/tests/pg/server.env)

function(arctl_add_pg_twin name timeout env)
  # Under the sanitizers the twins of the workflow tests would run the same
  # store code paths again at several times the cost: that build keeps the
  # PostgreSQL-only tests and the twins that stress the store itself.
  set(sanitizer_twins pg_store pg_server_crash pg_copy pg_secrets concurrency8 customers import)
  if(ARCTL_SANITIZE AND NOT name IN_LIST sanitizer_twins)
    return()
  endif()
  # Every statement is a round trip to the server: the twins take two to
  # four times as long, and the sanitizers multiply that again.
  math(EXPR timeout "${timeout} * 2")
  if(ARCTL_SANITIZE)
    math(EXPR timeout "${timeout} * 3")
  endif()
  add_test(NAME pg.${name} COMMAND ${ARGN})
  set_tests_properties(pg.${name} PROPERTIES
    LABELS pg
    TIMEOUT ${timeout}
    FIXTURES_REQUIRED pg_server
    ENVIRONMENT "${env};ARCTL_TEST_BACKEND=pg;ARCTL_PG_STATE=${CMAKE_BINARY_DIR}/tests/pg/server.env")
endfunction()
