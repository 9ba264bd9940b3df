#!/usr/bin/env bash
# The GL receives each journal entry exactly once, whichever way it is
# exported: the close, --since-last and explicit ranges share one record of
# what went out. October: INV-1 100.00 + INV-2 50.00 closed; reopened for
# INV-3 40.00, closed again: the GL holds 190.00 of receivables, once.
source "$ARCTL_TEST_LIB"
export ARCTL_TODAY=2026-11-02
L="$tmp/l"
a() { "$ARCTL_BIN" -C "$L" "$@"; }
new_ledger "$L"
a -q customer add ACME --name "Acme Corp" >/dev/null
a -q invoice create --customer ACME --id INV-1 --date 2026-10-05 --line "Widget;1;100" >/dev/null
a -q invoice create --customer ACME --id INV-2 --date 2026-10-10 --line "Widget;1;50" >/dev/null
txns() { hledger -f "$1" print -O csv | csv 'len({r[0] for r in rows[1:]})'; }
entries() { json 'd["entries"]' <<<"$out"; }

case_ "the close exports the month; --since-last right after it exports nothing"
expect_exit 0 a close 2026-10 --out "$tmp/close"
first="$tmp/close/2026-10/gl.journal"
expect_eq "2" "$(txns "$first")" "entries in the close's file"
expect_exit 0 a --format json gl export --since-last --format jsonl --out "$tmp/s.jsonl"
expect_eq "0" "$(entries)" "since-last after the close"
expect_eq "0" "$(wc -l <"$tmp/s.jsonl" | tr -d ' ')" "since-last file"

case_ "an explicit range after the close exports nothing, unless --reexport"
expect_exit 0 a --format json gl export --from 2026-10-01 --to 2026-10-31 --format jsonl --out "$tmp/e.jsonl"
expect_eq "0 0" "$(entries) $(wc -l <"$tmp/e.jsonl" | tr -d ' ')" "range after the close"
expect_exit 0 a --format json gl export --period 2026-10 --reexport --format jsonl --out "$tmp/r.jsonl"
expect_eq "2 2 True" "$(json '"%s %s %s" % (d["entries"], d["reexported"], d["reexport"])' <<<"$out")"
expect_eq "2" "$(wc -l <"$tmp/r.jsonl" | tr -d ' ')" "re-exported entries in the file"

case_ "a reopened and re-closed month exports only its new entry, beside the first file"
a -q period reopen --reason "late invoice" >/dev/null
a -q invoice create --customer ACME --id INV-3 --date 2026-10-20 --line "Widget;1;40" >/dev/null
expect_exit 0 a close 2026-10 --out "$tmp/close"
expect_eq "2" "$(txns "$first")" "the first close's file is untouched"
second=$(ls "$tmp"/close/2026-10/gl*.journal | grep -v '/gl.journal$')
expect_eq "1" "$(txns "$second")" "entries in the second close's file"
expect_contains "$(cat "$second")" "INV-3"
expect_eq "190.00 USD" "$(hledger -f "$first" -f "$second" bal '^Assets:Receivable' -e 2026-11-01 -O csv |
  csv '[r[1] for r in rows if r[0]=="total"][0]')" "October's AR in the GL, once"

case_ "reconcile lists an entry never exported and is not explained; the next close exports it"
a -q period reopen --reason "credit" >/dev/null
a -q invoice credit INV-1 --amount 10.00 --reason "damaged" --date 2026-10-25 >/dev/null
a -q period lock 2026-10-31 >/dev/null
expect_exit 4 a --format json gl reconcile --gl-balance 190.00
expect_eq "2026-10-25 10.00" "$(json '" ".join(r["date"]+" "+r["amount"] for r in d if r["item"]=="not in GL")' <<<"$out")"
expect_contains "$(json '[r["detail"] for r in d if r["item"]=="unexplained"][0]' <<<"$out")" "not explained"
expect_exit 0 a --as-of 2026-12-01 close 2026-11 --out "$tmp/close"
expect_eq "1" "$(txns "$tmp/close/2026-11/gl.journal")" "November's close carries the late credit"
expect_contains "$(cat "$tmp/close/2026-11/gl.journal")" "2026-10-25"
expect_exit 0 a --format json gl reconcile --gl-balance 180.00
expect_exit 0 a check
