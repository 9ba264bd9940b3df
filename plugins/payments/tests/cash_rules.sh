#!/usr/bin/env bash
# End-to-end: the cash-application rules an analyst checks against policy:
# discounts on named invoices (credit notes, grace days), partial payment
# versus deduction, ids as people type them, ambiguity left for review, and
# a receipt of a locked period applied in the open one.
source "$ARCTL_TEST_LIB"

start_ledger
open_of() { a --format json invoice show "$1" | json 'd["open"]'; }
disputes_of() { a --format json dispute list --customer "$1" | json '[[c["invoice"], c["amount"]] for c in d]'; }
# discounts_on DOC: the amounts of the early-payment discounts applied to DOC.
discounts_on() {
  a --format json invoice show "$1" | json '[x["amount"] for x in d["applications"] if x["document"].startswith("DSC-")]'
}
# receive ARGS...: records a receipt (payment record ARGS), then runs payment
# auto; $out holds the matcher's summary (JSON).
receive() {
  expect_exit 0 a payment record "$@"
  expect_exit 0 a --format json payment auto
}
review_of() { a --format json payment show "$1" | json 'd["review"]["reason"] if d["review"] else None'; }
a -q customer add DISC --name "Discount Buyer" --terms "2/10 net30" >/dev/null

case_ "discount: a receipt naming the invoice, net of 2% inside the window, closes it without a dispute"
a -q invoice create --customer DISC --id D-1 --date 2026-01-31 --line "Gear;1;1000.00" >/dev/null
receive --customer DISC --amount 980.00 --date 2026-02-09 --ref "D-1 less 2%" --id R-D1
expect_eq "1 0 0" "$(json '" ".join(str(d[k]) for k in ["discounts","short_payments","partial_payments"])' <<<"$out")" "one discount, no deduction"
expect_eq "0.00" "$(open_of D-1)" "D-1 closed"
expect_eq '["20.00"]' "$(discounts_on D-1)" "discount document of 20.00"
expect_eq "[]" "$(disputes_of DISC)" "no dispute"

case_ "discount: one receipt naming two invoices pays both net"
a -q invoice create --customer DISC --id D-2 --date 2026-02-01 --line "Gear;1;500.00" >/dev/null
a -q invoice create --customer DISC --id D-3 --date 2026-02-01 --line "Gear;1;300.00" >/dev/null
# 490.00 + 294.00
receive --customer DISC --amount 784.00 --date 2026-02-10 --ref "D-2, D-3" --id R-D23
expect_eq "2" "$(json 'd["discounts"]' <<<"$out")" "two discounts"
expect_eq "0.00 0.00" "$(open_of D-2) $(open_of D-3)" "both closed"
expect_eq "[]" "$(disputes_of DISC)" "no dispute"

case_ "discount: a credit note reduces the base; the terms' rate applies to what is owed"
a -q invoice create --customer DISC --id D-4 --date 2026-02-02 --line "Gear;1;1000.00" >/dev/null
a -q invoice credit D-4 --amount 100.00 --reason "damaged unit" --date 2026-02-03 >/dev/null
# Owed 900.00; 2% of it is 18.00; paid 882.00.
receive --customer DISC --amount 882.00 --date 2026-02-11 --ref "D-4" --id R-D4
expect_eq "1" "$(json 'd["discounts"]' <<<"$out")" "one discount"
expect_eq "0.00" "$(open_of D-4)" "D-4 closed"
expect_eq '["18.00"]' "$(discounts_on D-4)" "discount on 900.00"
expect_eq "[]" "$(disputes_of DISC)" "no dispute"

case_ "discount: late by two days is a deduction; with payments.discount_grace_days=3 it is the discount"
a -q invoice create --customer DISC --id D-5 --date 2026-02-01 --line "Gear;1;1000.00" >/dev/null
a -q invoice create --customer DISC --id D-6 --date 2026-02-01 --line "Gear;1;1000.00" >/dev/null
# The window ends 2026-02-11.
receive --customer DISC --amount 980.00 --date 2026-02-13 --ref "D-5" --id R-D5
expect_eq "0 1" "$(json '" ".join(str(d[k]) for k in ["discounts","short_payments"])' <<<"$out")" "a deduction, no discount"
expect_eq '[["D-5", "20.00"]]' "$(disputes_of DISC)" "deduction case for the discount taken late"
expect_exit 4 a config set payments.discount_grace_days soon
expect_contains "$err" "payments.discount_grace_days" "a bad value names the key"
a -q config set payments.discount_grace_days 3
receive --customer DISC --amount 980.00 --date 2026-02-13 --ref "D-6" --id R-D6
expect_eq "1 0" "$(json '" ".join(str(d[k]) for k in ["discounts","short_payments"])' <<<"$out")" "discount within the grace days"
expect_eq "0.00" "$(open_of D-6)" "D-6 closed"

case_ "partial payment: 10.00 on 2,000.00 leaves 1,990.00 open and collectible, not disputed"
a -q customer add TOKN --name "Token Payer" --terms net30 >/dev/null
a -q config set holds.rule.past_due on
a -q config set holds.past_due_days 30
a -q invoice create --customer TOKN --id TK-1 --date 2026-01-02 --line "Goods;1;2000.00" >/dev/null
expect_exit 0 a --as-of 2026-03-20 hold evaluate
run a --format json --as-of 2026-03-20 credit show TOKN
expect_eq "true past_due" "$(json 'str(d["on_hold"]).lower() + " " + d["holds"][0]["reason"]' <<<"$out")" "past_due hold in place"
expect_exit 0 a payment record --customer TOKN --amount 10.00 --date 2026-03-20 --ref "TK-1" --id R-TK
expect_exit 0 a --format json --as-of 2026-03-20 payment auto
expect_eq "0 1" "$(json '" ".join(str(d[k]) for k in ["short_payments","partial_payments"])' <<<"$out")" "a partial payment, not a deduction"
expect_eq "1990.00" "$(open_of TK-1)" "1,990.00 open"
expect_eq "[]" "$(disputes_of TOKN)" "no dispute"
run a --format json log --type payment.partial
expect_eq "TK-1 10.00 1990.00" "$(json '" ".join([d[-1]["payload"][k] for k in ["invoice","paid","open"]])' <<<"$out")" "payment.partial published"
run a --format json dispute collectible --customer TOKN
expect_eq "1990.00 0.00 1990.00" "$(json '" ".join([[r["open"], r["disputed"], r["collectible"]] for r in d if r["id"]=="TK-1"][0])' <<<"$out")" "all of it collectible"
run a --format json --as-of 2026-03-20 aging --customer TOKN
expect_eq "1990.00" "$(json '[r["total"] for r in d if r["row"]=="customer"][0]' <<<"$out")" "aged"
expect_eq "0.00" "$(json '[r.get("disputed","0.00") for r in d if r["row"]=="customer"][0]' <<<"$out")" "nothing disputed in aging"
expect_exit 0 a --format json --as-of 2026-03-20 notice run --dry-run --out "$tmp/notices"
expect_eq '[["TOKN", "1990.00"]]' "$(json '[[r["customer"], r["amount"]] for r in d if r["customer"]=="TOKN"]' <<<"$out")" "dunned for 1,990.00"
run a --format json --as-of 2026-03-20 credit show TOKN
expect_eq "true past_due" "$(json 'str(d["on_hold"]).lower() + " " + d["holds"][0]["reason"]' <<<"$out")" "past_due hold stays"

case_ "deduction: 3% short opens a case; 15% short with 'damaged' opens one; 15% without a reason is partial"
a -q customer add DEDU --name "Deducting Buyer" --terms net30 >/dev/null
for i in 1 2 3; do
  a -q invoice create --customer DEDU --id DD-$i --date 2026-02-01 --line "Goods;1;1000.00" >/dev/null
done
expect_exit 0 a payment record --customer DEDU --amount 970.00 --date 2026-02-20 --ref "DD-1" --id R-DD1
expect_exit 0 a payment record --customer DEDU --amount 850.00 --date 2026-02-20 --ref "DD-2 two cartons damaged" --id R-DD2
expect_exit 0 a payment record --customer DEDU --amount 850.00 --date 2026-02-20 --ref "DD-3" --id R-DD3
expect_exit 0 a --format json payment auto --customer DEDU
expect_eq "2 1" "$(json '" ".join(str(d[k]) for k in ["short_payments","partial_payments"])' <<<"$out")" "two deductions, one partial"
expect_eq '[["DD-1", "30.00"], ["DD-2", "150.00"]]' "$(disputes_of DEDU | json 'sorted(d)')" "cases for the deductions only"
run a --format json log --type payment.short
expect_eq "damaged" "$(json '[e["payload"]["reason"] for e in d if e["payload"]["invoice"]=="DD-2"][0]' <<<"$out")" "the keyword is the reason"

case_ "a named invoice the money did not reach is unpaid, not paid short"
a -q invoice create --customer DEDU --id NU-1 --date 2026-02-01 --line "Goods;1;100.00" >/dev/null
a -q invoice create --customer DEDU --id NU-2 --date 2026-02-01 --line "Goods;1;200.00" >/dev/null
expect_exit 0 a payment record --customer DEDU --amount 100.00 --date 2026-02-20 --ref "NU-1 NU-2" --id R-NU
expect_exit 0 a --format json payment auto --customer DEDU
expect_eq "0 0" "$(json '" ".join(str(d[k]) for k in ["short_payments","partial_payments"])' <<<"$out")" "neither a deduction nor a partial payment"
expect_eq "0.00 200.00" "$(open_of NU-1) $(open_of NU-2)" "NU-1 paid, NU-2 untouched"

case_ "deduction limits: payments.deduction_max_pct and payments.deduction_max_amount"
expect_exit 4 a config set payments.deduction_max_pct 150
expect_contains "$err" "payments.deduction_max_pct" "a bad percentage names the key"
a -q config set payments.deduction_max_amount 20.00
a -q invoice create --customer DEDU --id DD-4 --date 2026-02-01 --line "Goods;1;1000.00" >/dev/null
expect_exit 0 a payment record --customer DEDU --amount 970.00 --date 2026-02-21 --ref "DD-4" --id R-DD4
expect_exit 0 a --format json payment auto --customer DEDU
expect_eq "0 1" "$(json '" ".join(str(d[k]) for k in ["short_payments","partial_payments"])' <<<"$out")" "30.00 is over the 20.00 cap: partial"
a -q config unset payments.deduction_max_amount

case_ "references as people type them"
a -q customer add REFS --name "Reference Typist" --terms net30 >/dev/null
a -q invoice create --customer REFS --id INV-2026-000014 --date 2026-02-01 --line "Goods;1;140.00" >/dev/null
a -q invoice create --customer REFS --id INV-2026-000015 --date 2026-02-01 --line "Goods;1;150.00" >/dev/null
a -q invoice create --customer REFS --id 0000611365 --date 2026-02-01 --line "Goods;1;611.00" >/dev/null
a -q invoice create --customer REFS --id A1 --date 2026-02-01 --line "Goods;1;11.00" >/dev/null
a -q invoice create --customer REFS --id A12 --date 2026-02-01 --line "Goods;1;12.00" >/dev/null
expect_exit 0 a payment record --customer REFS --amount 140.00 --date 2026-02-20 --ref "pmt inv 2026 000014" --id R-N1
expect_exit 0 a payment record --customer REFS --amount 150.00 --date 2026-02-20 --ref "INV-2026-15" --id R-N2
expect_exit 0 a payment record --customer REFS --amount 611.00 --date 2026-02-20 --ref "Invoice 611365" --id R-N3
# Pays A12 by name; 11.00 would be A1's exact amount, so only the name may decide.
expect_exit 0 a payment record --customer REFS --amount 11.00 --date 2026-02-20 --ref "a12" --id R-N4
expect_exit 0 a --format json payment auto --customer REFS
expect_eq "0.00 0.00 0.00" "$(open_of INV-2026-000014) $(open_of INV-2026-000015) $(open_of 0000611365)" "each form matched"
run a --format json payment show R-N4
expect_eq '["A12"]' "$(json '[x["document"] for x in d["applications"]]' <<<"$out")" "a12 is A12, never A1"
expect_eq "11.00 1.00" "$(open_of A1) $(open_of A12)" "A1 untouched, A12 short by 1.00"

case_ "an ambiguous reference is not applied"
a -q invoice create --customer REFS --id AB-14 --date 2026-02-01 --line "Goods;1;77.00" >/dev/null
a -q invoice create --customer REFS --id AB-014 --date 2026-02-02 --line "Goods;1;78.00" >/dev/null
expect_exit 0 a payment record --customer REFS --amount 77.00 --date 2026-02-20 --ref "ab 14" --id R-AMB
expect_exit 0 a --format json payment auto --customer REFS
expect_eq "1" "$(json 'd["review"]["ambiguous reference"]' <<<"$out")" "counted for review"
expect_eq "77.00 78.00" "$(open_of AB-14) $(open_of AB-014)" "neither applied"
expect_eq "ambiguous reference" "$(review_of R-AMB)" "the reason"
run a --format json payment show R-AMB
expect_eq '[["AB-014"], ["AB-14"]]' "$(json 'sorted(d["review"]["candidates"])' <<<"$out")" "the candidates"

case_ "suspense: a typed id assigns the receipt; one naming two customers' items does not"
a -q customer add OTHR --name "Other Customer" --terms net30 >/dev/null
a -q invoice create --customer OTHR --id OT-77 --date 2026-02-01 --line "Goods;1;70.00" >/dev/null
a -q invoice create --customer REFS --id INV-2026-000016 --date 2026-02-01 --line "Goods;1;160.00" >/dev/null
expect_exit 0 a payment record --amount 160.00 --date 2026-02-21 --ref "re inv 2026 16" --id R-S1
expect_exit 0 a payment record --amount 70.00 --date 2026-02-21 --ref "OT 77" --id R-S2
expect_exit 0 a payment record --amount 210.00 --date 2026-02-21 --ref "AB-014 and OT-77" --id R-S3
expect_exit 0 a payment record --amount 5.00 --date 2026-02-21 --ref "no idea" --id R-S4
receive --amount 5.00 --currency EUR --date 2026-02-21 --ref "AB-014" --id R-S5
run a --format json payment show R-S1
expect_eq "REFS 0.00" "$(json 'd["customer"] + " " + d["unapplied"]' <<<"$out")" "assigned and applied by a typed id"
run a --format json payment show R-S2
expect_eq "OTHR" "$(json 'd["customer"]' <<<"$out")" "assigned by a typed id"
expect_eq "0.00" "$(open_of OT-77)" "and applied"
expect_eq "ambiguous reference" "$(review_of R-S3)" "two customers named"
expect_eq "no customer" "$(review_of R-S4)" "nothing named"
expect_eq "currency mismatch" "$(review_of R-S5)" "an item in another currency"

case_ "ambiguous amount: two open items of the receipt's amount, or two sets summing to it"
a -q customer add AMBI --name "Ambiguous Amounts" --terms net30 >/dev/null
a -q invoice create --customer AMBI --id AM-1 --date 2026-02-01 --line "Goods;1;100.00" >/dev/null
a -q invoice create --customer AMBI --id AM-2 --date 2026-02-02 --line "Goods;1;100.00" >/dev/null
expect_exit 0 a payment record --customer AMBI --amount 100.00 --date 2026-02-20 --id R-AM1
expect_exit 0 a --format json payment auto --customer AMBI
expect_eq "1" "$(json 'd["review"]["ambiguous amount"]' <<<"$out")" "counted"
expect_eq "100.00 100.00" "$(open_of AM-1) $(open_of AM-2)" "neither applied"
run a --format json payment list --review
expect_eq '[["R-AM1", "ambiguous amount", [["AM-1"], ["AM-2"]]]]' "$(json '[[r["id"], r["reason"], r["candidates"]] for r in d if r["customer"]=="AMBI"]' <<<"$out")" "queued with candidates"
a -q customer add PAIR --name "Two Pairs" --terms net30 >/dev/null
for x in 30 70 40 60; do
  a -q invoice create --customer PAIR --id "PR-$x" --date 2026-02-01 --line "Goods;1;$x.00" >/dev/null
done
expect_exit 0 a payment record --customer PAIR --amount 100.00 --date 2026-02-20 --id R-PR
expect_exit 0 a --format json payment auto --customer PAIR
expect_eq "ambiguous amount" "$(review_of R-PR)" "two pairs"
run a --format json payment show R-PR
expect_eq '[["PR-30", "PR-70"], ["PR-40", "PR-60"]]' "$(json 'sorted(sorted(s) for s in d["review"]["candidates"])' <<<"$out")" "both pairs listed"
expect_eq "[]" "$(json 'd["applications"]' <<<"$out")" "nothing applied"

case_ "payments.oldest_first: the oldest candidate wins, and the application says why"
a -q config set payments.oldest_first true
expect_exit 0 a --format json payment auto --customer AMBI
run a --format json payment show R-AM1
expect_eq '[["AM-1", "exact (oldest of 2 open items of the same balance)"]]' "$(json '[[x["document"], x["rule"]] for x in d["applications"]]' <<<"$out")" "oldest applied, reason recorded"
expect_eq "null" "$(json 'd["review"]' <<<"$out")" "no longer for review"
a -q config set payments.oldest_first false

case_ "a receipt of a locked period is applied on the first open business date, not parked"
a -q customer add LOCK --name "Locked Month" --terms net30 >/dev/null
a -q invoice create --customer LOCK --id LK-1 --date 2026-01-05 --line "Goods;1;100.00" >/dev/null
a -q invoice create --customer LOCK --id LK-2 --date 2026-01-05 --line "Goods;1;200.00" >/dev/null
expect_exit 0 a payment record --customer LOCK --amount 100.00 --date 2026-01-20 --ref "LK-1" --id R-LK1
a -q period lock 2026-01-31
expect_exit 0 a payment record --customer LOCK --amount 200.00 --date 2026-02-20 --ref "LK-2" --id R-LK2
expect_exit 0 a --format json payment auto --customer LOCK
expect_eq "0.00 0.00" "$(open_of LK-1) $(open_of LK-2)" "both receipts applied"
expect_eq "null" "$(review_of R-LK1)" "not parked for review"
run a --format json payment show R-LK1
expect_eq "2026-03-31 2026-01-20" "$(json 'd["applications"][0]["date"] + " " + d["applications"][0]["document_date"]' <<<"$out")" "posted on the business date, document date kept"
run a --format json payment show R-LK2
expect_eq "2026-02-20" "$(json 'd["applications"][0]["date"]' <<<"$out")" "an open date is kept"

case_ "a reason keyed with the receipt makes a large shortfall a deduction"
a -q invoice create --customer DEDU --id DD-5 --date 2026-02-01 --line "Goods;1;1000.00" >/dev/null
expect_exit 0 a payment record --customer DEDU --amount 800.00 --date 2026-02-22 --ref "DD-5" --reason "quality claim" --id R-DD5
expect_exit 0 a --format json payment auto --customer DEDU
expect_eq "1 0" "$(json '" ".join(str(d[k]) for k in ["short_payments","partial_payments"])' <<<"$out")" "a deduction"
run a --format json log --type payment.short
expect_eq "quality claim" "$(json '[e["payload"]["reason"] for e in d if e["payload"]["invoice"]=="DD-5"][0]' <<<"$out")" "the keyed reason"

case_ "a bank line that may repeat receipts keyed by hand waits for review"
a -q customer add PDUP --name "Possible Dup" --terms net30 >/dev/null
a -q invoice create --customer PDUP --id PD-1 --date 2026-02-01 --line "Goods;1;500.00" >/dev/null
expect_exit 0 a payment record --customer PDUP --amount 100.00 --date 2026-02-20 --id R-PD1
expect_exit 0 a payment record --customer PDUP --amount 100.00 --date 2026-02-21 --id R-PD2
a -q payment apply R-PD1 --invoice PD-1 --date 2026-02-20
a -q payment apply R-PD2 --invoice PD-1 --date 2026-02-21
printf 'entry_ref,date,amount,payer\nPD-BANK-1,2026-02-21,100.00,Possible Dup\n' >"$tmp/pdup.csv"
expect_exit 0 a --format json payment import "$tmp/pdup.csv" --format csv
expect_eq "1" "$(json 'd["possible_duplicates"]' <<<"$out")" "flagged by the import"
expect_exit 0 a --format json payment auto --customer PDUP
expect_eq "1" "$(json 'd["review"]["possible duplicate"]' <<<"$out")" "counted for review"
expect_eq "300.00" "$(open_of PD-1)" "not applied"
run a --format json payment show BANK-PD-BANK-1
expect_eq 'possible duplicate [["R-PD1"], ["R-PD2"]]' "$(json 'd["review"]["reason"] + " " + json.dumps(sorted(d["review"]["candidates"]))' <<<"$out")" "reason and candidates"

a check >/dev/null || fail "arctl check after the cash rules"
expect_exit 0 a check
