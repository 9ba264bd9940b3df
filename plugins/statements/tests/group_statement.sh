#!/usr/bin/env bash
# End-to-end: a parent's statement covers its group (its own and its
# descendants' documents, each line naming its customer; the closing balance
# is the group's), --no-group only its own; aging --by group rolls each
# customer into its top-most parent with the same totals as --by customer.
source "$ARCTL_TEST_LIB"

start_ledger P "Parent Co" C1 "Child One" C2 "Child Two" G "Grandchild" X "Other"
a -q customer edit C1 --parent P >/dev/null
a -q customer edit C2 --parent P >/dev/null
a -q customer edit G --parent C1 >/dev/null
inv() { a -q invoice create --customer "$1" --id "$2" --date "$3" --line "Item;1;$4" >/dev/null; }
inv P P-1 2026-03-02 100.00
inv C1 C1-1 2026-02-01 200.00
inv C2 C2-1 2026-03-05 300.00
inv G G-1 2026-03-06 50.00
inv X X-1 2026-03-07 70.00
a -q payment record --customer P --amount 260.00 --date 2026-03-10 --id RP-1 >/dev/null
a -q payment apply RP-1 --invoice C1-1 >/dev/null
a -q payment apply RP-1 --invoice G-1 --amount 20.00 >/dev/null
a -q payment record --customer C2 --amount 25.00 --date 2026-03-12 --id RC-1 >/dev/null
balance() { a --format json customer show "$1" | json 'd["balance"]'; }
sum() { python3 -c 'import sys; print("%.2f" % sum(float(x) for x in sys.argv[1:]))' "$@"; }

case_ "the parent's statement covers the group and closes on the group's balance"
group="$(sum "$(balance P)" "$(balance C1)" "$(balance C2)" "$(balance G)")"
expect_eq "365.00" "$group" "the group owes P-1 100 + C2-1 300 + G-1 30 - RP-1 40 - RC-1 25"
expect_exit 0 a statement P --format json --from 2026-01-01
expect_eq "$group" "$(json 'd["closing_balance"]' <<<"$out")" "closing = the group's balance"
expect_eq '["C1", "C2", "G", "P"]' "$(json 'sorted({l["customer"] for l in d["lines"]})' <<<"$out")" \
  "each line names its customer"
expect_eq '["C1-1", "C2-1", "G-1", "P-1", "RC-1", "RP-1"]' \
  "$(json 'sorted({l["document"] for l in d["lines"]})' <<<"$out")" "documents of the group only"
expect_exit 0 a statement P --format csv --from 2026-01-01
expect_contains "$out" "customer" "csv has the customer column"
expect_exit 0 a statement P --format text --from 2026-01-01
expect_contains "$out" "C2" "text names the child"
expect_exit 0 a statement P --format html --from 2026-01-01
expect_contains "$out" "<td>C2</td>" "html names the child"
expect_exit 0 a statement X --format html --from 2026-01-01
expect_not_contains "$out" "<th>Customer</th>" "a single customer's keeps its layout"

case_ "--no-group: the parent's own items; a child's statement covers its own descendants"
expect_exit 0 a statement P --format json --from 2026-01-01 --no-group
expect_eq "$(balance P)" "$(json 'd["closing_balance"]' <<<"$out")" "closing = P's balance"
expect_exit 0 a statement C1 --format json --from 2026-01-01
expect_eq "$(sum "$(balance C1)" "$(balance G)")" "$(json 'd["closing_balance"]' <<<"$out")" "C1 + G"
expect_exit 0 a statement C1 --format json --from 2026-01-01 --no-group
expect_contains "$(json '[l["detail"] for l in d["lines"]]' <<<"$out")" "RP-1" \
  "the child's own statement shows the parent's payment on its invoice"

case_ "aging --by group: one row per top-most parent, same totals as --by customer"
expect_exit 0 a --format json aging --by group
expect_eq '["P", "X"]' "$(json '[r["customer"] for r in d if r["row"]=="group"]' <<<"$out")" "groups"
expect_eq "$group" "$(json '[r["total"] for r in d if r["customer"]=="P"][0]' <<<"$out")" "P's group total"
expect_eq "Parent Co" "$(json '[r["name"] for r in d if r["customer"]=="P"][0]' <<<"$out")" "group name"
by_group="$(json '[r for r in d if r["row"]=="total"]' <<<"$out")"
expect_eq "$by_group" "$(a --format json aging | json '[r for r in d if r["row"]=="total"]')" \
  "totals equal aging --by customer"
