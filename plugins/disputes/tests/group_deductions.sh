#!/usr/bin/env bash
# End-to-end: a deduction on a child's invoice (group accounts) follows the
# money when the parent pays it: the parent's receipt applied to the child's
# invoice lowers the case, and paying the rest closes it as paid.
source "$ARCTL_TEST_LIB"

start_ledger
a -q config set payments.write_off_tolerance 0.01 >/dev/null
a -q customer add HQ --name "Holding" >/dev/null
a -q customer add SHOP --name "Shop" >/dev/null
a -q customer edit SHOP --parent HQ >/dev/null
a -q invoice create --customer SHOP --id INV-S --date 2026-01-05 --line "Goods;1;1000.00" >/dev/null
# 970.00 paid by the shop on its 1000.00 invoice: a deduction case of 30.00.
a -q payment record --customer SHOP --amount 970.00 --date 2026-02-01 --ref INV-S --id R-S >/dev/null
a -q payment auto >/dev/null
dsp="$(a --format json dispute list --customer SHOP --status all |
  json '[r["id"] for r in d if r["reason"] == "deduction"][0]')"

case_ "the parent's partial payment of the child's invoice lowers the child's deduction"
a -q payment record --customer HQ --amount 10.00 --date 2026-02-10 --id R-HQ-1 >/dev/null
expect_exit 0 a payment apply R-HQ-1 --invoice INV-S --date 2026-02-10
run a --format json dispute show "$dsp"
expect_eq "20.00 open" "$(json 'd["amount"] + " " + d["status"]' <<<"$out")" "case amount lowered"
expect_contains "$(json 'd["history"][-1]["note"]' <<<"$out")" "R-HQ-1" "names the parent's payment"

case_ "the parent paying the rest closes it as paid"
a -q payment record --customer HQ --amount 20.00 --date 2026-02-20 --id R-HQ-2 >/dev/null
expect_exit 0 a payment apply R-HQ-2 --invoice INV-S --date 2026-02-20
run a --format json dispute show "$dsp"
expect_eq "resolved paid" "$(json 'd["status"] + " " + d["outcome"]' <<<"$out")" "case resolved"
run a --format json dispute list --customer SHOP
expect_eq "[]" "$out" "no open case left"
expect_exit 0 a check

case_ "the parent's receipt that paid a child's invoice short: reversing it cancels the child's deduction"
a -q invoice create --customer SHOP --id INV-S2 --date 2026-01-05 --line "Goods;1;1000.00" >/dev/null
a -q payment record --customer HQ --amount 970.00 --date 2026-03-01 --ref INV-S2 --id R-HQ-3 >/dev/null
a -q payment auto >/dev/null
run a --format json dispute list --customer SHOP
expect_eq '[["deduction", "INV-S2", "30.00"]]' \
  "$(json '[[r["reason"], r["invoice"], r["amount"]] for r in d]' <<<"$out")" "the child's deduction"
dsp2="$(json 'd[0]["id"]' <<<"$out")"
expect_exit 0 a payment reverse R-HQ-3 --reason "keyed twice"
run a --format json dispute show "$dsp2"
expect_eq "resolved cancelled" "$(json 'd["status"] + " " + d["outcome"]' <<<"$out")" "cancelled"
expect_exit 0 a check
