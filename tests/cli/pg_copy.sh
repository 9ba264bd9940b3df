#!/usr/bin/env bash
# `arctl store copy`: an LMDB ledger copied to PostgreSQL and back to LMDB
# reports the same journal head, the same aging and the same statements as
# the original at every step; a copy never overwrites a non-empty target.
# Needs the pg test server.
source "$(dirname "$0")/lib.sh"
: "${PG_URL:?run with ARCTL_TEST_BACKEND=pg}"
real() { "$ARCTL_REAL_BIN" "$@"; }

O="$tmp/original"
url="$PG_URL&schema=pgcopy_$$"

# Three customers, twelve invoices, two receipts applied by the matcher and
# one left unapplied.
real -C "$O" -q init
python3 - "$tmp" <<'PY'
import sys
tmp = sys.argv[1]
with open(f"{tmp}/c.csv", "w") as f:
    f.write("id,name\nACME,Acme Corp\nBETA,Beta Ltd\nGAMMA,Gamma plc\n")
with open(f"{tmp}/i.csv", "w") as f:
    f.write("id,customer,date,due,amount\n")
    for n in range(12):
        c = ["ACME", "BETA", "GAMMA"][n % 3]
        f.write(f"INV-{n:03d},{c},2026-0{1 + n % 3}-10,2026-0{2 + n % 3}-09,{100 + 7 * n}.25\n")
with open(f"{tmp}/b.csv", "w") as f:
    f.write("entry_ref,date,amount,reference\n")
    f.write("E1,2026-03-20,100.25,INV-000\nE2,2026-03-21,107.25,INV-001\nE3,2026-03-22,55.00,\n")
PY
real -C "$O" -q customer import "$tmp/c.csv"
real -C "$O" -q invoice import "$tmp/i.csv"
real -C "$O" -q payment import "$tmp/b.csv" --format csv
real -C "$O" -q payment auto >/dev/null

# facts DIR: journal head, aging and two statements, as one text.
facts() {
  real -C "$1" --format json store info | json '[d["journal_seq"], d["journal_head"]]'
  real -C "$1" --format json aging
  real -C "$1" statement ACME --from 2026-01-01 --to 2026-03-31 --format json
  real -C "$1" statement GAMMA --from 2026-01-01 --to 2026-03-31 --format csv
}
facts "$O" >"$tmp/original.facts"
head_seq=$(real -C "$O" --format json store info | json 'd["journal_seq"]')

case_ "LMDB -> PostgreSQL: the copy reports the original's journal head"
expect_exit 0 real -C "$O" --format json store copy --to "$url"
expect_eq "$head_seq" "$(json 'd["journal_seq"]' <<<"$out")" "journal seq of the copy"
expect_contains "$(json 'd["to"]' <<<"$out")" "postgresql " "target backend"
expect_true "entries copied" test "$(json 'd["entries"]' <<<"$out")" -gt 50

case_ "the PostgreSQL copy reads the same as the original"
expect_exit 0 real -C "$tmp/pg" -q init --store "$url"
expect_exit 0 real -C "$tmp/pg" check
facts "$tmp/pg" >"$tmp/pg.facts"
expect_eq "$(cat "$tmp/original.facts")" "$(cat "$tmp/pg.facts")" "head, aging, statements on PostgreSQL"

case_ "PostgreSQL -> LMDB: the round trip reads the same as the original"
expect_exit 0 real -C "$tmp/back" --format json store copy --from "$url"
expect_eq "$head_seq" "$(json 'd["journal_seq"]' <<<"$out")" "journal seq of the copy back"
expect_true "the copy back is an LMDB ledger" test -f "$tmp/back/data.mdb"
expect_exit 0 real -C "$tmp/back" check
facts "$tmp/back" >"$tmp/back.facts"
expect_eq "$(cat "$tmp/original.facts")" "$(cat "$tmp/back.facts")" "head, aging, statements after the round trip"

case_ "a copy refuses a non-empty target, either way"
expect_exit 4 real -C "$O" store copy --to "$url"
expect_contains "$err" "not empty" "message"
expect_exit 4 real -C "$tmp/back" store copy --from "$url"
expect_exit 2 real -C "$O" store copy
expect_exit 2 real -C "$O" store copy --to "$url" --from "$url"

case_ "the copies go on independently"
real -C "$tmp/pg" -q customer add DELTA --name "Delta GmbH"
expect_exit 3 real -C "$O" customer show DELTA
expect_exit 0 real -C "$tmp/pg" customer show DELTA

case_ "backup of a PostgreSQL ledger restores as an LMDB ledger with the same head"
pg_seq=$(real -C "$tmp/pg" --format json store info | json 'd["journal_seq"]')
expect_exit 0 real -C "$tmp/pg" --format json backup "$tmp/pg.backup"
expect_eq "$pg_seq" "$(json 'd["journal_seq"]' <<<"$out")" "journal seq of the backup"
expect_exit 0 real -C "$tmp/restored" --format json restore "$tmp/pg.backup"
expect_exit 0 real -C "$tmp/restored" customer show DELTA
