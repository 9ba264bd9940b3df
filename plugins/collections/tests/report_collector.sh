#!/usr/bin/env bash
# End-to-end: collection targets and the managers' report per collector for
# one month, checked against the receipts applied in that month.
source "$ARCTL_TEST_LIB"

start_ledger A1 "Ann One" A2 "Ann Two" B1 "Bob One" U1 "Nobody's"
for c in A1 A2; do a -q customer edit $c --attr collector=ann >/dev/null; done
a -q customer edit B1 --attr collector=bob >/dev/null
inv() { a -q invoice create --customer "$1" --id "$2" --date "$3" --due "$4" --line "Goods;1;$5" >/dev/null; }
inv A1 INV-A1 2026-01-15 2026-02-14 1000.00
inv A2 INV-A2 2026-03-05 2026-04-04 2000.00
inv B1 INV-B1 2026-02-01 2026-03-03 500.00
inv U1 INV-U1 2026-02-10 2026-03-12 300.00
# Activities: ann's customers A1 (twice) and A2 in March; B1 in February.
a -q --as-of 2026-02-20 activity add B1 --type call --note "February call" >/dev/null
a -q --as-of 2026-03-05 activity add A1 --type call --note "first" >/dev/null
a -q --as-of 2026-03-06 activity add A1 --type email --note "second" >/dev/null
a -q --as-of 2026-03-06 activity add A2 --type call --note "first" >/dev/null
# Promises made in March: A1's (400.00 by 03-10, paid 600.00 on 03-10) is
# kept, A2's (100.00 on account by 03-08, nothing paid by then) is broken;
# both judged on 03-31.
a -q --as-of 2026-03-05 promise add A1 --amount 400.00 --date 2026-03-10 --invoice INV-A1 >/dev/null
a -q --as-of 2026-03-06 promise add A2 --amount 100.00 --date 2026-03-08 >/dev/null
# A dispute opened and resolved in March (ann), one on B1 opened (and paid) in February.
a -q --as-of 2026-02-10 dispute open --invoice INV-B1 --amount 10.00 --reason price >/dev/null
run a --as-of 2026-03-07 --format json dispute open --invoice INV-A2 --amount 100.00 --reason price
a -q --as-of 2026-03-18 dispute resolve "$(json 'd["id"]' <<<"$out")" --outcome customer-pays --note ok >/dev/null
pay() { # CUSTOMER RECEIPT AMOUNT DATE INVOICE
  a -q payment record --customer "$1" --id "$2" --amount "$3" --date "$4" >/dev/null
  a -q payment apply "$2" --invoice "$5" --date "$4" >/dev/null
}
# March cash: ann 600 (R1) + 2000 (R2) - 100 (R5, applied in February,
# reversed on 03-02) = 2500.00; bob's R3 was applied in February: 0.00;
# U1's R4 was applied and reversed in March: 0.00.
pay A1 R5 100.00 2026-02-27 INV-A1
a -q payment unapply R5 --invoice INV-A1 --date 2026-03-02 >/dev/null
pay A1 R1 600.00 2026-03-10 INV-A1
pay A2 R2 2000.00 2026-03-20 INV-A2
pay B1 R3 500.00 2026-02-25 INV-B1
pay U1 R4 300.00 2026-03-15 INV-U1
a -q payment unapply R4 --invoice INV-U1 --date 2026-03-16 >/dev/null
a -q promise check --as-of 2026-03-31 >/dev/null

case_ "targets are set per collector and month, idempotently"
expect_exit 0 a target set --collector ann --period 2026-03 --amount 5000.00
expect_exit 0 a target set --collector bob --period 2026-03 --amount 900.00
expect_exit 0 a --format json target set --collector bob --period 2026-03 --amount 900.00
expect_eq "unchanged" "$(json 'd["outcome"]' <<<"$out")" "the same target again"
expect_exit 0 a --format json target set --collector bob --period 2026-03 --amount 1000.00
expect_eq "bob 2026-03 1000.00 900.00 replaced" \
  "$(json '" ".join([d["collector"], d["period"], d["amount"], d["previous"], d["outcome"]])' <<<"$out")" "replaced"
expect_exit 4 a target set --collector bob --period 2026-13 --amount 1.00
expect_exit 4 a target set --collector bob --period 2026-03 --amount -1.00
run a --format json log --type target.set
expect_eq '[["ann", "2026-03", "5000.00", ""], ["bob", "2026-03", "900.00", ""], ["bob", "2026-03", "1000.00", "900.00"]]' \
  "$(json 'sorted([[e["payload"][k] for k in ("collector", "period", "amount", "previous")] for e in d], key=lambda r: (r[0], r[3]))' <<<"$out")" \
  "each change of a target is journaled once; the unchanged one is not"
run a --format json target list
expect_eq '[["ann", "2026-03", "5000.00"], ["bob", "2026-03", "1000.00"]]' \
  "$(json '[[r["collector"], r["period"], r["amount"]] for r in d]' <<<"$out")" "target list"

# Past due (debits whose due date is before the day), at the start (as of
# 02-28) and the end (as of 03-31) of March:
#   ann  start: INV-A1 1000 - R5 100 = 900.00   end: INV-A1 1000 - 600 = 400.00 (INV-A2 paid)
#   bob  start: 0 (INV-B1 paid 02-25)            end: 0
#   (unassigned) start: 0 (INV-U1 due 03-12)     end: INV-U1 300.00 (R4 reversed)
# DSO (as report dso): AR at 03-31 (open debits less open credits) * 31 / March's sales
#   ann: (400.00 - R5 100.00) * 31 / 2000.00 (INV-A2) = 9300/2000 = 4.65 -> 4.7
#   bob and (unassigned): no sales in March: empty.
case_ "report collector matches March's receipts per collector"
expect_exit 0 a --format json report collector --period 2026-03
cols='["collector","cash_collected","target","target_pct","accounts_contacted","promises_made","promises_kept","promises_broken","disputes_opened","disputes_resolved","past_due_start","past_due_end","dso"]'
expect_eq '[["ann", "2500.00", "5000.00", "50.00", "2", "2", "1", "1", "1", "1", "900.00", "400.00", "4.7"], ["bob", "0.00", "1000.00", "0.00", "0", "0", "0", "0", "0", "0", "0.00", "0.00", ""], ["(unassigned)", "0.00", "", "", "0", "0", "0", "0", "0", "0", "0.00", "300.00", ""]]' \
  "$(json "[[str(r[k]) for k in $cols] for r in d]" <<<"$out")" "per collector"
run a --format json log --type application.made
applied="$(json 'sum(int(e["payload"]["amount"].replace(".","")) for e in d if e["payload"]["date"].startswith("2026-03"))' <<<"$out")"
run a --format json log --type application.reversed
reversed="$(json 'sum(int(e["payload"]["amount"].replace(".","")) for e in d if e["payload"]["date"].startswith("2026-03"))' <<<"$out")"
run a --format json report collector --period 2026-03
expect_eq "$((applied - reversed))" "$(json 'sum(int(r["cash_collected"].replace(".","")) for r in d)' <<<"$out")" \
  "the report's cash is March's applications net of March's reversals"

case_ "--collector selects one row"
expect_exit 0 a --format json report collector --period 2026-03 --collector bob
expect_eq '["bob"]' "$(json '[r["collector"] for r in d]' <<<"$out")" "bob only"
expect_exit 2 a report collector
expect_exit 4 a report collector --period 2026-3

case_ "the ledger checks clean"
expect_exit 0 a check
