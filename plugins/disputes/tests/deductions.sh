#!/usr/bin/env bash
# End-to-end: deductions. A deduction (payments plugin: a receipt that names
# the invoice, applied by `payment auto`, leaving more than the write-off
# tolerance open with a reason in the remittance or within the deduction
# limits) opens a `deduction` case for exactly the short amount, in the same
# transaction; what is already disputed is not opened twice.
source "$ARCTL_TEST_LIB"

start_ledger ACME "Acme Corp"
a -q config set payments.write_off_tolerance 0.01
a -q invoice create --customer ACME --id INV-1 --date 2026-01-05 --line "Goods;4;25.00" >/dev/null
a -q invoice create --customer ACME --id INV-2 --date 2026-01-05 --line "Goods;1;200.00" >/dev/null
a -q invoice create --customer ACME --id INV-3 --date 2026-01-05 --line "Goods;1;500.00" >/dev/null

case_ "100.00 invoice paid 63.25: a deduction case for exactly 36.75"
a -q payment record --customer ACME --amount 63.25 --date 2026-02-01 --ref "INV-1 damaged" --id R-1 >/dev/null
expect_exit 0 a payment auto
run a --format json log --type payment.short
expect_eq "36.75" "$(json 'd[0]["payload"]["short"]' <<<"$out")" "payments reported the short"
short_txn="$(json 'd[0]["txn"]' <<<"$out")"
run a --format json dispute list --customer ACME
expect_eq "1" "$(json 'len(d)' <<<"$out")" "one case"
expect_eq "deduction INV-1 36.75 analyst 2026-02-01 payment.short" \
  "$(json '" ".join([d[0]["reason"], d[0]["invoice"], d[0]["amount"], d[0]["level"], d[0]["opened"], d[0]["source"]])' <<<"$out")" \
  "the deduction case"
dsp="$(json 'd[0]["id"]' <<<"$out")"
run a --format json log --type dispute.opened
expect_eq "$short_txn R-1" "$(json 'str(d[0]["txn"]) + " " + d[0]["payload"]["source_ref"]' <<<"$out")" \
  "opened in the transaction that applied the payment"
run a --format json dispute collectible --customer ACME
expect_eq "36.75 36.75 0.00" \
  "$(json '" ".join([[r["open"], r["disputed"], r["collectible"]] for r in d if r["id"]=="INV-1"][0])' <<<"$out")" \
  "nothing collectible on INV-1"
expect_exit 0 a dispute resolve "$dsp" --outcome credit --note "agreed deduction"
run a --format json invoice show INV-1
expect_eq "0.00" "$(json 'd["open"]' <<<"$out")" "deduction credited: invoice closed"

case_ "a short payment already covered by a dispute only notes it"
run a --format json dispute open --invoice INV-2 --amount 50.00 --reason quantity
d2="$(json 'd["id"]' <<<"$out")"
a -q payment record --customer ACME --amount 150.00 --date 2026-02-02 --ref "INV-2 pricing" --id R-2 >/dev/null
expect_exit 0 a payment auto
run a --format json dispute list --customer ACME
expect_eq "[\"$d2\"]" "$(json '[r["id"] for r in d]' <<<"$out")" "no second case"
run a --format json dispute show "$d2"
expect_eq "noted" "$(json 'd["history"][-1]["action"]' <<<"$out")" "note on the existing case"
expect_contains "$(json 'd["history"][-1]["note"]' <<<"$out")" "R-2" "note names the receipt"

case_ "partly disputed: the deduction case takes only the rest"
run a --format json dispute open --invoice INV-3 --amount 30.00 --reason price
a -q payment record --customer ACME --amount 400.00 --date 2026-02-03 --ref "INV-3 price" --id R-3 >/dev/null
expect_exit 0 a payment auto
run a --format json dispute list --customer ACME --status open
expect_eq '[["price", "30.00"], ["deduction", "70.00"]]' \
  "$(json '[[r["reason"], r["amount"]] for r in d if r["invoice"]=="INV-3"]' <<<"$out")" \
  "100.00 short of which 30.00 was disputed"
expect_exit 0 a check
