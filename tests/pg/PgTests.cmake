# The PostgreSQL twin of an end-to-end test: the same script run with
# ARCTL_TEST_BACKEND=pg (tests/cli/lib.sh then makes every ledger the test
# creates live in its own schema on the throwaway server of the pg_server
# fixture). Label "pg"; `ctest -L pg` starts and stops the server around them.
#   arctl_add_pg_twin(NAME TIMEOUT ENV COMMAND...)
set(ARCTL_PG_STATE ${CMAKE_BINARY_DIR}/tests/pg/server.env)

function(arctl_add_pg_twin name timeout env)
  add_test(NAME pg.${name} COMMAND ${ARGN})
  set_tests_properties(pg.${name} PROPERTIES
    LABELS pg
    TIMEOUT ${timeout}
    FIXTURES_REQUIRED pg_server
    ENVIRONMENT "${env};ARCTL_TEST_BACKEND=pg;ARCTL_PG_STATE=${CMAKE_BINARY_DIR}/tests/pg/server.env")
endfunction()
