# Sourced by the tests of the docs tests: expect WHAT STATUS TEXT CMD... runs
# CMD and counts a failure unless it exits STATUS with TEXT in its output.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fails=0
expect() {
  local what=$1 want=$2 text=$3 out status
  shift 3
  out="$("$@" 2>&1)"
  status=$?
  if [[ $status -ne $want || "$out" != *"$text"* ]]; then
    echo "FAIL: $what: exit $status, wanted $want and '$text' in:"
    echo "$out"
    fails=$((fails + 1))
  else
    echo "ok: $what"
  fi
}
