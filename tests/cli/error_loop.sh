#!/usr/bin/env bash
# End-to-end: a command that fails at any store operation changes nothing.
# Each mutating command runs once for every operation index N = 1, 2, ...,
# with its Nth store operation failing (ARCTL_FAULT, fault_store.hpp), until
# it runs without meeting the fault (every STEP-th index with
# ARCTL_ERROR_LOOP_STEP, plus its commit). After each failed run: exit 1, a message
# naming the operation, the ledger byte for byte as before (mdb_dump), and no
# file in its output folder. The close, whose steps commit one by one, is
# checked differently: each failed run leaves a ledger that `arctl check`
# passes, and the close run again to its end gives the figures and files of a
# close that met no fault.
#   ARCTL_ERROR_LOOP_KIND=disk-full|io (default disk-full)
source "$(dirname "$0")/lib.sh"
F="$(dirname "$0")/faults"  # two customers' invoices and receipts

kind=${ARCTL_ERROR_LOOP_KIND:-disk-full}
L="$tmp/ledger"
new_ledger "$L"
a() { arctl -C "$L" "$@"; }
dump() { mdb_dump -a -p "$L" 2>&1; }
files() { if [[ -d "$1" ]]; then (cd "$1" && find . -type f | sort | tr '\n' ' '); fi; }

# loop OUTDIR CMD...: the error loop over one command that commits once.
# OUTDIR is the folder the command writes files to ("" for none). Every
# STEP-th store operation fails once (ARCTL_ERROR_LOOP_STEP, default 1: every
# one), and with a STEP above 1 the commit also fails once on its own.
step=${ARCTL_ERROR_LOOP_STEP:-1}
loop() {
  local outdir=$1
  shift
  local before n=1 failed=0 label="$*"
  before=$(dump)
  # fails_cleanly FAULT N: the command meeting FAULT (its Nth operation) fails
  # with exit 1 and a message naming it, and changes nothing.
  fails_cleanly() {
    case_ "$label failing at store operation $1"
    expect_eq 1 "$rc" "exit code"
    expect_match "$err" "store: .*\(.* #$2( in table '[^']+')?, injected by ARCTL_FAULT\)" "message"
    local now
    now=$(dump)
    if [[ "$now" != "$before" ]]; then
      fail "the ledger changed although the command failed"
      before=$now
    fi
    [[ -n "$outdir" ]] && expect_eq "" "$(files "$outdir")" "files after the failed run"
    failed=$((failed + 1))
  }
  if ((step > 1)); then
    [[ -n "$outdir" ]] && rm -rf "$outdir"
    run env ARCTL_FAULT="commit:1:$kind" "$ARCTL_BIN" -C "$L" "$@"
    fails_cleanly "commit:1" 1
  fi
  while :; do
    [[ -n "$outdir" ]] && rm -rf "$outdir"
    run env ARCTL_FAULT="any:$n:$kind" "$ARCTL_BIN" -C "$L" "$@"
    [[ $rc == 0 ]] && break
    fails_cleanly "any:$n" "$n"
    n=$((n + step))
    ((n < 5000)) || { fail "no end to the loop"; break; }
  done
  case_ "$label after $failed failed runs"
  expect_true "some operation failed" test "$failed" -gt 1
  expect_false "the ledger unchanged by the run that succeeded" test "$(dump)" = "$before"
  expect_exit 0 a check
}

a -q customer add ACME --name "Acme Ltd" --terms net30 >/dev/null
a -q customer add BETA --name "Beta GmbH" --terms net30 >/dev/null

loop "" invoice import "$F/invoices.csv"
loop "" payment import "$F/receipts.csv" --format csv
loop "" payment auto
loop "$tmp/letters" notice run --out "$tmp/letters"
loop "" dispute open --invoice I-2 --amount 20.00 --reason price
dsp=$(a --format json dispute list | json 'd[0]["id"]')
loop "" dispute resolve "$dsp" --outcome credit --note "agreed"
loop "$tmp/gl" gl export --period 2026-03 --out "$tmp/gl/gl.journal"

# The close: steps commit one by one, so a failed run may leave the steps
# before the failing one committed; running the close again finishes it.
# Every commit of the close fails once, and every STRIDE-th operation
# (ARCTL_ERROR_LOOP_CLOSE_STRIDE, default 15; 1 runs every index).
stride=${ARCTL_ERROR_LOOP_CLOSE_STRIDE:-15}
cp -a "$L" "$tmp/reference"
"$ARCTL_BIN" -C "$tmp/reference" -q --as-of 2026-04-02 close 2026-03 --out "$tmp/ref-out" >/dev/null ||
  fail "the close without a fault failed"
cp -a "$L" "$tmp/count"
counts=$(ARCTL_FAULT=count "$ARCTL_BIN" -C "$tmp/count" -q --as-of 2026-04-02 close 2026-03 --out "$tmp/count-out" 2>&1 >/dev/null)
total=$(sed -nE 's/^ARCTL_FAULT: ([0-9]+) store operations.*/\1/p' <<<"$counts")
commits=$(sed -nE 's/.*commit ([0-9]+)\)$/\1/p' <<<"$counts")
faults=()
for ((n = 1; n <= commits; n++)); do faults+=("commit:$n"); done
for ((n = 1; n <= total; n += stride)); do faults+=("any:$n"); done
for f in "${faults[@]}"; do
  rm -rf "$tmp/try" "$tmp/try-out"
  cp -a "$L" "$tmp/try"
  case_ "close failing at store operation $f of $total"
  expect_exit 1 env ARCTL_FAULT="$f:$kind" "$ARCTL_BIN" -C "$tmp/try" --as-of 2026-04-02 close 2026-03 --out "$tmp/try-out"
  expect_contains "$err" "injected by ARCTL_FAULT" "message"
  expect_exit 0 arctl -C "$tmp/try" check
  expect_exit 0 arctl -C "$tmp/try" -q --as-of 2026-04-02 close 2026-03 --out "$tmp/try-out"
  expect_eq "$(cat "$tmp/ref-out/2026-03/gl.journal")" "$(cat "$tmp/try-out/2026-03/gl.journal")" "the GL export"
  expect_eq "$(cat "$tmp/ref-out/2026-03/aging.csv")" "$(cat "$tmp/try-out/2026-03/aging.csv")" "the aging"
  expect_eq "$(files "$tmp/ref-out")" "$(files "$tmp/try-out")" "the close's files"
done
expect_true "the close was failed at each commit and at every $stride-th operation" test "${#faults[@]}" -gt "$commits"
