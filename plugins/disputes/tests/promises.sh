#!/usr/bin/env bash
# End-to-end: promises to pay, checked against receipts (payments plugin):
# kept when enough was paid by the date, broken after it; a broken promise
# is published and escalates or opens a case as configured; the activity log.
source "$ARCTL_TEST_LIB"

start_ledger ACME "Acme Corp" BETA "Beta Ltd" GAMMA "Gamma plc"
for c in ACME BETA GAMMA; do
  a -q invoice create --customer $c --id "INV-$c" --date 2026-01-05 --line "Goods;1;800.00" >/dev/null
done

case_ "promise add validates and prints the promise"
expect_exit 4 a --as-of 2026-02-01 promise add ACME --amount 500.00 --date 2026-01-31
expect_exit 4 a --as-of 2026-02-01 promise add ACME --amount 900.00 --date 2026-02-10 --invoice INV-ACME
expect_exit 4 a --as-of 2026-02-01 promise add ACME --amount 5.00 --date 2026-02-10 --invoice INV-BETA
expect_exit 3 a --as-of 2026-02-01 promise add NOBODY --amount 5.00 --date 2026-02-10
expect_exit 0 a --as-of 2026-02-01 --format json promise add ACME --amount 500.00 --date 2026-02-10 \
  --invoice INV-ACME --note "AP clerk on the phone"
p1="$(json 'd["id"]' <<<"$out")"
expect_eq "PTP-2026-00001 open 500.00 2026-02-10" \
  "$(json '" ".join([d["id"], d["status"], d["amount"], d["date"]])' <<<"$out")" "promise fields"
expect_exit 0 a --as-of 2026-02-01 --format json promise add BETA --amount 500.00 --date 2026-02-10 \
  --invoice INV-BETA
p2="$(json 'd["id"]' <<<"$out")"
expect_exit 0 a --as-of 2026-02-01 --format json promise add GAMMA --amount 500.00 --date 2026-02-10
p3="$(json 'd["id"]' <<<"$out")"

case_ "300.00 paid of 500.00: open on 02-10, broken on 02-11; 500.00 paid: kept"
a -q payment record --customer ACME --amount 300.00 --date 2026-02-05 --id R-ACME >/dev/null
a -q payment apply R-ACME --invoice INV-ACME --date 2026-02-05 >/dev/null
a -q payment record --customer BETA --amount 200.00 --date 2026-02-04 --id R-BETA1 >/dev/null
a -q payment apply R-BETA1 --invoice INV-BETA --date 2026-02-04 >/dev/null
a -q payment record --customer BETA --amount 300.00 --date 2026-02-10 --id R-BETA2 >/dev/null
a -q payment apply R-BETA2 --invoice INV-BETA --date 2026-02-10 >/dev/null
# Paid on account before the promise was made: does not count towards it.
a -q payment record --customer GAMMA --amount 100.00 --date 2026-01-20 --id R-GAMMA0 >/dev/null
a -q payment record --customer GAMMA --amount 450.00 --date 2026-02-09 --id R-GAMMA1 >/dev/null
expect_exit 0 a --format json promise check --as-of 2026-02-10
expect_eq "[[\"$p1\", \"open\", \"300.00\"], [\"$p2\", \"kept\", \"500.00\"], [\"$p3\", \"open\", \"450.00\"]]" \
  "$(json '[[r["id"], r["status"], r["paid"]] for r in d]' <<<"$out")" "as of 02-10"
before="$(event_count "$L")"
expect_exit 0 a --format json promise check --as-of 2026-02-11 --dry-run
expect_eq "$before" "$(event_count "$L")" "dry-run writes nothing"
expect_exit 0 a --format json promise check --as-of 2026-02-11
expect_eq "[[\"$p1\", \"broken\", \"300.00\"], [\"$p3\", \"broken\", \"450.00\"]]" \
  "$(json '[[r["id"], r["status"], r["paid"]] for r in d]' <<<"$out")" "as of 02-11"
run a --format json log --type promise.broken
expect_eq "[[\"$p1\", \"ACME\", \"INV-ACME\", \"500.00\", \"2026-02-10\"], [\"$p3\", \"GAMMA\", \"\", \"500.00\", \"2026-02-10\"]]" \
  "$(json 'sorted([e["payload"][k] for k in ["id","customer","invoice","amount","date"]] for e in d)' <<<"$out")" \
  "promise.broken payloads"
run a --format json log --type promise.kept
expect_eq "[\"$p2\"]" "$(json '[e["payload"]["id"] for e in d]' <<<"$out")" "promise.kept"
run a --format json promise list --status broken
expect_eq "2" "$(json 'len(d)' <<<"$out")" "list --status broken"
run a --format json promise list --customer BETA
expect_eq "kept" "$(json 'd[0]["status"]' <<<"$out")" "list --customer"

case_ "a broken promise opens a collection case that stays collectible"
run a --format json dispute list --customer ACME
expect_eq "collection broken-promise 200.00 promise.broken" \
  "$(json '" ".join([d[0]["kind"], d[0]["reason"], d[0]["amount"], d[0]["source"]])' <<<"$out")" \
  "case for the unpaid 200.00"
run a --format json dispute collectible --customer ACME
expect_eq "500.00 0.00" "$(json 'd[0]["collectible"] + " " + d[0]["disputed"]' <<<"$out")" \
  "collection case is not a dispute"

case_ "with an open case, a broken promise escalates it"
a -q invoice create --customer BETA --id INV-B2 --date 2026-02-01 --line "More;1;100.00" >/dev/null
run a --as-of 2026-02-12 --format json dispute open --invoice INV-B2 --amount 100.00 --reason tax
db="$(json 'd["id"]' <<<"$out")"
a -q --as-of 2026-02-12 promise add BETA --amount 50.00 --date 2026-02-20 --invoice INV-B2 >/dev/null
expect_exit 0 a --format json promise check --as-of 2026-02-21
expect_eq "escalated $db" "$(json 'd[0]["action"]' <<<"$out")" "action"
run a --format json dispute show "$db"
expect_eq "team-lead" "$(json 'd["level"]' <<<"$out")" "escalated one level"
a -q config set disputes.on_broken_promise none >/dev/null
a -q --as-of 2026-02-21 promise add BETA --amount 10.00 --date 2026-02-22 --invoice INV-B2 >/dev/null
expect_exit 0 a --format json promise check --as-of 2026-02-23
expect_eq "broken " "$(json 'd[0]["status"] + " " + d[0]["action"]' <<<"$out")" "none: only published"

case_ "activity log: add, list, --due keeps each customer's latest next action"
expect_exit 2 a activity add ACME --type fax --note x
expect_exit 3 a activity add NOBODY --type call --note x
expect_exit 0 a --as-of 2026-03-01 --format json activity add ACME --type call \
  --note "promised 500 by Friday" --next-action 2026-03-06
expect_eq "call 2026-03-06" "$(json 'd["type"] + " " + d["next_action"]' <<<"$out")" "activity fields"
a -q --as-of 2026-03-02 activity add BETA --type email --note "statement sent" --next-action 2026-03-04 >/dev/null
a -q --as-of 2026-03-05 activity add BETA --type letter --note "final notice" --next-action 2026-03-20 >/dev/null
expect_exit 4 a --as-of 2026-03-05 activity add BETA --type call --note x --next-action 2026-03-01
run a --format json activity list
expect_eq "3" "$(json 'len(d)' <<<"$out")" "all activities"
run a --format json activity list --customer BETA
expect_eq '["email", "letter"]' "$(json '[r["type"] for r in d]' <<<"$out")" "one customer's, in order"
run a --format json activity list --due --as-of 2026-03-06
expect_eq '[["ACME", "2026-03-06"]]' "$(json '[[r["customer"], r["next_action"]] for r in d]' <<<"$out")" \
  "due on 03-06: ACME only (BETA's latest is 03-20)"
run a --format csv activity list --due --as-of 2026-03-20
expect_eq "3" "$(csv 'len(rows)' <<<"$out")" "csv: header + ACME + BETA"
expect_exit 0 a check
