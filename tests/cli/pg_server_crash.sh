#!/usr/bin/env bash
# The PostgreSQL server killed in the middle of an import: the import fails
# with a clear message after its bounded retries, the ledger is exactly as
# before it, and once the server is back the same import succeeds. Runs its
# own throwaway server (tests/pg/start.sh), since it kills it.
source "$(dirname "$0")/lib.sh"
: "${ARCTL_SOURCE_DIR:?ARCTL_SOURCE_DIR must name the source tree}"
real() { "$ARCTL_REAL_BIN" "${@}"; }
[[ -n "${ARCTL_REAL_BIN:-}" ]] || ARCTL_REAL_BIN=$ARCTL_BIN

state="$tmp/server.env"
pg="$ARCTL_SOURCE_DIR/tests/pg"
bash "$pg/start.sh" "$state" >/dev/null
trap 's=$?; bash "$pg/stop.sh" "$state"; (exit $s); _finish' EXIT
url="$(source "$state" && echo "$PG_URL")&schema=crash"

invoices=10000
L="$tmp/ledger"
real -C "$L" -q init --store "$url"
python3 - "$tmp" "$invoices" <<'PY'
import sys
tmp, n = sys.argv[1], int(sys.argv[2])
with open(f"{tmp}/c.csv", "w") as f:
    f.write("id,name\n" + "".join(f"C{c:03d},Customer {c}\n" for c in range(100)))
with open(f"{tmp}/i.csv", "w") as f:
    f.write("id,customer,date,due,amount\n")
    for i in range(n):
        f.write(f"INV-{i:06d},C{i % 100:03d},2026-02-01,2026-03-03,{10 + i % 97}.50\n")
PY
real -C "$L" -q customer import "$tmp/c.csv"
before_log=$(real -C "$L" --format json log | json '[len(d), max(d, key=lambda e: e["seq"])["hash"]]')
before_aging=$(real -C "$L" --format json aging)

case_ "killing the server in the middle of an import fails the import, clearly"
real -C "$L" -q invoice import "$tmp/i.csv" >"$tmp/import.out" 2>"$tmp/import.err" &
importer=$!
# Kill the server once the import's transaction has sent rows: a connection
# inside a transaction (not idle) whose last statement wrote; not this
# query, whose text holds the pattern.
for _ in $(seq 1 1200); do  # up to a minute: the sanitizer build is slow to its first flush
  n=$(source "$state" && "$PG_BINDIR/psql" -qAt -h "$PG_DIR/sock" -p "$PG_PORT" -U arctl -d arctl \
    -c "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND state <> 'idle' AND (query LIKE 'COPY pg_temp.arctl_stage%' OR query LIKE '%INSERT INTO \"crash\".kv%')" \
    2>/dev/null || echo 0)
  [[ "$n" -gt 0 ]] && break
  sleep 0.05
done
bash "$pg/stop.sh" "$state" --crash
rc=0
wait "$importer" || rc=$?
expect_eq 1 "$rc" "exit code of the interrupted import"
expect_contains "$(cat "$tmp/import.err")" "could not complete" "the import's message"
expect_contains "$(cat "$tmp/import.err")" "schema=crash" "the message names the server"

case_ "while the server is down, commands fail with exit 1 and say why"
expect_exit 1 real -C "$L" customer list
expect_contains "$err" "cannot connect to postgresql://" "message"

case_ "after a restart the ledger is exactly as before the import"
bash "$pg/start.sh" "$state"
expect_eq "$before_log" "$(real -C "$L" --format json log | json '[len(d), max(d, key=lambda e: e["seq"])["hash"]]')" \
  "journal length and head"
expect_eq "$before_aging" "$(real -C "$L" --format json aging)" "aging"
expect_exit 0 real -C "$L" --format json invoice list
expect_eq 0 "$(json 'len(d)' <<<"$out")" "invoices"
expect_exit 0 real -C "$L" check

case_ "the same import then succeeds"
expect_exit 0 real -C "$L" --format json invoice import "$tmp/i.csv"
expect_exit 0 real -C "$L" --format json invoice list
expect_eq "$invoices" "$(json 'len(d)' <<<"$out")" "invoices"
expect_exit 0 real -C "$L" check
