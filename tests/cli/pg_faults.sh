#!/usr/bin/env bash
# PostgreSQL: a connection lost in the middle of a command. At sampled store
# operations of each mutating command (ARCTL_FAULT=any:N:connection-lost cuts
# every connection of the process for real, fault_store.hpp), a write
# transaction runs again on a new connection and the command ends exactly as
# a run that met no fault: the same events, the same aging, the same files.
# A loss in a read transaction (which is not run again: it may have printed)
# fails the command with exit 1, naming the loss, and changes nothing.
#   PG_FAULT_POINTS: operation indexes sampled per command (default 6)
# Needs the pg test server.
source "$(dirname "$0")/lib.sh"
F="$(dirname "$0")/faults"  # two customers' invoices and receipts
: "${PG_URL:?run with ARCTL_TEST_BACKEND=pg}"
real() { "$ARCTL_REAL_BIN" "$@"; }
points=${PG_FAULT_POINTS:-6}

# The state before each command: an LMDB ledger, copied to a new schema for
# every run.
O="$tmp/origin"
real -C "$O" -q init
real -C "$O" -q customer add ACME --name "Acme Ltd" --terms net30 >/dev/null
real -C "$O" -q customer add BETA --name "Beta GmbH" --terms net30 >/dev/null
real -C "$O" -q invoice import "$F/invoices.csv" >/dev/null
cat >"$tmp/inv2.csv" <<'CSV'
id,customer,date,description,quantity,unit_price
I-4,ACME,2026-03-05,Washers,100,0.50
I-5,BETA,2026-03-06,Springs,20,2.25
CSV
real -C "$O" -q payment import "$F/receipts.csv" --format csv >/dev/null

runs=0
# fresh NAME: a PostgreSQL ledger in $tmp/NAME holding a copy of the origin.
fresh() {
  runs=$((runs + 1))
  local url="$PG_URL&schema=pgfaults_$$_$runs"
  real -C "$O" -q store copy --to "$url" >/dev/null
  rm -rf "$tmp/$1"
  real -C "$tmp/$1" -q init --store "$url" >/dev/null
}
# facts DIR OUT: what a run leaves, as text: the events (without their
# times, OUT written as {out}), the aging and the files in OUT.
facts() {
  real -C "$1" --format json log |
    json '[(e["type"], {k: v for k, v in e["payload"].items() if k != "time"}) for e in d]' |
    sed "s|$2|{out}|g"
  real -C "$1" --format json aging
  if [[ -d "$2" ]]; then (cd "$2" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum); fi
}

# What every command starts from, as facts.
fresh before
before=$(facts "$tmp/before" "$tmp/no-such-folder")

# faulted CMD...: runs CMD ({out} stands for its output folder) without a
# fault, then with the connection cut at sampled operations, and compares.
faulted() {
  local total
  fresh count
  rm -rf "$tmp/count-out"
  total=$(ARCTL_FAULT=count real -C "$tmp/count" --as-of 2026-04-02 "${@//\{out\}/$tmp/count-out}" 2>&1 >/dev/null |
    sed -nE 's/^ARCTL_FAULT: ([0-9]+) store operations.*/\1/p')
  local reference
  reference=$(facts "$tmp/count" "$tmp/count-out")
  local i n
  for ((i = 0; i < points; i++)); do
    n=$((1 + i * (total - 1) / (points > 1 ? points - 1 : 1)))
    case_ "$* with the connection lost at store operation $n of $total"
    fresh try
    rm -rf "$tmp/try-out"
    run env ARCTL_FAULT="any:$n:connection-lost" "$ARCTL_REAL_BIN" -C "$tmp/try" \
      --as-of 2026-04-02 "${@//\{out\}/$tmp/try-out}"
    if [[ $rc == 0 ]]; then
      expect_eq "$reference" "$(facts "$tmp/try" "$tmp/try-out")" "events, aging and files"
    else
      expect_eq 1 "$rc" "exit code of a loss in a read"
      expect_contains "$err" "lost the connection" "message"
      expect_eq "$before" "$(facts "$tmp/try" "$tmp/try-out")" "events, aging and no files"
    fi
    expect_exit 0 real -C "$tmp/try" check
  done
}

faulted invoice import "$tmp/inv2.csv"
faulted payment auto
faulted notice run --out "{out}"
faulted gl export --period 2026-03 --out "{out}/gl.journal"
faulted close 2026-03 --out "{out}"
