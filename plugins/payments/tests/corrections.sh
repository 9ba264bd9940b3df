#!/usr/bin/env bash
# End-to-end: correcting cash already recorded: moving a receipt to the right
# customer, cancelling a mis-keyed one, application dates that are honoured or
# refused, and duplicate receipts recorded a few days apart.
source "$ARCTL_TEST_LIB"

start_ledger
open_of() { a --format json invoice show "$1" | json 'd["open"]'; }
bal() { a --format json customer show "$1" | json '[d["receivable"], d["unapplied"], d["balance"]]'; }
holds() { a --format json hold list | json 'len(d)'; }
count_of() { a --format json log --type "$1" | json 'len(d)'; }
a -q customer add ACME --name "Acme Corp" --terms net30 >/dev/null
a -q customer add BETA --name "Beta Ltd" --terms net30 >/dev/null
a -q customer add EURO --name "Euro GmbH" --terms net30 --currency EUR >/dev/null
a -q invoice create --customer ACME --id A-1 --date 2026-03-01 --line "Item;1;100.00" >/dev/null
a -q invoice create --customer ACME --id A-2 --date 2026-03-02 --line "Item;1;50.00" >/dev/null
a -q invoice create --customer BETA --id B-1 --date 2026-03-03 --line "Item;1;30.00" >/dev/null

case_ "reassign of an applied receipt reopens the old customer's invoices exactly"
a -q payment record --customer ACME --amount 120.00 --date 2026-03-10 --method wire --id R-1 >/dev/null
a -q payment apply R-1 --invoice A-1 >/dev/null
a -q payment apply R-1 --invoice A-2 --amount 20.00 >/dev/null
expect_eq "30.00" "$(open_of A-2)" "A-2 before"
before="$(event_count "$L")"
expect_exit 0 a payment reassign R-1 --customer BETA --reason "paid by Beta" --dry-run
expect_eq "$before" "$(event_count "$L")" "a dry run writes nothing"
expect_exit 0 a --format json payment reassign R-1 --customer BETA --reason "paid by Beta"
expect_eq '["A-1", "A-2"]' "$(json 'd["reopened"]' <<<"$out")" "reopened in the output"
expect_eq "100.00" "$(open_of A-1)" "A-1 reopened"
expect_eq "50.00" "$(open_of A-2)" "A-2 reopened"
expect_eq '["150.00", "0.00", "150.00"]' "$(bal ACME)" "ACME owes both invoices again"
expect_eq '["30.00", "120.00", "-90.00"]' "$(bal BETA)" "BETA has the receipt as credit"
run a --format json payment show R-1
expect_eq "BETA" "$(json 'd["customer"]' <<<"$out")" "receipt's customer"
expect_eq "unapplied" "$(json 'd["status"]' <<<"$out")" "receipt's status"
expect_eq "120.00" "$(json 'd["unapplied"]' <<<"$out")" "receipt unapplied"
run a --format json log --type payment.reassigned
expect_eq '["R-1", "ACME", "BETA", "120.00", "USD", "paid by Beta", ["A-1", "A-2"]]' \
  "$(json '[d[0]["payload"][k] for k in ["id","from","to","amount","currency","reason","reopened"]]' <<<"$out")" \
  "payment.reassigned payload"
expect_eq "e2e" "$(json 'd[0]["actor"]' <<<"$out")" "journaled with the actor"
expect_eq "0" "$(holds)" "no hold placed"
expect_exit 0 a payment apply R-1 --invoice B-1
expect_eq "0.00" "$(open_of B-1)" "the receipt now pays the new customer's invoice"
expect_exit 0 a check

case_ "reassign of an unapplied receipt and of a suspense receipt"
a -q payment record --customer ACME --amount 40.00 --date 2026-03-11 --id R-2 >/dev/null
expect_exit 0 a payment reassign R-2 --customer BETA --reason "wrong account"
expect_eq '["150.00", "0.00", "150.00"]' "$(bal ACME)" "ACME unchanged"
expect_eq '["0.00", "130.00", "-130.00"]' "$(bal BETA)" "BETA gains the 40.00"
a -q payment record --amount 25.00 --date 2026-03-12 --id R-3 >/dev/null
expect_exit 0 a --format json payment reassign R-3 --customer ACME --reason "identified"
expect_eq '[]' "$(json 'd["reopened"]' <<<"$out")" "nothing to reopen"
run a --format json payment show R-3
expect_eq "ACME unapplied" "$(json 'd["customer"]+" "+d["status"]' <<<"$out")" "suspense receipt placed"
expect_eq '["150.00", "25.00", "125.00"]' "$(bal ACME)" "ACME has the 25.00 credit"
expect_exit 0 a check

case_ "reassign refusals: other currency, same customer, no reason"
before="$(event_count "$L")"
expect_exit 4 a payment reassign R-2 --customer EURO --reason "x"
expect_contains "$err" "--customer" "names the option"
expect_exit 4 a payment reassign R-2 --customer BETA --reason "x"
expect_exit 3 a payment reassign R-2 --customer NOPE --reason "x"
expect_exit 2 a payment reassign R-2 --customer ACME
expect_eq "$before" "$(event_count "$L")" "nothing written"

case_ "reverse of a mis-keyed receipt: invoices reopened, receipt no longer counted, no hold, no fee"
a -q invoice create --customer ACME --id A-3 --date 2026-03-05 --line "Item;1;80.00" >/dev/null
a -q payment record --customer ACME --amount 80.00 --date 2026-03-12 --method check --check-no 555 --id R-4 >/dev/null
a -q payment apply R-4 --invoice A-3 >/dev/null
expect_eq '["150.00", "25.00", "125.00"]' "$(bal ACME)" "A-3 paid"
expect_exit 0 a --format json payment reverse R-4 --reason "keyed twice"
expect_eq '["A-3"]' "$(json 'd["reopened"]' <<<"$out")" "reopened in the output"
expect_eq "80.00" "$(open_of A-3)" "A-3 reopened"
expect_eq '["230.00", "25.00", "205.00"]' "$(bal ACME)" "receipt no longer counts"
run a --format json payment show R-4
expect_eq "void 0.00" "$(json 'd["status"]+" "+d["unapplied"]' <<<"$out")" "receipt reversed"
run a --format json payment list --customer ACME --unapplied
expect_eq '["R-3"]' "$(json '[r["id"] for r in d]' <<<"$out")" "not in the unapplied list"
run a --format json log --type payment.reversed
expect_eq '["R-4", "ACME", "80.00", "USD", "keyed twice", ["A-3"]]' \
  "$(json '[d[0]["payload"][k] for k in ["id","customer","amount","currency","reason","reopened"]]' <<<"$out")" \
  "payment.reversed payload"
expect_eq "0" "$(count_of payment.returned)" "not a returned payment"
run a --format json log --type document.posted
expect_eq "[]" "$(json '[e["payload"]["kind"] for e in d if e["payload"]["kind"] in ("debit_note","payment_return")]' <<<"$out")" "no fee, no return document"
expect_eq "0" "$(holds)" "no hold placed"
expect_exit 0 a --format json hold evaluate
expect_eq "0" "$(holds)" "still no hold after a full evaluation"
expect_exit 4 a payment reverse R-4 --reason "again"
expect_exit 4 a payment reassign R-4 --customer BETA --reason "x"
a -q invoice create --customer ACME --id A-4 --date 2026-03-06 --line "Item;1;10.00" >/dev/null
a -q payment record --customer ACME --amount 10.00 --date 2026-03-13 --id R-5 >/dev/null
a -q payment apply R-5 --invoice A-4 >/dev/null
a -q payment return R-5 --reason nsf >/dev/null
expect_exit 4 a payment reverse R-5 --reason "x"
expect_exit 4 a payment reassign R-5 --customer BETA --reason "x"
expect_exit 0 a check

case_ "the GL stays balanced and ties to the aging after reassignments and reversals"
expect_exit 0 a gl export --period 2026-03 --format jsonl --out "$tmp/gl.jsonl"
aging="$(a --format json aging | json '[r["total"] for r in d if r["row"]=="total"][0]')"
expect_exit 0 a --format json gl reconcile --gl-balance "$aging"
expect_eq "$aging" "$(json '[r["amount"] for r in d if r["item"]=="ar balance"][0]' <<<"$out")" "GL AR = aging"
expect_eq "[]" "$(json '[r["amount"] for r in d if r["item"].startswith("ar ") and "uspense" in r["item"] and r["amount"]!="0.00"]' <<<"$out")" "suspense emptied"

case_ "apply --date before a document's date is refused; a valid one is the application's date"
a -q invoice create --customer BETA --id B-2 --date 2026-03-20 --line "Item;1;60.00" >/dev/null
a -q payment record --customer BETA --amount 60.00 --date 2026-03-15 --id R-6 >/dev/null
before="$(event_count "$L")"
expect_exit 4 a payment apply R-6 --invoice B-2 --date 2026-03-18
expect_contains "$err" "--date" "names the option"
expect_contains "$err" "B-2" "names the document"
expect_contains "$err" "2026-03-20" "names its date"
expect_exit 4 a payment apply R-6 --invoice B-2 --date 2026-03-14
expect_contains "$err" "R-6" "names the receipt"
expect_eq "$before" "$(event_count "$L")" "nothing written"
expect_exit 0 a payment apply R-6 --invoice B-2 --date 2026-03-25
run a --format json payment show R-6
expect_eq "2026-03-25" "$(json 'd["applications"][0]["date"]' <<<"$out")" "application dated as asked"
expect_exit 4 a payment unapply R-6 --date 2026-03-24
expect_contains "$err" "--date" "unapply names the option"
expect_exit 0 a payment unapply R-6 --date 2026-03-26
run a --format json payment show R-6
expect_eq "2026-03-26" "$(json 'd["applications"][1]["date"]' <<<"$out")" "reversal dated as asked"
expect_exit 0 a payment apply R-6 --invoice B-2
run a --format json payment show R-6
expect_eq "2026-03-31" "$(json 'd["applications"][2]["date"]' <<<"$out")" "default: the business date"
expect_exit 0 a check

case_ "apply --date in a locked period is refused by the kernel"
a -q invoice create --customer BETA --id B-3 --date 2026-02-10 --line "Item;1;5.00" >/dev/null
a -q payment record --customer BETA --amount 5.00 --date 2026-02-11 --id R-7 >/dev/null
a -q period lock 2026-02-28
expect_exit 5 a payment apply R-7 --invoice B-3 --date 2026-02-20
expect_exit 0 a payment apply R-7 --invoice B-3 --date 2026-03-01
expect_exit 0 a check

D="$tmp/dups"
new_ledger "$D"
d() { arctl -C "$D" "$@"; }
d -q customer add ACME --name "Acme Corp" >/dev/null

case_ "same customer, amount and cheque number within 7 days: refused; 10 days apart: accepted"
expect_exit 0 d payment record --customer ACME --amount 75.00 --check-no 1001 --date 2026-03-01 --id D-1
before="$(event_count "$D")"
expect_exit 4 d payment record --customer ACME --amount 75.00 --check-no 1001 --date 2026-03-04
expect_contains "$err" "D-1" "names the earlier receipt"
expect_eq "$before" "$(event_count "$D")" "nothing written"
expect_exit 4 d payment record --customer ACME --amount 75.00 --check-no 1001 --date 2026-02-26
expect_exit 0 d payment record --customer ACME --amount 75.00 --check-no 1001 --date 2026-03-04 --allow-duplicate --id D-2
expect_exit 0 d payment record --customer ACME --amount 75.00 --check-no 1001 --date 2026-03-14 --id D-3
expect_exit 0 d payment record --customer ACME --amount 76.00 --check-no 1001 --date 2026-03-22 --id D-4

case_ "same customer, amount and reference within 7 days: refused; a reversed receipt does not count"
expect_exit 0 d payment record --customer ACME --amount 20.00 --ref "wire 9" --date 2026-03-10 --id D-5
expect_exit 4 d payment record --customer ACME --amount 20.00 --ref "wire 9" --date 2026-03-16
expect_contains "$err" "D-5" "names the earlier receipt"
expect_exit 0 d payment reverse D-5 --reason "mis-keyed"
expect_exit 0 d payment record --customer ACME --amount 20.00 --ref "wire 9" --date 2026-03-16 --id D-6

case_ "payments.duplicate_days=0 keeps the same-day rule; bad values are refused"
expect_exit 4 d config set payments.duplicate_days -1
expect_contains "$err" "payments.duplicate_days" "names the key"
expect_exit 4 d config set payments.duplicate_days soon
expect_exit 0 d config set payments.duplicate_days 0
expect_exit 0 d payment record --customer ACME --amount 33.00 --check-no 7 --date 2026-03-20 --id D-7
expect_exit 0 d payment record --customer ACME --amount 33.00 --check-no 7 --date 2026-03-21 --id D-8
expect_exit 4 d payment record --customer ACME --amount 33.00 --check-no 7 --date 2026-03-20
expect_contains "$err" "D-7" "same day refused"
expect_exit 0 d check

# A receipt that earned an early-payment discount, then is cancelled: the
# discount goes with it, and the invoice owes its whole amount again.
for how in reverse return reassign unapply; do
  case_ "payment $how of a receipt that took a discount voids the discount"
  E="$tmp/earned-$how"
  new_ledger "$E"
  e() { arctl -C "$E" "$@"; }
  e -q customer add C --name "Cust C" --terms "2/10 net30" >/dev/null
  e -q customer add D --name "Cust D" >/dev/null
  e -q invoice create --customer C --id I1 --date 2026-03-01 --line "Widget;1;1000.00" >/dev/null
  e -q payment record --customer C --amount 980.00 --date 2026-03-05 --ref I1 --id R1 >/dev/null
  e -q payment auto >/dev/null
  expect_exit 0 e --format json invoice show I1
  expect_eq "0.00" "$(json 'd["open"]' <<<"$out")" "I1 settled by cash and discount"
  case $how in
  reverse) expect_exit 0 e payment reverse R1 --reason "mis-keyed" ;;
  return) expect_exit 0 e payment return R1 --reason nsf ;;
  reassign) expect_exit 0 e payment reassign R1 --customer D --reason "wrong customer" ;;
  unapply) expect_exit 0 e payment unapply R1 --invoice I1 ;;
  esac
  expect_exit 0 e --format json invoice show I1
  expect_eq "1000.00" "$(json 'd["open"]' <<<"$out")" "I1 owes its whole amount again"
  expect_exit 0 e --format json invoice show DSC-2026-000001
  expect_eq "discount void" "$(json 'd["kind"] + " " + d["status"]' <<<"$out")" "the discount"
  expect_exit 0 e check
done

case_ "arctl check is clean"
expect_exit 0 a check
expect_exit 0 d check
