#!/usr/bin/env bash
# End-to-end: the credit notes and replacement invoices a dispute resolution
# issues are invoicing's own documents: they carry the revenue and tax split
# of the disputed invoice's lines, and a replacement keeps the due date.
source "$ARCTL_TEST_LIB"

start_ledger
a -q customer add ACME --name "Acme Corp" --terms net30 >/dev/null
a -q invoice create --customer ACME --id INV-D --date 2026-01-05 --line "Service;4;100.00;10%" >/dev/null
a -q invoice create --customer ACME --id INV-E --date 2026-01-10 \
  --line "Service;2;100.00;10%" --line "Setup;1;80.00" >/dev/null

case_ "a dispute credit of 220.00 on a 10% invoice is 200.00 + 20.00"
run a --as-of 2026-01-06 --format json dispute open --invoice INV-D --amount 220.00 --reason price
dsp="$(json 'd["id"]' <<<"$out")"
run a --as-of 2026-01-07 --format json dispute resolve "$dsp" --outcome credit --note "agreed"
cn="$(json 'd["credit_note"]' <<<"$out")"
run a --format json invoice show "$cn"
expect_eq "200.00 20.00 220.00" "$(json 'd["subtotal"] + " " + d["tax"] + " " + d["total"]' <<<"$out")" \
  "credit note subtotal, tax, total"
expect_eq "INV-D" "$(json 'd["links"]["credit_for"]' <<<"$out")" "credit note names the invoice"

case_ "a rebill: the credit carries the original lines, the replacement their split and due date"
run a --as-of 2026-01-11 --format json dispute open --invoice INV-E --amount 30.00 --reason price
d2="$(json 'd["id"]' <<<"$out")"
run a --as-of 2026-01-20 --format json dispute resolve "$d2" --outcome rebill --note "10% off"
rcn="$(json 'd["credit_note"]' <<<"$out")"
rep="$(json 'd["replacement"]' <<<"$out")"
run a --format json invoice show "$rcn"
expect_eq '[["Service", "200.00", "20.00"], ["Setup", "80.00", "0.00"]]' \
  "$(json '[[l["description"], l["net"], l["tax"]] for l in d["lines"]]' <<<"$out")" "rebill credit lines"
run a --format json invoice show "$rep"
expect_eq "270.00 252.00 18.00 2026-02-09" \
  "$(json '" ".join([d["total"], d["subtotal"], d["tax"], d["due"]])' <<<"$out")" \
  "replacement: 198.00 of the service (180.00 + 18.00 tax) and 72.00 of setup, due as the original"
expect_exit 0 a gl export --period 2026-01 --format csv --out "$tmp/gl.csv"
expect_eq '["18.00"]' \
  "$(csv '[r[9] for r in rows[1:] if r[3]=="'"$rep"'" and "Tax" in r[7]]' <"$tmp/gl.csv")" \
  "the GL credits the replacement's 18.00 tax"

case_ "--due gives the replacement another due date"
a -q invoice create --customer ACME --id INV-F --date 2026-01-10 --line "Setup;1;80.00" >/dev/null
run a --as-of 2026-01-11 --format json dispute open --invoice INV-F --amount 8.00 --reason price
d3="$(json 'd["id"]' <<<"$out")"
run a --as-of 2026-01-20 --format json dispute resolve "$d3" --outcome rebill --note "x" --due 2026-03-31
run a --format json invoice show "$(json 'd["replacement"]' <<<"$out")"
expect_eq "72.00 2026-03-31" "$(json 'd["total"] + " " + d["due"]' <<<"$out")" "replacement due on --due"

case_ "an invoice under an open dispute cannot be voided until the case is settled"
a -q invoice create --customer ACME --id INV-V --date 2026-01-12 --line "Service;1;100.00" >/dev/null
run a --format json dispute open --invoice INV-V --amount 40.00 --reason price
dv="$(json 'd["id"]' <<<"$out")"
expect_exit 4 a invoice void INV-V --reason "raised in error"
expect_contains "$err" "$dv" "names the open case"
expect_exit 0 a --format json invoice show INV-V
expect_eq "open" "$(json 'd["status"]' <<<"$out")" "the invoice stays"
expect_exit 0 a -q dispute resolve "$dv" --outcome customer-pays --note "raised in error, void next"
expect_exit 0 a invoice void INV-V --reason "raised in error"
expect_exit 0 a check
