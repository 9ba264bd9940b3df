#!/usr/bin/env bash
# End-to-end: a receipt counts towards one promise only: the part applied to
# an invoice counts for that invoice's promise first, what is left for the
# oldest on-account promise, and an on-account promise sees only cash no
# other promise has taken.
source "$ARCTL_TEST_LIB"

start_ledger ACME "Acme Corp" BETA "Beta Ltd"
a -q invoice create --customer ACME --id INV-A --date 2026-01-05 --line "Goods;1;1000.00" >/dev/null
a -q invoice create --customer BETA --id INV-B --date 2026-01-05 --line "Goods;1;1000.00" >/dev/null

status_paid() { # promise id -> "status paid"
  a --format json promise list --status all | json "' '.join([[p['status'], p['paid']] for p in d if p['id'] == '$1'][0])"
}

case_ "cash applied to a promised invoice does not also keep an on-account promise"
a --as-of 2026-02-01 --format json promise add ACME --amount 400.00 --date 2026-02-20 --invoice INV-A | json 'd["id"]' >"$tmp/p1"
a --as-of 2026-02-01 --format json promise add ACME --amount 300.00 --date 2026-02-20 | json 'd["id"]' >"$tmp/p2"
a -q payment record --customer ACME --amount 500.00 --date 2026-02-10 --id R-A >/dev/null
a -q payment apply R-A --invoice INV-A --amount 400.00 --date 2026-02-10 >/dev/null
expect_exit 0 a --as-of 2026-02-21 promise check
expect_eq "kept 400.00" "$(status_paid "$(cat "$tmp/p1")")" "the invoice's own promise"
expect_eq "broken 100.00" "$(status_paid "$(cat "$tmp/p2")")" "on account: only the 100.00 left over"

case_ "two on-account promises share one receipt, oldest first"
a --as-of 2026-02-01 --format json promise add BETA --amount 300.00 --date 2026-02-20 | json 'd["id"]' >"$tmp/p3"
a --as-of 2026-02-02 --format json promise add BETA --amount 300.00 --date 2026-02-20 | json 'd["id"]' >"$tmp/p4"
a -q payment record --customer BETA --amount 400.00 --date 2026-02-10 --id R-B >/dev/null
expect_exit 0 a --as-of 2026-02-21 promise check
expect_eq "kept 300.00" "$(status_paid "$(cat "$tmp/p3")")" "the older promise takes its share first"
expect_eq "broken 100.00" "$(status_paid "$(cat "$tmp/p4")")" "the newer one gets what is left"

expect_exit 0 a check
