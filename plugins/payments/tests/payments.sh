#!/usr/bin/env bash
# End-to-end: cash application through the real arctl binary: matching rules,
# discounts, tolerances, short payments, duplicates, returns, refunds,
# suspense, post-dated cheques and bank statement imports.
source "$ARCTL_TEST_LIB"
FIX="$(cd "$(dirname "$0")" && pwd)/fixtures"

start_ledger
open_of() { a --format json invoice show "$1" | json 'd["open"]'; }
a -q customer add ACME --name "Acme Corp" --terms net30 >/dev/null
a -q customer add DISC --name "Discount Buyer" --terms "2/10 net30" >/dev/null
for i in 13 14 15 16; do
  a -q invoice create --customer ACME --id "INV-2026-0000$i" --date 2026-01-10 --line "Item;1;$i.00" >/dev/null
done

case_ "rule 1: invoice ids in the reference text, applied in that order"
expect_exit 0 a payment record --customer ACME --amount 29.00 --date 2026-01-20 \
  --ref "Pymt inv INV-2026-000014 & INV-2026-000015" --id R1
expect_exit 0 a --format json payment auto
expect_eq "1" "$(json '[r for r in d["rules"] if r["rule"]=="reference"][0]["receipts"]' <<<"$out")" "receipts matched by reference"
run a --format json payment show R1
expect_eq '["INV-2026-000014", "INV-2026-000015"]' "$(json '[x["document"] for x in d["applications"]]' <<<"$out")" "applications in reference order"
expect_eq "0.00" "$(open_of INV-2026-000014)" "INV-14 paid"
expect_eq "0.00" "$(open_of INV-2026-000015)" "INV-15 paid"
expect_eq "13.00" "$(open_of INV-2026-000013)" "INV-13 untouched"

case_ "rule 3: a receipt equal to three open invoices matches exactly those"
for i in 1 2 3 4 5; do
  a -q invoice create --customer ACME --id "C-$i" --date 2026-01-11 --line "Part;1;$((100 * i + 7)).00" >/dev/null
done
# 207 + 407 + 507 = 1121; no single invoice or pair makes 1121.
expect_exit 0 a payment record --customer ACME --amount 1121.00 --date 2026-01-25 --id R2
expect_exit 0 a --format json payment auto
expect_eq "3" "$(json '[r for r in d["rules"] if r["rule"]=="combination"][0]["applications"]' <<<"$out")" "combination applications"
expect_eq '{"USD": "1121.00"}' "$(json '[r for r in d["rules"] if r["rule"]=="combination"][0]["amount"]' <<<"$out")" "combination amount"
run a --format json payment show R2
expect_eq '["C-2", "C-4", "C-5"]' "$(json 'sorted(x["document"] for x in d["applications"])' <<<"$out")" "the three invoices"

case_ "rule 3: two open invoices of the same amount make a pair"
a -q customer add TWIN --name "Twin Invoices" --terms net30 >/dev/null
a -q invoice create --customer TWIN --id TW-1 --date 2026-01-12 --line "Part;1;50.00" >/dev/null
a -q invoice create --customer TWIN --id TW-2 --date 2026-01-13 --line "Part;1;50.00" >/dev/null
a -q invoice create --customer TWIN --id TW-3 --date 2026-01-14 --line "Part;1;70.00" >/dev/null
expect_exit 0 a payment record --customer TWIN --amount 100.00 --date 2026-01-26 --id R-TWIN
expect_exit 0 a --format json payment auto --customer TWIN
run a --format json payment show R-TWIN
expect_eq '["TW-1", "TW-2"]' "$(json 'sorted(x["document"] for x in d["applications"])' <<<"$out")" "the two equal invoices"

case_ "rule 2 with the discount: paid inside the window closes the invoice and books the discount"
a -q invoice create --customer DISC --id D-1 --date 2026-01-31 --line "Gear;1;1000.00" >/dev/null
expect_exit 0 a payment record --customer DISC --amount 980.00 --date 2026-02-09 --id R3
expect_exit 0 a --format json payment auto --customer DISC
expect_eq "1" "$(json '[r for r in d["rules"] if r["rule"]=="discount"][0]["receipts"]' <<<"$out")" "discount rule"
run a --format json invoice show D-1
expect_eq "0.00" "$(json 'd["open"]' <<<"$out")" "discounted invoice closed"
expect_eq '["20.00"]' "$(json '[x["amount"] for x in d["applications"] if x["document"].startswith("DSC-")]' <<<"$out")" "discount booked with its own document"
expect_eq '["980.00"]' "$(json '[x["amount"] for x in d["applications"] if x["reason"]=="discount"]' <<<"$out")" "receipt applied by the discount rule"

# pay_99_95 INVOICE TOLERANCE RECEIPT: a new ACME INVOICE of 100.00 is paid
# 99.95 by RECEIPT naming it, with payments.write_off_tolerance TOLERANCE,
# and `payment auto` applies the cash.
pay_99_95() {
  a -q invoice create --customer ACME --id "$1" --date 2026-02-01 --line "Svc;1;100.00" >/dev/null
  a -q config set payments.write_off_tolerance "$2"
  expect_exit 0 a payment record --customer ACME --amount 99.95 --date 2026-02-05 --ref "$1" --id "$3"
  expect_exit 0 a --format json payment auto
}

case_ "tolerance 0.10: 99.95 on 100.00 closes it with a 0.05 write-off"
pay_99_95 T-1 0.10 R4
expect_eq "1" "$(json 'd["write_offs"]' <<<"$out")" "write-offs"
expect_eq "0.00" "$(open_of T-1)" "T-1 closed"
run a --format json log --type document.posted
expect_eq "0.05" "$(json '[e["payload"]["amount"] for e in d if e["payload"]["kind"]=="write_off"][0]' <<<"$out")" "write-off document amount"

case_ "tolerance 0.01: 99.95 on 100.00 leaves 0.05 open and publishes payment.short"
pay_99_95 T-2 0.01 R5
expect_eq "1" "$(json 'd["short_payments"]' <<<"$out")" "short payments"
expect_eq "0.05" "$(open_of T-2)" "T-2 left short"
run a --format json log --type payment.short
expect_eq "0.05" "$(json 'd[0]["payload"]["short"]' <<<"$out")" "payment.short amount"
expect_eq "T-2" "$(json 'd[0]["payload"]["invoice"]' <<<"$out")" "payment.short invoice"

case_ "duplicates are refused unless allowed"
expect_exit 0 a payment record --customer ACME --amount 50.00 --date 2026-02-10 --ref "wire 778" --id R6
before="$(event_count "$L")"
expect_exit 4 a payment record --customer ACME --amount 50.00 --date 2026-02-10 --ref "wire 778"
expect_contains "$err" "duplicate of R6" "duplicate message"
expect_eq "$before" "$(event_count "$L")" "nothing written for a refused duplicate"
expect_exit 0 a payment record --customer ACME --amount 50.00 --date 2026-02-10 --ref "wire 778" --allow-duplicate

case_ "returning an applied payment restores every invoice exactly"
a -q invoice create --customer ACME --id RT-1 --date 2026-02-01 --line "A;1;60.00" >/dev/null
a -q invoice create --customer ACME --id RT-2 --date 2026-02-01 --line "B;1;40.00" >/dev/null
expect_exit 0 a payment record --customer ACME --amount 100.00 --date 2026-02-12 --ref "RT-1 RT-2" --id R7
expect_exit 0 a payment auto
expect_eq "0.00" "$(open_of RT-1)" "RT-1 paid"
expect_exit 0 a --format json payment return R7 --reason nsf --fee 25.00
expect_eq '["RT-1", "RT-2"]' "$(json 'sorted(d["reopened"])' <<<"$out")" "reopened invoices"
expect_eq "60.00" "$(open_of RT-1)" "RT-1 reopened exactly"
expect_eq "40.00" "$(open_of RT-2)" "RT-2 reopened exactly"
run a --format json log --type payment.returned
expect_eq "R7" "$(json 'd[0]["payload"]["id"]' <<<"$out")" "payment.returned published"
expect_exit 0 a check

case_ "suspense: unidentified cash waits, then is assigned and applied"
expect_exit 0 a payment record --amount 13.00 --date 2026-02-15 --id R8
expect_exit 0 a --format json payment list --suspense
expect_eq '["R8"]' "$(json '[r["id"] for r in d]' <<<"$out")" "suspense list"
expect_exit 0 a payment assign R8 --customer ACME
expect_exit 0 a payment apply R8 --invoice INV-2026-000013
expect_eq "0.00" "$(open_of INV-2026-000013)" "applied by hand"
expect_exit 0 a payment unapply R8
expect_eq "13.00" "$(open_of INV-2026-000013)" "unapply writes a reversal"

case_ "post-dated cheque: held before its value date, applied on or after it"
a -q invoice create --customer ACME --id PD-1 --date 2026-03-01 --line "X;1;70.00" >/dev/null
expect_exit 0 a --as-of 2026-03-05 payment record --customer ACME --amount 70.00 --date 2026-03-05 \
  --value-date 2026-03-20 --method check --check-no 1001 --ref PD-1 --id R9
expect_exit 0 a --as-of 2026-03-05 --format json payment list --postdated
expect_eq '["R9"]' "$(json '[r["id"] for r in d]' <<<"$out")" "held cheque"
expect_exit 0 a --as-of 2026-03-10 payment auto
expect_eq "70.00" "$(open_of PD-1)" "not applied before the value date"
expect_exit 0 a --as-of 2026-03-20 --format json payment auto
expect_eq "1" "$(json 'd["released_postdated"]' <<<"$out")" "released on the value date"
expect_eq "0.00" "$(open_of PD-1)" "applied on the value date"

case_ "refunds: refused beyond the available credit"
expect_exit 0 a payment record --customer ACME --amount 30.00 --date 2026-03-21 --id R10
expect_exit 4 a payment refund --customer ACME --amount 9999.00
expect_exit 0 a --format json payment refund --customer ACME --amount 30.00 --method wire
expect_eq "refund" "$(json 'd["kind"]' <<<"$out")" "refund document"
expect_exit 0 a check

case_ "bank statements: CAMT.053 and BAI2 with 3 credits each, idempotent"
B="$tmp/bank"
new_ledger "$B"
expect_exit 0 arctl -C "$B" --format json payment import "$FIX/camt053-3credits.xml" --format camt053
expect_eq "3" "$(json 'd["created"]' <<<"$out")" "CAMT receipts"
expect_exit 0 arctl -C "$B" --format json payment import "$FIX/camt053-3credits.xml" --format camt053
expect_eq "0" "$(json 'd["created"]' <<<"$out")" "CAMT re-import adds nothing"
expect_exit 0 arctl -C "$B" --format json payment import "$FIX/bai2-3credits.txt" --format bai2
expect_eq "3" "$(json 'd["created"]' <<<"$out")" "BAI2 receipts"
expect_exit 0 arctl -C "$B" --format json payment import "$FIX/bai2-3credits.txt" --format bai2
expect_eq "0" "$(json 'd["created"]' <<<"$out")" "BAI2 re-import adds nothing"
run arctl -C "$B" --format json payment list
expect_eq "6" "$(json 'len(d)' <<<"$out")" "six receipts"
expect_exit 0 arctl -C "$B" check
