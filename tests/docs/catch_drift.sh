#!/usr/bin/env bash
# The examples runner fails, naming the page and line, when an example's
# command or its expected output no longer matches the code.
source "$(dirname "$0")/catch_lib.sh"
check() { expect "$1" "$2" "$3" python3 "$here/run_examples.py" "$ARCTL_BIN" "$4"; }
check "a page that matches the code passes" 0 "1 examples in 1 pages, 0 failed" "$here/fixtures/page.md"
sed 's/customer add ACME/customer ad ACME/' "$here/fixtures/page.md" >"$tmp/command.md"
check "a changed command fails at its block" 1 "$tmp/command.md:3: the example exited 2" "$tmp/command.md"
sed 's/^Added customer ACME$/Added customer ACME2/' "$here/fixtures/page.md" >"$tmp/output.md"
check "a changed expected output fails at its block" 1 "$tmp/output.md:8: the output differs" \
  "$tmp/output.md"
exit $((fails > 0))
