#!/usr/bin/env bash
# End-to-end: the invoicing plugin through the real arctl binary: totals and
# rounding, terms, credits, voids, rebills, the period lock, imports, rendering.
source "$ARCTL_TEST_LIB"

start_ledger
a -q customer add ACME --name "Acme Corp" --terms net30 >/dev/null
a -q customer add DISC --name "Discount Buyer" --terms "2/10 net30" >/dev/null
a -q customer add EOM --name "End Of Month" --terms "eom+30" >/dev/null
a -q customer add XSS --name "<script>alert(1)</script>" >/dev/null

case_ "Widget;3;19.99;8.25% + Freight;1;12.50 totals 77.42 everywhere"
expect_exit 0 a invoice create --customer ACME --date 2026-01-31 \
  --line "Widget;3;19.99;8.25%" --line "Freight;1;12.50"
inv="$out"
expect_eq "INV-2026-000001" "$inv" "first number of the default series"
run a --format json invoice show "$inv"
expect_eq "77.42" "$(json 'd["total"]' <<<"$out")" "show total"
expect_eq "72.47" "$(json 'd["subtotal"]' <<<"$out")" "show subtotal"
expect_eq "4.95" "$(json 'd["tax"]' <<<"$out")" "show tax"
expect_eq "77.42" "$(json 'd["open"]' <<<"$out")" "show open"
run a --format json invoice list
expect_eq "77.42" "$(json '[r["total"] for r in d if r["id"]=="'"$inv"'"][0]' <<<"$out")" "list total"
run a invoice render "$inv"
expect_match "$out" "Total +77\.42 USD" "rendered text total"
run a invoice render "$inv" --format html
expect_contains "$out" "<strong>77.42 USD</strong>" "rendered html total"

case_ "terms: 2/10 net30 and eom+30"
run a --format json invoice create --customer DISC --date 2026-01-31 --line "Gear;1;1000.00"
disc="$(json 'd["id"]' <<<"$out")"
run a --format json invoice show "$disc"
expect_eq "2026-02-10" "$(json 'd["discount_date"]' <<<"$out")" "discount date"
expect_eq "20.00" "$(json 'd["discount_amount"]' <<<"$out")" "discount amount"
expect_eq "2026-03-02" "$(json 'd["due"]' <<<"$out")" "due date of 2/10 net30"
run a --format json invoice create --customer EOM --date 2026-01-15 --line "Gear;1;10.00"
expect_eq "2026-03-02" "$(json 'd["due"]' <<<"$out")" "due date of eom+30"
expect_exit 4 a invoice create --customer ACME --date 2026-01-15 --terms "net 30" --line "x;1;1"
expect_contains "$err" "invalid payment terms" "bad terms message"

case_ "credit notes: too much is refused, a credit is applied at once"
run a invoice create --customer ACME --date 2026-02-01 --line "Service;1;100.00"
svc="$out"
before="$(event_count "$L")"
expect_exit 4 a invoice credit "$svc" --amount 100.01 --reason "too much"
expect_contains "$err" "more than the 100.00 open" "over-credit message"
expect_eq "$before" "$(event_count "$L")" "events after refused credit"
expect_exit 0 a --format json invoice credit "$svc" --amount 40.00 --reason damaged
cn="$(json 'd["id"]' <<<"$out")"
run a --format json invoice show "$svc"
expect_eq "60.00" "$(json 'd["open"]' <<<"$out")" "open after credit"
expect_eq "$cn" "$(json 'd["applications"][0]["document"]' <<<"$out")" "credit shows on the invoice"

case_ "void: refused with a credit applied, allowed without"
before="$(event_count "$L")"
expect_exit 4 a invoice void "$svc" --reason "wrong"
expect_contains "$err" "$cn" "void refusal names what is applied"
expect_eq "$before" "$(event_count "$L")" "events after refused void"
run a invoice create --customer ACME --date 2026-02-02 --line "Dup;1;5.00"
dup="$out"
expect_exit 0 a invoice void "$dup" --reason duplicate
run a --format json invoice show "$dup"
expect_eq "void" "$(json 'd["status"]' <<<"$out")" "voided status"

case_ "rebill: original credited to zero, replacement open, linked both ways"
run a invoice create --customer ACME --date 2026-02-03 --line "Consulting;2;150.00;10%"
orig="$out"
expect_exit 0 a --format json invoice rebill "$orig" --reason "wrong rate" --line "Consulting;2;140.00;10%"
new="$(json 'd["replacement"]' <<<"$out")"
run a --format json invoice show "$orig"
expect_eq "0.00" "$(json 'd["open"]' <<<"$out")" "original open after rebill"
expect_eq "$new" "$(json 'd["links"]["rebilled_by"]' <<<"$out")" "original links to the replacement"
run a --format json invoice show "$new"
expect_eq "308.00" "$(json 'd["open"]' <<<"$out")" "replacement open"
expect_eq "$orig" "$(json 'd["links"]["rebill_of"]' <<<"$out")" "replacement links to the original"
expect_exit 0 a check

case_ "debit notes"
expect_exit 0 a --format json invoice debit --customer ACME --amount 25.00 --reason "late fee" --for "$svc"
expect_eq "debit_note" "$(json 'd["kind"]' <<<"$out")" "debit note kind"

case_ "period lock: a posting dated in it exits 5 and the number is not used"
expect_exit 0 a period lock 2026-01-31
expect_exit 5 a invoice create --customer ACME --date 2026-01-20 --line "Late;1;1.00"
run a invoice create --customer ACME --date 2026-02-20 --line "Next;1;1.00"
run a --format json invoice list --status all
expect_eq "[]" "$(json '[r["id"] for r in d if r["issued"] == "2026-01-20"]' <<<"$out")" "nothing posted in the locked period"

case_ "series numbering is gap-free and configurable"
a -q config set invoice.series "AC{YY}{MM}-{SEQ:04}"
run a invoice create --customer ACME --date 2026-03-05 --line "A;1;1.00"
expect_eq "AC2603-0001" "$out" "custom series"
expect_exit 4 a invoice create --customer ACME --date 2026-03-05 --line "B;0;1.00"
run a invoice create --customer ACME --date 2026-03-06 --line "C;1;1.00"
expect_eq "AC2603-0002" "$out" "no gap after a refused invoice"

case_ "dry run writes nothing"
before="$(event_count "$L")"
expect_exit 0 a invoice create --dry-run --customer ACME --date 2026-03-07 --line "D;1;1.00"
expect_eq "$before" "$(event_count "$L")" "events after a dry run"

case_ "rendered HTML escapes the customer's name"
run a invoice create --customer XSS --date 2026-03-01 --line "Thing;1;1.00"
run a invoice render "$out" --format html
expect_contains "$out" "&lt;script&gt;alert(1)&lt;/script&gt;" "escaped name"
expect_not_contains "$out" "<script>alert" "raw script tag"

case_ "import of 10,000 invoices: one transaction, idempotent"
I="$tmp/imp"
new_ledger "$I"
b() { arctl -C "$I" "$@"; }
python3 - "$tmp" <<'PY'
import sys
tmp = sys.argv[1]
with open(tmp + "/cust.csv", "w") as f:
    f.write("id,name,terms\n")
    for c in range(50):
        f.write("C%03d,Customer %d,net30\n" % (c, c))
with open(tmp + "/inv.csv", "w") as f:
    f.write("id,customer,date,description,quantity,unit_price,tax_rate\n")
    for i in range(10000):
        f.write("IMP-%05d,C%03d,2026-02-%02d,Item,%d,%d.%02d,%s\n" %
                (i, i % 50, 1 + i % 28, 1 + i % 5, 10 + i % 90, i % 100, "5%" if i % 3 == 0 else ""))
    # a second line for one invoice
    f.write("IMP-00000,C000,2026-02-01,Freight,1,7.50,\n")
PY
b -q customer import "$tmp/cust.csv" >/dev/null
start_events="$(event_count "$I")"
expect_exit 0 b --format json invoice import "$tmp/inv.csv"
expect_eq "10000" "$(json 'd["created"]' <<<"$out")" "invoices created"
run b --format json log -n 1
txn="$(json 'd[0]["txn"]' <<<"$out")"
expect_eq "$((start_events + 1))" "$txn" "the whole import is one transaction"
mid_events="$(event_count "$I")"
expect_exit 0 b --format json invoice import "$tmp/inv.csv"
expect_eq "0" "$(json 'd["created"]' <<<"$out")" "created on re-import"
expect_eq "10000" "$(json 'd["unchanged"]' <<<"$out")" "already present on re-import"
expect_eq "$mid_events" "$(event_count "$I")" "events after re-import"
run b --format json invoice show IMP-00000
expect_eq "2" "$(json 'len(d["lines"])' <<<"$out")" "rows sharing an id are one invoice"
expect_exit 0 b check

case_ "an import with one bad row writes nothing and names the row"
{
  echo "id,customer,date,description,quantity,unit_price"
  echo "NEW-1,C001,2026-03-01,Item,1,10.00"
  echo "NEW-2,C001,2026-03-01,Item,1,1e3"
  echo "NEW-3,C001,2026-03-01,Item,1,10.00"
} >"$tmp/bad.csv"
expect_exit 4 b invoice import "$tmp/bad.csv"
expect_contains "$err" "bad.csv:3" "error names the line"
expect_contains "$err" "unit_price" "error names the field"
{
  echo "id,customer,date,description,quantity,unit_price"
  echo "NEW-1,C001,2026-03-01,Item,1,10.00"
  echo "NEW-2,NOBODY,2026-03-01,Item,1,10.00"
} >"$tmp/bad2.csv"
expect_exit 3 b invoice import "$tmp/bad2.csv"
expect_contains "$err" "bad2.csv:3" "unknown customer names the line"
expect_eq "$mid_events" "$(event_count "$I")" "events after refused imports"

case_ "JSON lines import with nested lines"
printf '%s\n' '{"id":"J-1","customer":"C002","date":"2026-03-02","lines":[{"description":"A","quantity":"2","unit_price":"1.25"},{"description":"B","quantity":"1","unit_price":"3.00","tax_rate":"10%"}]}' >"$tmp/inv.jsonl"
expect_exit 0 b --format json invoice import "$tmp/inv.jsonl"
run b --format json invoice show J-1
expect_eq "5.80" "$(json 'd["total"]' <<<"$out")" "JSONL invoice total"
expect_exit 0 b check
