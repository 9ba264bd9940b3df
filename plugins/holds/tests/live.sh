#!/usr/bin/env bash
# End-to-end: live re-evaluation with the payments plugin: a payment that
# clears the overdue invoice releases the hold in its own transaction, a
# returned payment holds at once, and a manual hold outlives everything paid.
source "$ARCTL_TEST_LIB"

start_ledger
if ! a plugin list | grep -q payments; then
  echo "live: the payments plugin is not built" >&2
  exit 1
fi
a -q customer add ACME --name "Acme Corp" >/dev/null
a -q customer add BETA --name "Beta Ltd" >/dev/null
a -q customer add DELTA --name "Delta SA" >/dev/null
a -q config set holds.rule.past_due on

# txn_of TYPE: the transaction of the newest journal event of that type.
txn_of() { a --format json log --type "$1" -n 1 | json 'd[0]["txn"]'; }

case_ "a payment that clears the overdue invoice releases the hold in the payment's transaction"
a -q --as-of 2026-03-30 invoice create --customer ACME --id INV-OLD --date 2025-12-30 --due 2026-01-29 --line "Goods;1;500.00" >/dev/null
run a --format json hold evaluate
expect_eq '[["ACME", "placed", "past_due"]]' "$(json '[[r["customer"], r["action"], r["reason"]] for r in d]' <<<"$out")" "61 days: held"
a -q payment record --customer ACME --amount 300.00 --id P-1 --date 2026-03-31 >/dev/null
expect_exit 0 a payment apply P-1 --invoice INV-OLD
run a --format json hold list --customer ACME
expect_eq '["past_due"]' "$(json '[r["reason"] for r in d]' <<<"$out")" "200.00 still 61 days past due"
a -q payment record --customer ACME --amount 200.00 --id P-2 --date 2026-03-31 >/dev/null
expect_exit 0 a payment apply P-2 --invoice INV-OLD
run a --format json hold list --customer ACME
expect_eq "[]" "$out" "released"
expect_eq "$(txn_of payment.applied)" "$(txn_of hold.released)" "one transaction in arctl log"
run a --format json log --type hold.released -n 1
expect_eq "ACME" "$(json 'd[0]["payload"]["customer"]' <<<"$out")" "released customer"
expect_exit 0 a credit check ACME --amount 1.00

case_ "unapplying the payment reopens the overdue item and holds again at once"
expect_exit 0 a payment unapply P-2
run a --format json hold list --customer ACME
expect_eq '["past_due"]' "$(json '[r["reason"] for r in d]' <<<"$out")" "held again"
expect_eq "$(txn_of application.reversed)" "$(txn_of hold.placed)" "same transaction"
a -q payment apply P-2 --invoice INV-OLD

case_ "a returned payment places a hold in the return's own transaction, with no passing over-limit hold"
a -q credit set BETA --limit 1500.00
a -q invoice create --customer BETA --id INV-B --date 2026-03-10 --line "Goods;1;1000.00" >/dev/null
a -q payment record --customer BETA --amount 1000.00 --id P-B --date 2026-03-20 >/dev/null
a -q payment apply P-B --invoice INV-B
expect_exit 0 a credit check BETA --amount 1500.00
expect_exit 0 a payment return P-B --reason nsf --date 2026-03-25
run a --format json hold list --customer BETA
expect_eq '["returned_payment"]' "$(json '[r["reason"] for r in d]' <<<"$out")" "held for the return"
expect_contains "$(json 'd[0]["detail"]' <<<"$out")" "P-B" "names the payment"
expect_eq "$(txn_of payment.returned)" "$(txn_of hold.placed)" "same transaction"
run a --format json hold history BETA
expect_eq '["placed returned_payment"]' "$(json '[h["action"]+" "+h["reason"] for h in d]' <<<"$out")" "no transient holds"
expect_exit 10 a --format json credit check BETA --amount 1.00
expect_eq "returned_payment" "$(json 'd["reasons"][0]["code"]' <<<"$out")" "check names it"

case_ "a manual hold survives hold evaluate after everything is paid"
a -q hold place BETA --reason "pay by wire only"
a -q payment record --customer BETA --amount 1000.00 --id P-B2 --method wire >/dev/null
a -q payment apply P-B2 --invoice INV-B
run a --format json credit show BETA
expect_eq "0.00" "$(json 'd["receivable"]' <<<"$out")" "everything paid"
# 91 days after the return the returned_payment rule lets go; the manual hold stays.
expect_exit 0 a --format json --as-of 2026-06-24 hold evaluate
expect_eq '[["BETA", "released", "returned_payment"]]' "$(json '[[r["customer"], r["action"], r["reason"]] for r in d]' <<<"$out")" "rule released"
run a --format json hold list --customer BETA
expect_eq '["manual"]' "$(json '[r["reason"] for r in d]' <<<"$out")" "manual stays"
a -q invoice create --customer DELTA --id INV-D --date 2026-03-01 --line "Goods;1;50.00" >/dev/null
a -q hold place DELTA --reason "awaiting signed contract"
a -q payment record --customer DELTA --amount 50.00 --id P-D >/dev/null
a -q payment apply P-D --invoice INV-D
expect_exit 0 a --format json hold evaluate --customer DELTA
expect_eq "[]" "$out" "nothing for the rules to change"
run a --format json credit show DELTA
expect_eq "true" "$(json 'd["on_hold"]' <<<"$out")" "still on hold"
expect_eq '["manual"]' "$(json '[h["reason"] for h in d["holds"]]' <<<"$out")" "manual hold"
expect_exit 10 a credit check DELTA --amount 1.00

case_ "the ledger checks clean after all of it"
expect_exit 0 a check
