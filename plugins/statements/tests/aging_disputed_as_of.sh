#!/usr/bin/env bash
# End-to-end: the aging's disputed column as of a past date uses the
# disputes as they stood that day: one opened later is not disputed yet,
# one resolved later still is.
source "$ARCTL_TEST_LIB"

start_ledger ACME "Acme Corp"
a -q invoice create --customer ACME --id INV-1 --date 2026-01-05 --line "Goods;1;1000.00" >/dev/null
a -q invoice create --customer ACME --id INV-2 --date 2026-01-05 --line "Goods;1;500.00" >/dev/null
run a --as-of 2026-02-01 --format json dispute open --invoice INV-2 --amount 300.00 --reason price
a -q --as-of 2026-02-20 dispute resolve "$(json 'd["id"]' <<<"$out")" --outcome customer-pays --note "agreed" >/dev/null
a -q --as-of 2026-02-10 dispute open --invoice INV-1 --amount 200.00 --reason damaged >/dev/null

disputed() { a --as-of "$1" --format json aging | json '[r["disputed"] for r in d if r["row"] == "customer"][0]'; }

case_ "as of a past date: later disputes are not counted, later resolutions not applied"
expect_eq "0.00" "$(disputed 2026-01-31)" "before any dispute"
expect_eq "300.00" "$(disputed 2026-02-05)" "INV-2 disputed, INV-1 not yet"
expect_eq "500.00" "$(disputed 2026-02-10)" "opened on the day counts"
expect_eq "200.00" "$(disputed 2026-02-20)" "resolved on the day no longer counts"
expect_eq "200.00" "$(disputed 2026-03-31)" "today"

expect_exit 0 a check
