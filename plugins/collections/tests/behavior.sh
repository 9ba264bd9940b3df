#!/usr/bin/env bash
# End-to-end: payment behaviour (report behavior and customer show) for a
# customer with five invoices paid in the last twelve months, checked
# against figures computed by hand below.
source "$ARCTL_TEST_LIB"

start_ledger ACME "Acme Corp" IDLE "Idle Ltd"
inv() { a -q invoice create --customer ACME --id "$1" --date "$2" --due "$3" --line "Goods;1;$4" >/dev/null; }
pay() { # RECEIPT AMOUNT DATE INVOICE
  a -q payment record --customer ACME --id "$1" --amount "$2" --date "$3" >/dev/null
  a -q payment apply "$1" --invoice "$4" --date "$3" >/dev/null
}
inv INV-0 2024-12-01 2024-12-31 4000.00
inv INV-1 2025-10-01 2025-10-31 1000.00
inv INV-2 2025-11-01 2025-12-01 2000.00
inv INV-3 2025-12-01 2025-12-31 500.00
inv INV-4 2026-01-10 2026-02-09 1500.00
inv INV-5 2026-02-01 2026-03-03 3000.00
inv INV-6 2026-03-01 2026-03-31 700.00
pay R-0 4000.00 2025-01-15 INV-0
pay R-1 1000.00 2025-10-25 INV-1
pay R-2 2000.00 2025-12-11 INV-2
# INV-3: applied on 12-20, reversed on 12-22, applied again on 01-20: the
# reversed application does not count, so INV-3 cleared on 2026-01-20.
pay R-3 500.00 2025-12-20 INV-3
a -q payment unapply R-3 --invoice INV-3 --date 2025-12-22 >/dev/null
a -q payment apply R-3 --invoice INV-3 --date 2026-01-20 >/dev/null
pay R-4 1500.00 2026-02-09 INV-4
# INV-5 in two parts: cleared by the second, on 2026-03-13.
pay R-5a 1000.00 2026-03-01 INV-5
pay R-5b 2000.00 2026-03-13 INV-5
# One dispute (INV-6, 03-15) and one broken promise (checked 03-21); the
# broken promise opens a collection case, which is not a dispute.
a -q --as-of 2026-03-15 dispute open --invoice INV-6 --amount 100.00 --reason price >/dev/null
a -q --as-of 2026-03-16 promise add ACME --amount 100.00 --date 2026-03-20 >/dev/null
a -q promise check --as-of 2026-03-21 >/dev/null

# Invoices cleared in the 12 months to 2026-03-31, i.e. 2025-04-01..2026-03-31
# (INV-0 cleared 2025-01-15: outside). Weight = invoice amount.
#   inv    amount  issued->cleared       days  due->cleared          late (>=0)
#   INV-1  1000    2025-10-01 2025-10-25  24   2025-10-31 (-6 early)  0  on time
#   INV-2  2000    2025-11-01 2025-12-11  40   2025-12-01             10
#   INV-3   500    2025-12-01 2026-01-20  50   2025-12-31             20
#   INV-4  1500    2026-01-10 2026-02-09  30   2026-02-09              0  on time
#   INV-5  3000    2026-02-01 2026-03-13  40   2026-03-03             10
# Sum of weights 8000.
# Days to pay = (1000*24 + 2000*40 + 500*50 + 1500*30 + 3000*40) / 8000
#             = (24000 + 80000 + 25000 + 45000 + 120000) / 8000 = 294000/8000 = 36.75 -> 36.8
# Days late   = (0 + 2000*10 + 500*20 + 0 + 3000*10) / 8000 = 60000/8000 = 7.5
# On time by count 2/5 = 40.00 %; by amount (1000+1500)/8000 = 31.25 %
# Trend: ADD of invoices cleared 2026-01-01..03-31 (INV-3, INV-4, INV-5)
#   = (500*20 + 0 + 3000*10) / 5000 = 40000/5000 = 8.0
# against those cleared 2025-01-01..2025-12-31 (INV-0 late 15, INV-1, INV-2)
#   = (4000*15 + 0 + 2000*10) / 7000 = 80000/7000 = 11.428.. -> 11.4
# trend = 8.0 - 11.428.. = -3.428.. -> -3.4 (better: fewer days late)
# Largest invoice issued in the window: INV-5 3000.00 (INV-0 is older).
# Last payment: R-5b, 2026-03-13, 2000.00.
keys='["invoices_paid","amount_paid","avg_days_to_pay","avg_days_late","on_time_count_pct","on_time_amount_pct","add_last_3_months","add_prior_12_months","add_trend","trend","largest_invoice","largest_invoice_amount","disputes","broken_promises","last_payment_date","last_payment_amount"]'
want='["5", "8000.00", "36.8", "7.5", "40.00", "31.25", "8.0", "11.4", "-3.4", "better", "INV-5", "3000.00", "1", "1", "2026-03-13", "2000.00"]'

case_ "report behavior matches the hand-computed figures"
expect_exit 0 a --format json report behavior --customer ACME
expect_eq "$want" "$(json "[str(d[0][k]) for k in $keys]" <<<"$out")" "figures as of 03-31"
expect_eq "ACME USD 12" "$(json '" ".join(str(d[0][k]) for k in ["customer","currency","months"])' <<<"$out")" "row"

case_ "customer show has the same figures"
expect_exit 0 a --format json customer show ACME
expect_eq "$want" "$(json "[str(d[\"behavior\"][k]) for k in $keys]" <<<"$out")" "customer show"

case_ "as of 2026-03-10: later applications, disputes and promises do not count"
# Window 2025-03-11..2026-03-10: INV-1..INV-4 (INV-5 is not cleared yet).
# Days to pay = (24000 + 80000 + 25000 + 45000) / 5000 = 174000/5000 = 34.8
# Days late = (20000 + 10000) / 5000 = 6.0; on time 2/4 = 50.00 %, 2500/5000 = 50.00 %
# Last payment: R-5a, 2026-03-01, 1000.00; no dispute, no broken promise yet.
expect_exit 0 a --format json --as-of 2026-03-10 report behavior --customer ACME
expect_eq '["4", "5000.00", "34.8", "6.0", "50.00", "50.00", "0", "0", "2026-03-01", "1000.00"]' \
  "$(json '[str(d[0][k]) for k in ["invoices_paid","amount_paid","avg_days_to_pay","avg_days_late","on_time_count_pct","on_time_amount_pct","disputes","broken_promises","last_payment_date","last_payment_amount"]]' <<<"$out")" \
  "figures as of 03-10"

case_ "--months narrows the window; a customer with nothing paid has empty figures"
# 2 months to 03-31 (2026-02-01..03-31): INV-4 (30 days, 0 late) and INV-5 (40, 10):
# (1500*30 + 3000*40)/4500 = 165000/4500 = 36.666.. -> 36.7; late 30000/4500 = 6.666.. -> 6.7
expect_exit 0 a --format json report behavior --customer ACME --months 2
expect_eq '["2", "36.7", "6.7"]' \
  "$(json '[str(d[0][k]) for k in ["invoices_paid","avg_days_to_pay","avg_days_late"]]' <<<"$out")" "2 months"
a -q invoice create --customer IDLE --id INV-I --date 2026-03-01 --line "Goods;1;10.00" >/dev/null
expect_exit 0 a --format json report behavior
expect_eq '[["ACME", "5"], ["IDLE", "0", "", "", "INV-I"]]' \
  "$(json '[[r["customer"], str(r["invoices_paid"])] + ([r["avg_days_to_pay"], r["avg_days_late"], r["largest_invoice"]] if r["customer"] == "IDLE" else []) for r in d]' <<<"$out")" \
  "every customer with documents"
expect_exit 2 a report behavior --months 0
expect_exit 3 a report behavior --customer NOBODY

case_ "the ledger checks clean"
expect_exit 0 a check
