#!/usr/bin/env bash
# End-to-end: DSO (standard, countback), CEI, activity and forecast on the
# hand-computed fixture ledger (fixtures/README.md).
source "$ARCTL_TEST_LIB"
source "$FIXTURES/ledger.sh"

L="$tmp/ledger"
fixture_ledger "$L"
a() { arctl -C "$L" "$@"; }

case_ "DSO standard for 2026-03"
expect_exit 0 a --format json report dso --period 2026-03
expect_eq '["1950.00", "300.00", "201.5"]' "$(json '[d[0]["ending_ar"], d[0]["credit_sales"], d[0]["dso"]]' <<<"$out")" "standard"

case_ "DSO countback for 2026-03"
expect_exit 0 a --format json report dso --period 2026-03 --method countback
expect_eq '["1950.00", "71.4", 3]' "$(json '[d[0]["ending_ar"], d[0]["dso"], d[0]["months_counted"]]' <<<"$out")" "countback"

case_ "CEI for 2026-03"
expect_exit 0 a --format json report cei --period 2026-03
expect_eq '["2250.00", "300.00", "1950.00", "100.00", "24.49"]' "$(json '[d[0][k] for k in ("beginning_ar","credit_sales","ending_ar","ending_current_ar","cei")]' <<<"$out")" "cei"
expect_exit 0 a --format csv report cei --period 2026-03
expect_eq "24.49" "$(csv 'rows[1][rows[0].index("cei")]' <<<"$out")" "cei csv"
expect_exit 2 a report cei

case_ "activity for March"
expect_exit 0 a --format json report activity --from 2026-03-01 --to 2026-03-31
expect_eq '["300.00", "400.00", "200.00", "0.00"]' "$(json '[[r["invoiced"],r["collected"],r["credited"],r["written_off"]] for r in d if r["row"]=="total"][0]' <<<"$out")" "totals"
expect_eq '["0.00", "400.00"]' "$(json '[[r["invoiced"],r["collected"]] for r in d if r["customer"]=="ACME"][0]' <<<"$out")" "ACME"

case_ "forecast: due dates shifted by each customer's average days late"
# ACME paid I1 (due 2025-12-31) on 2026-01-15: 15 days late on average.
# BETA has no fully paid invoice: 0 days. From 2026-03-31, week 1 is
# 03-31..04-06: overdue I2 300 + I3 250 (ACME) + I4 300 + I5 1000 (BETA);
# I6 (BETA, due 04-14) falls in week 3 (04-14..04-20).
expect_exit 0 a --format json report forecast --weeks 4
expect_eq '["1850.00", "0.00", "300.00", "0.00", "0.00"]' "$(json '[r["expected"] for r in d]' <<<"$out")" "weekly amounts"
expect_eq '["1", "2", "3", "4", "later"]' "$(json '[r["week"] for r in d]' <<<"$out")" "weeks"
