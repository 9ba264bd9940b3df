#!/usr/bin/env bash
# End-to-end: the month-end close mechanism: dry run, lock, re-run, blocking
# checks, hooks, status and history.
source "$(dirname "$0")/lib.sh"

start_ledger ACME "Acme Corp"
a -q invoice create --customer ACME --id I-1 --date 2026-03-05 --line "Thing;1;100.00" >/dev/null

case_ "closing needs a business date after the month: a conflict, not a usage error"
expect_exit 4 a --as-of 2026-03-15 close 2026-03

case_ "--dry-run runs everything, prints the report, commits and writes nothing"
before="$(event_count "$L")"
expect_exit 0 a --as-of 2026-04-02 --format json close 2026-03 --dry-run --out "$tmp/out"
expect_eq "$before" "$(event_count "$L")" "events after a dry run"
expect_eq "dry run: nothing committed" "$(json 'd["status"]' <<<"$out")" "dry-run status"
expect_false "no report file under --dry-run" test -e "$tmp/out/2026-03/close-report.json"
run a --format json period show
expect_eq "None" "$(json 'str(d["locked_through"])' <<<"$out")" "nothing locked by a dry run"

case_ "a blocking check stops the close before the lock with exit 4"
a -q payment record --amount 5.00 --date 2026-03-20 --id SUSP-1 >/dev/null
a -q config set close.check.suspense block
expect_exit 4 a --as-of 2026-04-02 close 2026-03 --out "$tmp/out"
expect_contains "$err" "blocked" "blocked message"
expect_contains "$(cat "$tmp/out/2026-03/close-report.txt")" "SUSP-1" "the report lists what to fix"
run a --format json period show
expect_eq "None" "$(json 'str(d["locked_through"])' <<<"$out")" "nothing locked when blocked"
a -q payment assign SUSP-1 --customer ACME >/dev/null
a -q config set close.check.suspense warn

case_ "a failing pre-close hook stops the close"
mkdir -p "$L/hooks"
printf '#!/bin/sh\nexit 3\n' >"$L/hooks/pre-close"
chmod +x "$L/hooks/pre-close"
expect_exit 4 a --as-of 2026-04-02 close 2026-03 --out "$tmp/out"
expect_contains "$err" "pre-close hook failed" "pre-close message"
rm "$L/hooks/pre-close"

case_ "the close locks the period; postings dated in it then exit 5"
printf '#!/bin/sh\ncat >"%s/post-close.json"\n' "$tmp" >"$L/hooks/post-close"
chmod +x "$L/hooks/post-close"
expect_exit 0 a --as-of 2026-04-02 --format json close 2026-03 --out "$tmp/out"
expect_eq "closed" "$(json 'd["status"]' <<<"$out")" "status"
expect_eq "2026-03-31" "$(json 'd["locked_through"]' <<<"$out")" "locked through"
expect_eq "2026-03" "$(json 'd["period"]' <"$tmp/post-close.json")" "post-close hook got the report"
expect_exit 5 a invoice create --customer ACME --date 2026-03-31 --line "Late;1;1.00"
expect_exit 0 a invoice create --customer ACME --date 2026-04-01 --line "Next;1;1.00"

case_ "re-running a closed period changes nothing and says so"
before="$(event_count "$L")"
expect_exit 0 a --as-of 2026-04-03 close 2026-03 --out "$tmp/out"
expect_contains "$out" "already closed" "re-run message"
expect_eq "$before" "$(event_count "$L")" "events after a re-run"

case_ "status and history"
run a --format json close status 2026-03
expect_eq "closed" "$(json 'd["status"]' <<<"$out")" "close status"
expect_eq "e2e" "$(json 'd["closed_by"]' <<<"$out")" "closed by the actor"
run a --format json close history
expect_eq "close.completed" "$(json 'd[-1]["event"]' <<<"$out")" "history"
expect_exit 3 a close status 2026-02

case_ "a reopened period can be closed again"
expect_exit 0 a period reopen --reason "late credit note" --to 2026-02-28
run a --format json close status 2026-03
expect_eq "reopened" "$(json 'd["status"]' <<<"$out")" "reopened status"
expect_exit 0 a --as-of 2026-04-05 close 2026-03 --out "$tmp/out"
expect_contains "$out" "Status: closed" "closed again"
