#!/usr/bin/env bash
# The GL export and the AR-to-GL tie-out on a fixture ledger with every kind
# of posting. Hand-computed figures (USD):
#   INV-1 ACME 10-01: 2 x 50.00 @ 8.25% + 1 x 200.00 = 300.00 + 8.25 tax = 308.25,
#         terms 2/10 net30: paid 302.08 on 10-05 (R1, wire), discount 6.17 taken.
#   INV-2 BETA 10-02: 10 x 50.00 @ 8.25% = 500.00 + 41.25 = 541.25; R2 (check)
#         200.00 applied 10-06; credit note 54.13 on 10-07, split like the
#         invoice: 50.00 sales + 4.13 tax (largest remainder).
#   INV-3 BETA 10-03: 100.00, no tax; written off 10-20 (WO 100.00).
#   R2 returned NSF 10-09 with a 25.00 fee: its application is reversed (INV-2
#         owes 487.12 again), RET 200.00 is settled by R2 itself, DN 25.00 open.
#   R3 BETA 1000.00 10-15 applied to INV-2's 487.12: 512.88 left on account.
# As of 10-08: 287.12 (INV-2) + 100.00 (INV-3) = 387.12.
# As of 10-31: 25.00 - 512.88 = -487.88 (control 25.00, unapplied -512.88).
# 16 entries: 3 invoices, 3 receipts, 3 cash applications, the discount, the
# credit note, the reversal, RET, R2's application to RET, DN and WO.
# Tax: 8.25 + 41.25 - 4.13 = 45.37 credit.
source "$ARCTL_TEST_LIB"
export ARCTL_TODAY=2026-10-31
L="$tmp/l"
a() { "$ARCTL_BIN" -C "$L" "$@"; }
new_ledger "$L"

a -q customer add ACME --name "Acme Corp" --terms "2/10 net30" >/dev/null
a -q customer add BETA --name "Beta; \"Ltd\"" >/dev/null
a -q invoice create --customer ACME --id INV-1 --date 2026-10-01 \
  --line "Widget;2;50;8.25%" --line "Service;1;200" >/dev/null
a -q invoice create --customer BETA --id INV-2 --date 2026-10-02 --line "Widget;10;50;8.25%" >/dev/null
a -q invoice create --customer BETA --id INV-3 --date 2026-10-03 --line "Gadget;1;100" >/dev/null
a -q payment record --customer ACME --amount 302.08 --date 2026-10-05 --id R1 --method wire >/dev/null
a -q --as-of 2026-10-05 payment auto >/dev/null
a -q payment record --customer BETA --amount 200.00 --date 2026-10-06 --id R2 --method check >/dev/null
a -q payment apply R2 --invoice INV-2 --amount 200.00 --date 2026-10-06 >/dev/null
a -q invoice credit INV-2 --amount 54.13 --reason "damaged" --date 2026-10-07 >/dev/null
a -q payment return R2 --reason nsf --fee 25.00 --date 2026-10-09 >/dev/null
a -q payment record --customer BETA --amount 1000.00 --date 2026-10-15 --id R3 >/dev/null
a -q payment apply R3 --invoice INV-2 --date 2026-10-15 >/dev/null
ARCTL_ACTOR=alice a -q --as-of 2026-10-20 writeoff propose INV-3 --reason "uncollectible" >/dev/null
ARCTL_ACTOR=bob a -q --as-of 2026-10-20 writeoff approve WOP-2026-00001 >/dev/null

aging_total() { a --as-of "$1" --format json aging | json '[r["total"] for r in d if r["row"]=="total"][0]'; }
hl_bal() { hledger -f "$1" bal "$2" -e "$3" -O csv | csv '[r[1] for r in rows if r[0]=="total"][0]'; }
ledger_bal() { ledger -f "$1" reg "$2" -e "$3" --format '%(scrub(display_total))\n' | tail -1; }

case_ "the fixture's aging is the hand-computed one"
expect_eq "387.12" "$(aging_total 2026-10-08)" "aging as of 10-08"
expect_eq "-487.88" "$(aging_total 2026-10-31)" "aging as of 10-31"

case_ "the hledger export loads in hledger and ties to aging on two dates"
expect_exit 0 a gl export --period 2026-10 --format hledger --out "$tmp/gl.journal"
expect_contains "$out" "Exported 16 entries"
expect_exit 0 hledger -f "$tmp/gl.journal" check
expect_exit 0 hledger -f "$tmp/gl.journal" check accounts ordereddates
expect_eq "387.12 USD" "$(hl_bal "$tmp/gl.journal" '^Assets:Receivable' 2026-10-09)" "hledger 10-08"
expect_eq "-487.88 USD" "$(hl_bal "$tmp/gl.journal" '^Assets:Receivable' 2026-11-01)" "hledger 10-31"
expect_eq "$(aging_total 2026-10-31) USD" "$(hl_bal "$tmp/gl.journal" '^Assets:Receivable' 2026-11-01)"
expect_eq "-512.88 USD" "$(hl_bal "$tmp/gl.journal" '^Assets:Receivable:Unapplied' 2026-11-01)" \
  "unapplied cash"
expect_eq "-45.37 USD" "$(hl_bal "$tmp/gl.journal" '^Liabilities:SalesTax' 2026-11-01)" "tax"
expect_eq "6.17 USD" "$(hl_bal "$tmp/gl.journal" '^Expenses:Discounts' 2026-11-01)" "discount"
expect_eq "100.00 USD" "$(hl_bal "$tmp/gl.journal" '^Expenses:BadDebt' 2026-11-01)" "write-off"
expect_eq "-25.00 USD" "$(hl_bal "$tmp/gl.journal" '^Income:NSFFees' 2026-11-01)" "NSF fee"
expect_eq "1302.08 USD" "$(hl_bal "$tmp/gl.journal" '^Assets:Bank' 2026-11-01)" "cash"
expect_eq "0" "$(hledger -f "$tmp/gl.journal" bal -O csv | csv '[r[1] for r in rows if r[0]=="total"][0]')" \
  "the whole journal balances"

case_ "the ledger export loads in ledger and ties the same way"
expect_exit 0 a gl export --period 2026-10 --reexport --format ledger --out "$tmp/gl.ledger"
expect_exit 0 ledger -f "$tmp/gl.ledger" --strict --pedantic bal
expect_eq "387.12 USD" "$(ledger_bal "$tmp/gl.ledger" '^Assets:Receivable' 2026-10-09)" "ledger 10-08"
expect_eq "-487.88 USD" "$(ledger_bal "$tmp/gl.ledger" '^Assets:Receivable' 2026-11-01)" "ledger 10-31"

case_ "entries carry the document and the journal sequence"
expect_exit 0 a --format json log
seq_inv1=$(json '[e["seq"] for e in d if e["type"]=="document.posted" and e["payload"]["id"]=="INV-1"][0]' <<<"$out")
expect_contains "$(cat "$tmp/gl.journal")" "(INV-1) Invoice INV-1, Acme Corp
    ; arctl-seq: $seq_inv1
    ; arctl-doc: INV-1"
expect_contains "$(cat "$tmp/gl.journal")" "Beta, \"Ltd\"" "a ';' in a name cannot start a comment"

case_ "every entry balances; the CSV's debits equal its credits per entry"
expect_exit 0 a gl export --period 2026-10 --reexport --format csv
expect_eq "entry,date,seq,document,kind,customer,description,account,debit,credit,currency" \
  "$(head -1 <<<"$out")"
balance_check() {
  python3 -c '
import csv, json, sys
from decimal import Decimal
tot = {}
for r in list(csv.reader(sys.stdin))[1:]:
    t = tot.setdefault(r[0], [Decimal(0), Decimal(0)])
    t[0] += Decimal(r[8] or 0)
    t[1] += Decimal(r[9] or 0)
print(json.dumps([k for k, (dr, cr) in tot.items() if dr != cr or dr == 0]))'
}
expect_eq "[]" "$(balance_check <<<"$out")" "unbalanced CSV entries"
expect_eq "16" "$(csv 'len({r[0] for r in rows[1:]})' <<<"$out")" "CSV entries"
expect_exit 0 a gl export --period 2026-10 --reexport --format jsonl --summary
expect_eq "[]" "$(python3 -c '
import json, sys
from decimal import Decimal
bad = []
for line in sys.stdin:
    e = json.loads(line)
    s = sum(Decimal(p["debit"] or 0) - Decimal(p["credit"] or 0) for p in e["postings"])
    if s != 0: bad.append(e["entry"])
print(json.dumps(bad))' <<<"$out")" "unbalanced summary entries"
expect_eq "2026-10-01/USD" "$(head -1 <<<"$out" | json 'd["entry"]')"

case_ "the beancount export is valid beancount"
expect_exit 0 a gl export --period 2026-10 --reexport --format beancount --out "$tmp/gl.beancount"
expect_exit 0 bean-check "$tmp/gl.beancount"

case_ "--since-last exports new postings once, then nothing"
expect_exit 0 a --format json gl export --since-last --format jsonl --out "$tmp/s1.jsonl"
expect_eq "0 16" "$(json '"%s %s" % (d["entries"], d["skipped"])' <<<"$out")" \
  "the period exports sent all 16 entries already"
a -q invoice create --customer ACME --id INV-4 --date 2026-10-30 --line "Widget;1;10" >/dev/null
expect_exit 0 a --format json gl export --since-last --format jsonl --out "$tmp/s2.jsonl"
expect_eq "1" "$(json 'd["entries"]' <<<"$out")"
expect_eq "10.00 USD" "$(json 'd["debits"]' <<<"$out")"
expect_eq "INV-4" "$(json 'd["document"]' <"$tmp/s2.jsonl")"
expect_exit 0 a --format json gl export --since-last --format jsonl --out "$tmp/s3.jsonl"
expect_eq "0" "$(json 'd["entries"]' <<<"$out")"
expect_eq "0" "$(wc -l <"$tmp/s3.jsonl" | tr -d ' ')"
expect_exit 0 a --format json gl export --since-last --dry-run --format jsonl --out "$tmp/s4.jsonl"
expect_false "a dry run writes no file" test -e "$tmp/s4.jsonl"
expect_exit 0 a --format json gl exports
expect_eq "[0, 1, 0]" "$(json '[x["entries"] for x in d if x["mode"]=="since-last"]' <<<"$out")"

case_ "reconcile names a late posting and is not explained until it is exported"
a -q gl export --period 2026-10 --reexport --out "$tmp/final.journal"
gl=$(hl_bal "$tmp/final.journal" '^Assets:Receivable' 2026-11-01)
expect_eq "-477.88 USD" "$gl" "GL after INV-4"
a -q invoice create --customer BETA --id INV-LATE --date 2026-10-20 --line "Late;1;50" >/dev/null
expect_exit 4 a --format json gl reconcile --gl-balance "${gl% USD}"
expect_eq "-427.88" "$(json '[r["amount"] for r in d if r["item"]=="ar balance"][0]' <<<"$out")"
expect_eq "INV-LATE -50.00" \
  "$(json '[r["document"]+" "+r["amount"] for r in d if r["item"]=="not in GL"][0]' <<<"$out")"
expect_contains "$out" "posted after export"
expect_eq "0.00" "$(json '[r["amount"] for r in d if r["item"]=="unexplained"][0]' <<<"$out")"
expect_contains "$(json '[r["detail"] for r in d if r["item"]=="unexplained"][0]' <<<"$out")" \
  "not explained: 1 entry is not in the GL"
a -q gl export --since-last --out "$tmp/late.journal"
expect_exit 0 a --format json gl reconcile --gl-balance -427.88
expect_exit 4 a --format json gl reconcile --gl-balance -430.00
expect_eq "-2.12" "$(json '[r["amount"] for r in d if r["item"]=="unexplained"][0]' <<<"$out")"
expect_contains "$err" "do not tie out"
expect_exit 0 a --format json gl reconcile --gl-balance -430.00 --manual "-2.12:accrual JE-77"
expect_contains "$out" "accrual JE-77"
printf 'account,balance\nAssets:Receivable,85.00\nAssets:Receivable:Unapplied,-512.88\nIncome:Sales,-999\n' \
  >"$tmp/tb.csv"
expect_exit 0 a gl reconcile --gl-file "$tmp/tb.csv"
printf 'account,balance\nAssets:Receivable,12x\n' >"$tmp/bad.csv"
expect_exit 4 a gl reconcile --gl-file "$tmp/bad.csv"
expect_contains "$err" "bad.csv:2"
expect_contains "$err" "balance"
expect_exit 2 a gl reconcile

case_ "an unmapped revenue account on a line is exit 4 naming the invoice and line"
printf 'id,customer,date,description,quantity,unit_price,tax_rate,account\n' >"$tmp/inv.csv"
printf 'INV-9,ACME,2026-11-02,Hours,1,100,,\nINV-9,ACME,2026-11-02,Consulting,2,100,,consulting\n' \
  >>"$tmp/inv.csv"
a -q invoice import "$tmp/inv.csv" >/dev/null
before=$(event_count "$L")
expect_exit 4 a gl export --period 2026-11 --out "$tmp/nov.journal"
expect_contains "$err" "Invoice 'INV-9' line 2"
expect_contains "$err" "gl.account.revenue.consulting"
expect_false "no file written" test -e "$tmp/nov.journal"
expect_eq "$before" "$(event_count "$L")" "nothing recorded"
a -q config set gl.account.revenue.consulting "Income:Consulting"
expect_exit 0 a gl export --period 2026-11 --out "$tmp/nov.journal"
expect_eq "-200.00 USD" "$(hl_bal "$tmp/nov.journal" '^Income:Consulting' 2026-12-01)"
expect_eq "-100.00 USD" "$(hl_bal "$tmp/nov.journal" '^Income:Sales' 2026-12-01)"

case_ "the account map: per-method cash, customer revenue, refused names"
a -q config set gl.account.cash.check "Assets:Bank:Lockbox"
a -q customer edit BETA --attr gl_revenue=services >/dev/null
expect_exit 4 a gl export --period 2026-10 --out "$tmp/x.journal"
expect_contains "$err" "gl.account.revenue.services"
a -q config set gl.account.revenue.services "Income:Services"
expect_exit 0 a gl export --period 2026-10 --reexport --out "$tmp/x.journal"
expect_eq "0" "$(hledger -f "$tmp/x.journal" bal '^Assets:Bank:Lockbox' -O csv | csv '[r[1] for r in rows if r[0]=="total"][0]')" \
  "check received and returned"
expect_eq "-600.00 USD" "$(hl_bal "$tmp/x.journal" '^Income:Services' 2026-11-01)" \
  "BETA revenue: INV-2 500 + INV-3 100 + INV-LATE 50 - the credit note's 50"
expect_exit 4 a config set gl.account.tax "Liabilities::Tax"
expect_contains "$err" "gl.account.tax"
expect_exit 0 a --format json gl accounts
expect_eq "config" "$(json '[r["source"] for r in d if r["key"]=="gl.account.cash.check"][0]' <<<"$out")"
expect_eq "Assets:Receivable" "$(json '[r["account"] for r in d if r["key"]=="gl.account.receivable"][0]' <<<"$out")"

case_ "a multi-currency ledger exports each entry in its own currency"
M="$tmp/m"
new_ledger "$M"
"$ARCTL_BIN" -C "$M" -q customer add EU --name "EU GmbH" --currency EUR >/dev/null
"$ARCTL_BIN" -C "$M" -q customer add JP --name "JP KK" --currency JPY >/dev/null
"$ARCTL_BIN" -C "$M" -q invoice create --customer EU --id E1 --date 2026-10-01 --line "A;1;19.99;19%" >/dev/null
"$ARCTL_BIN" -C "$M" -q invoice create --customer JP --id J1 --date 2026-10-01 --line "A;3;1000" >/dev/null
expect_exit 0 "$ARCTL_BIN" -C "$M" gl export --period 2026-10 --out "$tmp/m.journal"
expect_exit 0 hledger -f "$tmp/m.journal" check
expect_contains "$(cat "$tmp/m.journal")" "23.79 EUR"
expect_contains "$(cat "$tmp/m.journal")" "3000 JPY"
expect_exit 2 "$ARCTL_BIN" -C "$M" gl reconcile --gl-balance 10
expect_contains "$err" "which currency"
expect_exit 0 "$ARCTL_BIN" -C "$M" gl reconcile --gl-balance "3000 JPY"

case_ "voids and suspense receipts: the export still ties to aging on every date"
V="$tmp/v"
new_ledger "$V"
v() { "$ARCTL_BIN" -C "$V" "$@"; }
v -q customer add C1 --name "One" >/dev/null
v -q invoice create --customer C1 --id V1 --date 2026-10-01 --line "A;1;100;10%" >/dev/null
v -q payment record --amount 50.00 --date 2026-10-02 --id S1 >/dev/null
v -q --as-of 2026-10-03 invoice void V1 --reason "wrong customer" >/dev/null
v -q --as-of 2026-10-04 payment assign S1 --customer C1 >/dev/null
expect_exit 0 v gl export --period 2026-10 --out "$tmp/v.journal"
expect_exit 0 hledger -f "$tmp/v.journal" check
for d in 2026-10-01 2026-10-02 2026-10-03 2026-10-31; do
  want=$(v --as-of "$d" --format json aging | json 'str(sum(__import__("decimal").Decimal(r["total"]) for r in d if r["row"]=="total"))')
  next=$(date -d "$d + 1 day" +%F)
  got=$(hl_bal "$tmp/v.journal" '^Assets:Receivable' "$next")
  expect_eq "$want USD" "$got" "receivables as of $d"
done
expect_eq "110.00 USD" "$(hl_bal "$tmp/v.journal" '^Assets:Receivable' 2026-10-02)" "before the receipt"
expect_eq "0" "$(hl_bal "$tmp/v.journal" '^Assets:Receivable:Suspense' 2026-11-01)" "suspense cleared"
expect_eq "0" "$(hl_bal "$tmp/v.journal" '^Liabilities:SalesTax' 2026-11-01)" "void reverses the tax"
expect_contains "$(cat "$tmp/v.journal")" "Void of Invoice V1"

case_ "the month-end close exports the month as a step"
expect_exit 0 v --as-of 2026-11-02 --format json close 2026-10 --out "$tmp/close"
expect_contains "$out" "gl.export"
expect_true "close wrote the GL file" test -s "$tmp/close/2026-10/gl.journal"
expect_exit 0 hledger -f "$tmp/close/2026-10/gl.journal" check
expect_exit 0 v --format json gl exports
expect_eq "2026-10" "$(json 'd[-1]["label"]' <<<"$out")"
