#!/usr/bin/env bash
# End-to-end: a parent's receipt pays its children's and grandchildren's
# invoices (by reference through payment auto, or by payment apply); a
# child's receipt never pays its parent's or a sibling's; undoing such an
# application restores both customers; the GL still ties to the aging.
source "$ARCTL_TEST_LIB"

start_ledger P "Parent Co" C1 "Child One" C2 "Child Two" G "Grandchild"
a -q customer edit C1 --parent P >/dev/null
a -q customer edit C2 --parent P >/dev/null
a -q customer edit G --parent C1 >/dev/null
open_of() { a --format json invoice show "$1" | json 'd["open"]'; }
bal() { a --format json customer show "$1" | json '[d["receivable"], d["unapplied"]]'; }
inv() { a -q invoice create --customer "$1" --id "$2" --date 2026-03-01 --line "Item;1;$3" >/dev/null; }
inv P P-1 100.00
inv C1 C1-1 200.00
inv C1 C1-2 40.00
inv C2 C2-1 300.00
inv G G-1 50.00

case_ "payment auto matches a parent's receipt to a child's invoice by reference"
a -q payment record --customer P --amount 200.00 --date 2026-03-10 --id RP-1 --ref "inv C1-1" >/dev/null
expect_exit 0 a payment auto
expect_eq "0.00" "$(open_of C1-1)" "C1-1 paid"
expect_eq '["100.00", "0.00"]' "$(bal P)" "P: its own invoice open, no credit left"
expect_eq '["40.00", "0.00"]' "$(bal C1)" "C1: only C1-2 open"

case_ "payment apply: a parent's receipt pays a grandchild's invoice"
a -q payment record --customer P --amount 80.00 --date 2026-03-11 --id RP-2 >/dev/null
expect_exit 0 a payment apply RP-2 --invoice G-1
expect_eq "0.00" "$(open_of G-1)" "G-1 paid"
expect_eq '["100.00", "30.00"]' "$(bal P)" "P keeps 30.00 on account"
expect_eq '["0.00", "0.00"]' "$(bal G)" "G owes nothing"

case_ "a child's receipt never pays its parent's or a sibling's invoice"
a -q payment record --customer C2 --amount 100.00 --date 2026-03-12 --id RC-1 --ref "P-1" >/dev/null
expect_exit 4 a payment apply RC-1 --invoice P-1
expect_contains "$err" "P" "names the customers"
expect_exit 4 a payment apply RC-1 --invoice C1-2
a -q payment record --customer C1 --amount 100.00 --date 2026-03-12 --id RC-2 --ref "P-1" >/dev/null
expect_exit 0 a payment auto
expect_eq "100.00" "$(open_of P-1)" "the reference to the parent's invoice is not followed"
expect_eq "100.00" "$(a --format json payment show RC-1 | json 'd["unapplied"]')" "RC-1 unapplied"

case_ "unapply restores both customers; applying again works"
expect_exit 0 a payment unapply RP-1 --invoice C1-1
expect_eq "200.00" "$(open_of C1-1)" "C1-1 reopened"
expect_eq '["100.00", "230.00"]' "$(bal P)" "P has the cash back on account"
expect_eq '["240.00", "100.00"]' "$(bal C1)" "C1 owes C1-1 again"
expect_exit 0 a payment apply RP-1 --invoice C1-1 --amount 150.00
expect_eq "50.00" "$(open_of C1-1)" "C1-1 partly paid"

case_ "a returned parent receipt reopens the grandchild's invoice"
expect_exit 0 a payment return RP-2 --reason nsf
expect_eq "50.00" "$(open_of G-1)" "G-1 reopened"
expect_eq '["50.00", "0.00"]' "$(bal G)" "G owes again"
expect_exit 0 a check

case_ "a parent's receipt that clears a child's overdue invoice releases the child's hold"
a -q config set holds.rule.past_due on >/dev/null
a -q invoice create --customer C2 --id C2-OLD --date 2025-12-30 --due 2026-01-29 --line "Item;1;60.00" >/dev/null
a -q hold evaluate >/dev/null
expect_eq '["past_due"]' "$(a --format json hold list --customer C2 | json '[r["reason"] for r in d]')" "C2 held"
a -q payment record --customer P --amount 60.00 --date 2026-03-20 --id RP-3 >/dev/null
expect_exit 0 a payment apply RP-3 --invoice C2-OLD
expect_eq "[]" "$(a --format json hold list --customer C2)" "released in the same transaction"

case_ "the GL stays balanced and ties to the aging"
expect_exit 0 a gl export --from 2025-12-01 --to 2026-03-31 --format jsonl --out "$tmp/gl.jsonl"
aging="$(a --format json aging | json '[r["total"] for r in d if r["row"]=="total"][0]')"
expect_exit 0 a --format json gl reconcile --gl-balance "$aging"
expect_eq "$aging" "$(json '[r["amount"] for r in d if r["item"]=="ar balance"][0]' <<<"$out")" "GL AR = aging"
