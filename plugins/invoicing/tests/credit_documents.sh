#!/usr/bin/env bash
# End-to-end: credit and debit notes and rebills carry the revenue and tax
# split the GL posts, render as what they are, and a rebill keeps the
# original's lines, terms and due date.
source "$ARCTL_TEST_LIB"

start_ledger
a -q customer add ACME --name "Acme Corp" --terms net30 >/dev/null
a -q customer add DISC --name "Discount Buyer" --terms "2/10 net30" >/dev/null

case_ "an amount-only credit of 220.00 on a 10% invoice is 200.00 + 20.00 everywhere"
a -q invoice create --customer ACME --id INV-T --date 2026-03-02 --line "Service;4;100.00;10%" >/dev/null
run a --format json invoice credit INV-T --amount 220.00 --reason "half the hours" --date 2026-03-05
cn="$(json 'd["id"]' <<<"$out")"
run a --format json invoice show "$cn"
expect_eq "200.00 20.00 220.00" "$(json 'd["subtotal"] + " " + d["tax"] + " " + d["total"]' <<<"$out")" \
  "credit note subtotal, tax, total"
expect_eq '[["200.00", "20.00", "10%"]]' "$(json '[[l["net"], l["tax"], l["tax_rate"]] for l in d["lines"]]' <<<"$out")" \
  "credit note lines"
run a invoice render "$cn"
expect_match "$out" "^CREDIT NOTE $cn" "titled as a credit note"
expect_match "$out" "Subtotal +-200\.00 USD" "rendered subtotal with a credit's sign"
expect_match "$out" "Tax +-20\.00 USD" "rendered tax with a credit's sign"
expect_contains "$out" "Credit for:  INV-T" "names the invoice it credits"
expect_not_contains "$out" "Balance due" "a credit note is not a bill"
run a invoice render INV-T
expect_match "$out" "Credited +220\.00 USD" "the invoice shows the credit as credited"
expect_match "$out" "Paid +0\.00 USD" "a credit is not printed as paid"
expect_exit 0 a gl export --period 2026-03 --format csv --out "$tmp/gl.csv"
expect_eq '["20.00", "200.00"]' \
  "$(csv 'sorted(r[8] for r in rows[1:] if r[3]=="'"$cn"'" and r[8])' <"$tmp/gl.csv")" \
  "the GL debits 200.00 revenue and 20.00 tax"

case_ "credit --line takes only the invoice's lines, at their own tax rate"
a -q invoice create --customer ACME --id INV-L --date 2026-03-02 \
  --line "Widget;3;19.99;8.25%" --line "Freight;1;12.50" >/dev/null
before="$(event_count "$L")"
expect_exit 4 a invoice credit INV-L --line "Gizmo;1;5.00" --reason x
expect_contains "$err" "Gizmo" "names the line that is not on the invoice"
expect_exit 4 a invoice credit INV-L --line "Freight;1;12.50;10%" --reason x
expect_contains "$err" "Freight" "names the line with another tax rate"
expect_eq "$before" "$(event_count "$L")" "nothing posted by refused credits"
expect_exit 0 a --format json invoice credit INV-L --line "Widget;1;19.99" --reason "one broken"
expect_eq "21.64" "$(json 'd["total"]' <<<"$out")" "19.99 + 8.25% tax 1.65"

case_ "a fully credited invoice is credited, not paid"
a -q invoice credit INV-L --amount 55.78 --reason "rest" >/dev/null
run a --format json invoice show INV-L
expect_eq "credited 0.00 77.42" "$(json 'd["status"] + " " + d["paid"] + " " + d["credited"]' <<<"$out")" \
  "status, paid and credited"
run a --format json invoice list --status credited
expect_eq '["INV-L"]' "$(json '[r["id"] for r in d]' <<<"$out")" "list --status credited"

case_ "a debit note has its reason as its one line"
run a --format json invoice debit --customer ACME --amount 25.00 --reason "late fee" --date 2026-03-06
dn="$(json 'd["id"]' <<<"$out")"
run a --format json invoice show "$dn"
expect_eq '[["late fee", "25.00", "0.00"]]' "$(json '[[l["description"], l["net"], l["tax"]] for l in d["lines"]]' <<<"$out")" \
  "debit note line"

case_ "a rebill keeps the original's lines, tax, discount terms and due date"
a -q invoice create --customer DISC --id INV-R --date 2026-02-01 --line "Gear;1;1000.00;10%" >/dev/null
run a --format json invoice rebill INV-R --reason "address fix" --date 2026-03-10
rep="$(json 'd["replacement"]' <<<"$out")"
run a --format json invoice show "$rep"
expect_eq "2026-02-01 2026-03-03 2026-02-11 22.00 2/10 net30" \
  "$(json '" ".join([d["issued"], d["due"], d["discount_date"], d["discount_amount"], d["terms"]])' <<<"$out")" \
  "past due already: dated, due and discounted as the original, on its terms"
expect_eq '[["Gear", "1000.00", "100.00"]]' "$(json '[[l["description"], l["net"], l["tax"]] for l in d["lines"]]' <<<"$out")" \
  "the original's lines"
a -q invoice create --customer ACME --id INV-S --date 2026-02-01 --line "Gear;1;10.00" >/dev/null
run a --format json invoice rebill INV-S --reason "new terms" --date 2026-03-10 --due 2026-04-30
expect_eq "2026-04-30" "$(json 'd["due"]' <<<"$out")" "--due overrides"
expect_exit 0 a check
