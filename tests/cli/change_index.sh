#!/usr/bin/env bash
# The kernel's index of dated changes (applications, reversals, voids), which
# reports as of a past date read instead of replaying every document. Below
# arctl, with lmdb_poke: a missing or altered entry is reported by `arctl
# check`; a ledger without the index and its mark in `meta` (one last written
# by an arctl without it) reports as of a date by replay, checks clean, and
# its next write builds the index, dropping whatever was left of it.
source "$(dirname "$0")/lib.sh"

: "${LMDB_POKE:?LMDB_POKE must name the lmdb_poke test tool}"
poke() { "$LMDB_POKE" "$@"; }
hex() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }
mark=$(hex index.changes_by_date)
entries() { poke "$1" changes_by_date --list | cut -d' ' -f1; }

L="$tmp/ledger"
new_ledger "$L"
w() { arctl -C "$L" -q --as-of 2026-04-30 "$@" >/dev/null; }
w customer add C --name "Cust C"
w invoice create --customer C --id I1 --date 2026-01-05 --line "A;1;100.00"
w invoice create --customer C --id I2 --date 2026-02-05 --line "A;1;250.00"
w invoice create --customer C --id I3 --date 2026-02-10 --line "A;1;60.00"
w payment record --customer C --id R1 --date 2026-01-20 --amount 100.00
w payment apply R1 --invoice I1 --date 2026-01-20
w payment record --customer C --id R2 --date 2026-03-05 --amount 90.00
w payment apply R2 --invoice I2 --date 2026-03-05
w payment unapply R1 --date 2026-03-20
w invoice void I3 --reason "raised twice" --date 2026-04-02

dates=(2025-12-31 2026-01-20 2026-01-31 2026-02-28 2026-03-10 2026-03-31 2026-04-01 2026-04-30)
aging_all() {
  local d
  for d in "${dates[@]}"; do arctl -C "$1" --format csv aging --as-of "$d"; done
}
expected="$(aging_all "$L")"
# copy NAME: a copy of the ledger (LMDB files copied while idle).
copy() {
  cp -a "$L" "$tmp/$1"
  echo "$tmp/$1"
}

case_ "every application, reversal and void has its entry; the ledger checks clean"
expect_exit 0 arctl -C "$L" check
expect_eq 7 "$(entries "$L" | wc -l)" "two per application and reversal, one per void"
expect_exit 0 poke "$L" meta "$mark" --get
expect_exit 0 arctl -C "$L" -vv --format csv aging --as-of 2026-03-10
expect_contains "$err" "less the changes after it (3, to 3 documents issued by then)" "read from the index"

# damaged NAME KEY HOW: a copy of the ledger whose entry KEY is poked (HOW:
# --delete, or the offset of a byte to flip) fails its check; `finding` gives
# the first finding's area, record and message.
damaged() {
  local T
  T=$(copy "$1")
  ledger_left_broken "$T"
  expect_exit 0 poke "$T" changes_by_date "$2" "$3"
  expect_exit 1 arctl -C "$T" --format json check
}
finding() { json '[f[k] for f in d["findings"][:1] for k in ("area", "record", "message")]' <<<"$out"; }
first=$(entries "$L" | head -1)
last=$(entries "$L" | tail -1)

case_ "a missing entry is reported"
damaged missing "$first" --delete
expect_match "$(finding)" \
  "^\[\"index\", \"changes_by_date I1\", \"change index has no entry for application [0-9]+ of 'I1' on 2026-01-20\"\]$" \
  "finding"

case_ "an altered entry is reported"
damaged altered "$last" 2
expect_eq "[\"index\", \"changes_by_date I3\", \"change index entry for the void of 'I3' on 2026-04-02 does not match its application or void\"]" \
  "$(finding)" "finding"

case_ "without the index and its mark, as-of reports replay; the next write builds it"
T=$(copy legacy)
for k in $(entries "$T"); do poke "$T" changes_by_date "$k" --delete; done
expect_exit 0 poke "$T" meta "$mark" --delete
expect_exit 0 arctl -C "$T" check
expect_eq "$expected" "$(aging_all "$T")" "aging by replay"
expect_exit 0 arctl -C "$T" -vv --format csv aging --as-of 2026-03-10
expect_contains "$err" "replaying each customer's documents and applications" "replayed"
expect_exit 0 arctl -C "$T" -q customer add D --name "Cust D"
expect_eq "$(entries "$L")" "$(entries "$T")" "the index built again"
expect_exit 0 poke "$T" meta "$mark" --get
expect_eq "$expected" "$(aging_all "$T")" "aging from the built index"
expect_exit 0 arctl -C "$T" -vv --format csv aging --as-of 2026-03-10
expect_contains "$err" "less the changes after it" "read from the index"
expect_exit 0 arctl -C "$T" check

case_ "entries left without the mark are not read, and the build replaces them"
T=$(copy stale)
expect_exit 0 poke "$T" changes_by_date "$last" 2
expect_exit 0 poke "$T" changes_by_date "$first" --delete
expect_exit 0 poke "$T" meta "$mark" --delete
expect_exit 0 arctl -C "$T" check
expect_eq "$expected" "$(aging_all "$T")" "aging by replay"
expect_exit 0 arctl -C "$T" -q customer add D --name "Cust D"
for k in "$first" "$last"; do
  expect_exit 0 poke "$L" changes_by_date "$k" --get
  want=$out
  expect_exit 0 poke "$T" changes_by_date "$k" --get
  expect_eq "$want" "$out" "entry $k built again"
done
expect_eq "$expected" "$(aging_all "$T")" "aging from the built index"
expect_exit 0 arctl -C "$T" check
