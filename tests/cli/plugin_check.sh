#!/usr/bin/env bash
# End-to-end: `arctl check` verifies the plugins' own indexes too: a damaged
# entry of the disputes' unresolved index, GL's date index or a holds record
# is reported with exit 1, naming the index. (LMDB only: it damages the file.)
source "$(dirname "$0")/lib.sh"

: "${LMDB_POKE:?LMDB_POKE must name the lmdb_poke test tool}"
L="$tmp/ledger"
new_ledger "$L"
a() { arctl -C "$L" "$@"; }
a -q customer add ACME --name "Acme Ltd" >/dev/null
a -q invoice create --customer ACME --id I-1 --date 2026-03-02 --line "Widget;1;100.00" >/dev/null
a -q dispute open --invoice I-1 --amount 10.00 --reason price >/dev/null
a -q gl export --from 2026-03-01 --to 2026-03-31 --out "$tmp/gl.journal" >/dev/null
a -q hold place ACME --reason "manual" >/dev/null
expect_exit 0 a check
cp -r "$L" "$tmp/clean"

# damaged TABLE EDIT...: a fresh copy of the ledger with one entry of TABLE
# changed by lmdb_poke (--delete, or a byte offset to flip).
damaged() {
  rm -rf "$L" && cp -r "$tmp/clean" "$L"
  local key
  key="$("$LMDB_POKE" "$L" "$1" --list | head -n 1 | cut -d' ' -f1)"
  "$LMDB_POKE" "$L" "$1" "$key" "$2" >/dev/null
}

case_ "a missing entry of the disputes' unresolved index fails the check, naming it"
damaged x.disputes.unresolved --delete
expect_exit 1 a check
expect_contains "$out" "disputes.unresolved ACME/I-1/" "the finding"

case_ "a missing entry of GL's date index fails the check, naming it"
damaged x.gl.by_date --delete
expect_exit 1 a check
expect_contains "$out" "gl.by_date 2026-03-02 seq" "the finding"

case_ "an unreadable holds record fails the check, naming it"
damaged x.holds.holds 0
expect_exit 1 a --format json check
expect_eq '["holds"]' "$(json '[f["area"] for f in d["findings"]]' <<<"$out")" "the area"
expect_contains "$out" "holds.holds ACME/" "the record"

case_ "the undamaged ledger passes"
rm -rf "$L" && cp -r "$tmp/clean" "$L"
expect_exit 0 a check
