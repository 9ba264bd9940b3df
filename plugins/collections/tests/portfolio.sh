#!/usr/bin/env bash
# End-to-end: portfolios: a collector is a name stored on the customer;
# portfolio list sums customers, open AR and past due per collector.
source "$ARCTL_TEST_LIB"

start_ledger ACME "Acme Corp" BETA "Beta Ltd" GAMMA "Gamma plc" DELTA "Delta SA"
# net30: issued 01-20 is due 02-19 (past due on 03-31); issued 03-20 is not yet due.
a -q invoice create --customer ACME --id INV-A1 --date 2026-01-20 --line "Goods;1;1000.00" >/dev/null
a -q invoice create --customer ACME --id INV-A2 --date 2026-03-20 --line "Goods;1;500.00" >/dev/null
a -q invoice create --customer BETA --id INV-B1 --date 2026-01-20 --line "Goods;1;200.00" >/dev/null
a -q invoice create --customer GAMMA --id INV-G1 --date 2026-03-20 --line "Goods;1;300.00" >/dev/null
a -q invoice create --customer DELTA --id INV-D1 --date 2026-01-20 --line "Goods;1;50.00" >/dev/null
a -q payment record --customer ACME --amount 100.00 --date 2026-03-25 --id R-A1 >/dev/null

case_ "assign several customers at once; a missing customer changes nothing"
expect_exit 3 a portfolio assign ACME NOBODY --collector ana
run a --format json customer show ACME
expect_eq "" "$(json 'd.get("attrs", {}).get("collector", "")' <<<"$out")" "nothing assigned"
expect_exit 0 a portfolio assign ACME BETA --collector ana
expect_exit 0 a portfolio assign GAMMA --collector ben
expect_exit 0 a portfolio assign DELTA --collector ben
run a --format json customer show BETA
expect_eq "ana" "$(json 'd["attrs"]["collector"]' <<<"$out")" "stored on the customer"

case_ "--collector '' and unassign remove the collector; a re-run changes nothing"
expect_exit 0 a portfolio assign DELTA --collector ''
before="$(event_count "$L")"
expect_exit 0 a portfolio unassign DELTA
expect_exit 0 a portfolio assign BETA --collector ana
expect_eq "$before" "$(event_count "$L")" "no events for re-runs"

case_ "one row per collector, unassigned last: customers, open AR, past due"
# ana: ACME 1500.00 - 100.00 unapplied = 1400.00 open, 1000.00 past due; BETA 200.00 both.
# ben: GAMMA 300.00 open, nothing past due. (unassigned): DELTA 50.00 both.
expect_exit 0 a --format json portfolio list
expect_eq '[["ana", 2, "1600.00", "1200.00"], ["ben", 1, "300.00", "0.00"], ["(unassigned)", 1, "50.00", "50.00"]]' \
  "$(json '[[r["collector"], r["customers"], r["open"], r["past_due"]] for r in d]' <<<"$out")" "rows"
case_ "--as-of moves the past-due cut-off: on 02-19 nothing was past due yet"
expect_exit 0 a --format json --as-of 2026-02-19 portfolio list
expect_eq '[["ana", "1200.00", "0.00"], ["ben", "0.00", "0.00"], ["(unassigned)", "50.00", "0.00"]]' \
  "$(json '[[r["collector"], r["open"], r["past_due"]] for r in d]' <<<"$out")" "as of 02-19 (items issued later left out)"

case_ "--collector lists that collector's customers; csv has a header"
expect_exit 0 a --format json portfolio list --collector ana
expect_eq '[["ACME", "1400.00", "1000.00"], ["BETA", "200.00", "200.00"]]' \
  "$(json '[[r["customer"], r["open"], r["past_due"]] for r in d]' <<<"$out")" "ana's customers"
expect_exit 0 a --format csv portfolio list --collector ana
expect_eq "customer" "$(csv 'rows[0][0]' <<<"$out")" "csv header"

case_ "as of a past date, cash applied after it does not count"
a -q payment apply R-A1 --invoice INV-A1 --date 2026-03-25 >/dev/null
expect_exit 0 a --format json --as-of 2026-03-24 portfolio list --collector ana
expect_eq '[["ACME", "1500.00", "1000.00"]]' \
  "$(json '[[r["customer"], r["open"], r["past_due"]] for r in d if r["customer"] == "ACME"]' <<<"$out")" \
  "ACME on 03-24: the receipt of 03-25 is not there yet"
expect_exit 0 a --format json portfolio list --collector ana
expect_eq '[["ACME", "1400.00", "900.00"]]' \
  "$(json '[[r["customer"], r["open"], r["past_due"]] for r in d if r["customer"] == "ACME"]' <<<"$out")" \
  "ACME today: 100.00 applied to the past-due invoice"

run arctl -C "$L" check
expect_eq "0" "$rc" "arctl check"
