#!/usr/bin/env bash
# End-to-end: a deduction case follows the money on its invoice. A later
# partial payment lowers it, paying the invoice in full (a receipt, a credit
# note) closes it as `paid`, and undoing that payment afterwards does not
# reopen it. Manual disputes on the same invoice are left as they are.
source "$ARCTL_TEST_LIB"

start_ledger
a -q config set payments.write_off_tolerance 0.01 >/dev/null
for c in ACME BETA GAMMA; do
  a -q customer add "$c" --name "Customer $c" >/dev/null
  a -q invoice create --customer "$c" --id "INV-$c" --date 2026-01-05 \
    --line "Goods;1;1000.00" >/dev/null
done
# 970.00 paid on a 1000.00 invoice that names it: a deduction case of 30.00.
for c in ACME BETA; do
  a -q payment record --customer "$c" --amount 970.00 --date 2026-02-01 --ref "INV-$c" \
    --id "R-$c-1" >/dev/null
done
a -q payment auto >/dev/null

# case_id CUSTOMER: the id of the customer's only deduction case.
case_id() {
  a --format json dispute list --customer "$1" --status all |
    json '[r["id"] for r in d if r["reason"] == "deduction"][0]'
}
# collectible INVOICE: "open disputed collectible" of INVOICE.
collectible() {
  a --format json dispute collectible | json '" ".join(
    [[r["open"], r["disputed"], r["collectible"]] for r in d if r["id"] == "'"$1"'"][0])'
}
has_statements="$(a --format json plugin list |
  json '"statements" in [p["name"] for p in d if p["status"] == "loaded"]')"
# aging_disputed CUSTOMER: the disputed column of the customer's aging rows
# (none when nothing is open).
aging_disputed() {
  a --format json aging --customer "$1" | json '[r["disputed"] for r in d if r["row"] == "customer"]'
}

case_ "a later partial payment lowers the deduction to what is still open"
dsp="$(case_id ACME)"
run a --format json dispute show "$dsp"
expect_eq "30.00 open" "$(json 'd["amount"] + " " + d["status"]' <<<"$out")" "deduction opened"
a -q payment record --customer ACME --amount 10.00 --date 2026-02-10 --id R-ACME-2 >/dev/null
expect_exit 0 a payment apply R-ACME-2 --invoice INV-ACME --date 2026-02-10
run a --format json dispute show "$dsp"
expect_eq "20.00 open" "$(json 'd["amount"] + " " + d["status"]' <<<"$out")" "case amount lowered"
expect_eq "reduced 30.00 20.00 2026-02-10" \
  "$(json '" ".join([d["history"][-1][k] for k in ("action", "from", "to", "date")])' <<<"$out")" \
  "history line of the reduction"
expect_contains "$(json 'd["history"][-1]["note"]' <<<"$out")" "R-ACME-2" "names the payment"
expect_eq "20.00 20.00 0.00" "$(collectible INV-ACME)" "still nothing collectible"
run a --format json log --type dispute.reduced
expect_eq "$dsp 30.00 20.00" \
  "$(json '" ".join([d[-1]["payload"][k] for k in ("id", "from", "to")])' <<<"$out")" \
  "the reduction is journaled"

case_ "paying the rest closes the deduction as paid"
a -q payment record --customer ACME --amount 20.00 --date 2026-02-20 --id R-ACME-3 >/dev/null
expect_exit 0 a payment apply R-ACME-3 --invoice INV-ACME --date 2026-02-20
run a --format json dispute show "$dsp"
expect_eq "resolved paid 2026-02-20 20.00" \
  "$(json '" ".join([d["status"], d["outcome"], d["resolved"], d["resolved_amount"]])' <<<"$out")" \
  "case resolved as paid"
expect_eq "resolved paid" "$(json 'd["history"][-1]["action"] + " " + d["history"][-1]["to"]' <<<"$out")" \
  "history line of the closing"
expect_contains "$(json 'd["history"][-1]["note"]' <<<"$out")" "R-ACME-3" "names what paid it"
run a --format json dispute list --customer ACME
expect_eq "[]" "$out" "no open case left"
if [[ "$has_statements" == true ]]; then
  expect_eq "[]" "$(aging_disputed ACME)" "aging: nothing open, nothing disputed"
fi

case_ "a credit note for the rest also closes the deduction as paid"
dsp_b="$(case_id BETA)"
run a --format json invoice credit INV-BETA --amount 30.00 --reason "agreed shortfall" \
  --date 2026-02-15
expect_eq "0" "$rc" "credit note issued"
cn="$(json 'd["id"]' <<<"$out")"
run a --format json dispute show "$dsp_b"
expect_eq "resolved paid 2026-02-15" \
  "$(json '" ".join([d["status"], d["outcome"], d["resolved"]])' <<<"$out")" "closed by the credit"
expect_contains "$(json 'd["history"][-1]["note"]' <<<"$out")" "$cn" "names the credit note"
run a --format json dispute list --customer BETA
expect_eq "[]" "$out" "no open case for BETA"

case_ "only deductions are lowered, newest first; manual disputes stay as they are"
run a --format json dispute open --invoice INV-GAMMA --amount 50.00 --reason price
manual="$(json 'd["id"]' <<<"$out")"
a -q payment record --customer GAMMA --amount 900.00 --date 2026-02-01 --ref INV-GAMMA \
  --id R-GAMMA-1 >/dev/null
a -q payment auto >/dev/null
dsp_g="$(case_id GAMMA)"
run a --format json dispute show "$dsp_g"
expect_eq "50.00" "$(json 'd["amount"]' <<<"$out")" "100.00 short, 50.00 already disputed"
a -q payment record --customer GAMMA --amount 20.00 --date 2026-02-05 --id R-GAMMA-2 >/dev/null
expect_exit 0 a payment apply R-GAMMA-2 --invoice INV-GAMMA --date 2026-02-05
run a --format json dispute list --customer GAMMA
expect_eq "[[\"price\", \"50.00\"], [\"deduction\", \"30.00\"]]" \
  "$(json '[[r["reason"], r["amount"]] for r in d]' <<<"$out")" "deduction lowered to fit"
expect_eq "80.00 80.00 0.00" "$(collectible INV-GAMMA)" "disputed equals what is open"
a -q payment record --customer GAMMA --amount 40.00 --date 2026-02-06 --id R-GAMMA-3 >/dev/null
expect_exit 0 a payment apply R-GAMMA-3 --invoice INV-GAMMA --date 2026-02-06
run a --format json dispute show "$dsp_g"
expect_eq "resolved paid" "$(json 'd["status"] + " " + d["outcome"]' <<<"$out")" \
  "a deduction lowered to nothing is paid"
run a --format json dispute show "$manual"
expect_eq "open 50.00" "$(json 'd["status"] + " " + d["amount"]' <<<"$out")" "manual case untouched"
expect_eq "40.00 40.00 0.00" "$(collectible INV-GAMMA)" "disputed capped at the open balance"

case_ "undoing the payment does not reopen a paid deduction"
expect_exit 0 a payment unapply R-ACME-3
run a --format json dispute show "$dsp"
expect_eq "resolved paid" "$(json 'd["status"] + " " + d["outcome"]' <<<"$out")" "still paid"
expect_eq "20.00 0.00 20.00" "$(collectible INV-ACME)" "the invoice is open and collectible"
if [[ "$has_statements" == true ]]; then
  expect_eq '["0.00"]' "$(aging_disputed ACME)" "aging: open again, nothing disputed"
fi
run a --format json dispute list --customer ACME
expect_eq "[]" "$out" "no case reopened"

case_ "reversing or reassigning the receipt that caused a deduction cancels the case"
for c in DELTA EPSI; do
  a -q customer add "$c" --name "Customer $c" >/dev/null
  a -q invoice create --customer "$c" --id "INV-$c" --date 2026-01-05 --line "Goods;1;1000.00" >/dev/null
  a -q payment record --customer "$c" --amount 970.00 --date 2026-02-01 --ref "INV-$c" --id "R-$c" >/dev/null
done
expect_exit 0 a payment auto
run a --format json dispute list --customer DELTA
expect_eq '[["deduction", "30.00"]]' "$(json '[[r["reason"], r["amount"]] for r in d]' <<<"$out")" "a deduction to cancel"
dsp_d="$(json 'd[0]["id"]' <<<"$out")"
dsp_e="$(a --format json dispute list --customer EPSI | json 'd[0]["id"]')"
expect_exit 0 a payment reverse R-DELTA --reason "keyed twice"
run a --format json dispute show "$dsp_d"
expect_eq "resolved cancelled" "$(json 'd["status"] + " " + d["outcome"]' <<<"$out")" "reversed: cancelled"
expect_eq "1000.00 0.00 1000.00" "$(collectible INV-DELTA)" "the whole invoice collectible again"
expect_exit 0 a payment reassign R-EPSI --customer GAMMA --reason "wrong customer"
run a --format json dispute show "$dsp_e"
expect_eq "resolved cancelled" "$(json 'd["status"] + " " + d["outcome"]' <<<"$out")" "reassigned: cancelled"
expect_eq "1000.00 0.00 1000.00" "$(collectible INV-EPSI)" "EPSI owes it all again"

expect_exit 0 a check
