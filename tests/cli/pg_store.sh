#!/usr/bin/env bash
# A ledger on PostgreSQL: `init --store` records the URL in the ledger
# directory, a second directory pointing at the same schema joins the same
# ledger, ARCTL_STORE overrides the recorded URL, and `store info` names the
# backend, the location and the journal head. Needs the pg test server.
source "$(dirname "$0")/lib.sh"
: "${PG_URL:?run with ARCTL_TEST_BACKEND=pg}"
real() { "$ARCTL_REAL_BIN" "$@"; }

url="$PG_URL&schema=pgstore_$$"
A="$tmp/host-a"
B="$tmp/host-b"

case_ "init --store creates the ledger on the server and records its URL"
expect_exit 0 real -C "$A" --format json init --store "$url" --currency EUR
expect_eq true "$(json 'd["created"]' <<<"$out")" "created"
expect_eq "$url" "$(cat "$A/store.url")" "recorded URL"
expect_false "no LMDB file in a server ledger's directory" test -e "$A/data.mdb"
expect_eq 700 "$(stat -c %a "$A")" "ledger directory mode"

case_ "a ledger on the server loads libpq when it opens its store"
libs=$(LD_DEBUG=files "$ARCTL_REAL_BIN" -C "$A" customer list 2>&1 >/dev/null)
expect_contains "$libs" "libpq.so.5" "libpq loaded"

case_ "a second directory on the same schema joins the same ledger"
expect_exit 0 real -C "$B" --format json init --store "$url"
expect_eq false "$(json 'd["created"]' <<<"$out")" "created by the second host"
printf 'id,name\nACME,Acme Corp\nBETA,Beta Ltd\n' >"$tmp/c.csv"
expect_exit 0 real -C "$A" -q customer import "$tmp/c.csv"
expect_exit 0 real -C "$B" --format json customer list
expect_eq '["ACME", "BETA"]' "$(json '[c["id"] for c in d]' <<<"$out")" "customers seen from B"
expect_exit 0 real -C "$B" --format json config get ledger.currency
expect_contains "$out" EUR "currency set by A's init"
expect_eq 1 "$(real -C "$B" --format json log | json 'sum(e["type"] == "ledger.created" for e in d)')" \
  "ledger.created events after two inits"

case_ "re-running init changes nothing; a different URL for the same directory is refused"
expect_exit 0 real -C "$A" --format json init --store "$url"
expect_eq false "$(json 'd["created"]' <<<"$out")" "created on re-run"
expect_exit 4 real -C "$A" init --store "$PG_URL&schema=pgstore_other_$$"

case_ "store info: backend, location, journal head equal to the log's last entry"
expect_exit 0 real -C "$A" --format json store info
expect_eq postgresql "$(json 'd["backend"]' <<<"$out")" "backend"
expect_eq "$url" "$(json 'd["location"]' <<<"$out")" "location"
expect_true "a size is reported" test "$(json 'd["size_bytes"]' <<<"$out")" -gt 0
info_seq=$(json 'd["journal_seq"]' <<<"$out")
info_head=$(json 'd["journal_head"]' <<<"$out")
run real -C "$A" --format json log
expect_eq "$info_seq" "$(json 'max(d, key=lambda e: e["seq"])["seq"]' <<<"$out")" "journal seq"
expect_eq "$info_head" "$(json 'max(d, key=lambda e: e["seq"])["hash"]' <<<"$out")" "journal head"
expect_exit 0 real -C "$A" check

case_ "ARCTL_STORE overrides the recorded URL"
other="$PG_URL&schema=pgstore_env_$$"
expect_exit 0 real -C "$tmp/env" --format json init --store "$other"
expect_exit 0 env ARCTL_STORE="$other" "$ARCTL_REAL_BIN" -C "$A" --format json customer list
expect_eq '[]' "$(json '[c["id"] for c in d]' <<<"$out")" "customers of the ARCTL_STORE ledger"
expect_exit 0 env ARCTL_STORE="$other" "$ARCTL_REAL_BIN" -C "$A" --format json store info
expect_eq "$other" "$(json 'd["location"]' <<<"$out")" "location under ARCTL_STORE"

case_ "a schema without a ledger is 'not found'"
expect_exit 3 env ARCTL_STORE="$PG_URL&schema=pgstore_none_$$" "$ARCTL_REAL_BIN" -C "$A" customer list
expect_contains "$err" "pgstore_none_$$" "message names the schema"

case_ "payment auto reads the documents it applies in a few statements, and matches as on LMDB"
# More documents than a transaction reads whole: each read used to cost a
# statement. 20,000 invoices, 2,000 receipts (bench/gen, seeded).
: "${ARCTL_SOURCE_DIR:?ARCTL_SOURCE_DIR must name the source tree}"
python3 "$ARCTL_SOURCE_DIR/bench/gen" --invoices 20000 --out "$tmp/gen" >/dev/null
for l in "$tmp/auto-pg" "$tmp/auto-lmdb"; do
  if [[ $l == *pg ]]; then store=(--store "$PG_URL&schema=pgauto_$$"); else store=(); fi
  expect_exit 0 real -C "$l" -q init --currency USD "${store[@]}"
  expect_exit 0 real -C "$l" -q customer import "$tmp/gen/customers.csv"
  expect_exit 0 real -C "$l" -q invoice import "$tmp/gen/invoices.csv"
  expect_exit 0 real -C "$l" -q payment import "$tmp/gen/bank.csv" --format csv
done
expect_exit 0 real -C "$tmp/auto-pg" -vv --format json payment auto
pg_auto=$out
statements=$(grep -o 'the transaction took [0-9]* statements' <<<"$err" | tail -1 | grep -o '[0-9]*')
# 1,446 before documents were read ahead per customer, 446 after.
expect_true "payment auto's statements ($statements) are far fewer than its 2,000 receipts" \
  test "${statements:-99999}" -lt 700
expect_exit 0 real -C "$tmp/auto-lmdb" --format json payment auto
expect_eq "$out" "$pg_auto" "payment auto's result on PostgreSQL and on LMDB"
expect_eq "$(real -C "$tmp/auto-lmdb" --format csv aging)" "$(real -C "$tmp/auto-pg" --format csv aging)" \
  "aging after payment auto"
expect_exit 0 real -C "$tmp/auto-pg" check

case_ "an LMDB ledger reports its backend"
expect_exit 0 real -C "$tmp/lmdb" -q init
expect_exit 0 real -C "$tmp/lmdb" --format json store info
expect_eq lmdb "$(json 'd["backend"]' <<<"$out")" "backend"
expect_eq "$tmp/lmdb" "$(json 'd["location"]' <<<"$out")" "location"
