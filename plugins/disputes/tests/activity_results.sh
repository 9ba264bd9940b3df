#!/usr/bin/env bash
# End-to-end: result codes on collection activities. A coded result checks
# what it needs (a promise, a dispute, a follow-up date) and creates it in
# the same transaction as the activity, or changes nothing at all.
source "$ARCTL_TEST_LIB"

start_ledger ACME "Acme Corp" BETA "Beta Ltd"
a -q invoice create --customer ACME --id INV-1 --date 2026-02-01 --line "Goods;1;800.00" >/dev/null
a -q invoice create --customer BETA --id INV-B --date 2026-02-01 --line "Goods;1;50.00" >/dev/null
before="$(event_count "$L")"

case_ "an unknown result code is refused, naming the valid ones"
expect_exit 4 a activity add ACME --type call --result maybe --note x
expect_contains "$err" "no-answer, left-message, wrong-contact, promised, disputed, paid-claimed, refused, escalated"
expect_exit 3 a activity add NOBODY --type call --result maybe --note x

case_ "promised without a valid promise changes nothing (exit 4)"
expect_exit 4 a activity add ACME --type call --result promised --note "will pay"
expect_exit 4 a activity add ACME --type call --result promised --promise-amount 300.00 --note x
# More than is open on the invoice: the promise is refused, so is the activity.
expect_exit 4 a activity add ACME --type call --result promised --promise-amount 900.00 \
  --promise-date 2026-04-10 --invoice INV-1 --note x
expect_exit 2 a activity add ACME --type call --result no-answer --promise-amount 5.00 --note x
expect_eq "$before" "$(event_count "$L")" "journal unchanged"
run a --format json activity list
expect_eq "0" "$(json 'len(d)' <<<"$out")" "no activity"
run a --format json promise list
expect_eq "0" "$(json 'len(d)' <<<"$out")" "no promise"

case_ "promised with a promise creates both, in one transaction"
expect_exit 0 a --format json activity add ACME --type call --result promised --contact "Jane Roe" \
  --promise-amount 300.00 --promise-date 2026-04-10 --invoice INV-1 --note "pays half"
expect_eq "promised Jane Roe PTP-2026-00001" \
  "$(json '" ".join([d["result"], d["contact"], d["promise"]])' <<<"$out")" "activity"
run a --format json promise list --customer ACME
expect_eq "PTP-2026-00001 300.00 2026-04-10 INV-1 open" \
  "$(json '" ".join(d[0][k] for k in ["id","amount","date","invoice","status"])' <<<"$out")" "promise"
run a --format json log
# The log lists the newest event first.
expect_eq '[["activity.added", "promise.added"], "promised", "PTP-2026-00001"]' \
  "$(json '[sorted(e["type"] for e in d if e["txn"] == d[0]["txn"]), d[0]["payload"]["result"], d[0]["payload"]["promise"]]' <<<"$out")" \
  "one transaction, both events"

case_ "disputed needs an invoice of the customer, an amount and a reason, and opens a dispute"
before="$(event_count "$L")"
expect_exit 4 a activity add ACME --type call --result disputed --invoice INV-1 --note x
expect_exit 4 a activity add ACME --type call --result disputed --invoice INV-B --amount 10.00 \
  --reason price --note x
expect_exit 4 a activity add ACME --type call --result disputed --invoice INV-1 --amount 10.00 \
  --reason nonsense --note x
expect_eq "$before" "$(event_count "$L")" "journal unchanged"
expect_exit 0 a --format json activity add ACME --type email --result disputed --invoice INV-1 \
  --amount 100.00 --reason price --note "price disagreement"
case_id="$(json 'd["dispute"]' <<<"$out")"
run a --format json dispute list --customer ACME
expect_eq "$case_id INV-1 100.00 price" \
  "$(json '" ".join(d[0][k] for k in ["id","invoice","amount","reason"])' <<<"$out")" "dispute opened"

case_ "paid-claimed needs a follow-up date; the next action has a type (default call)"
expect_exit 4 a activity add BETA --type call --result paid-claimed --note "says paid"
expect_exit 2 a activity add BETA --type call --next-action-type review --note x
expect_exit 2 a activity add BETA --type call --next-action 2026-04-03 --next-action-type fax --note x
expect_exit 0 a --format json activity add BETA --type call --result paid-claimed \
  --next-action 2026-04-03 --next-action-type review --note "says paid on 03-28"
expect_eq "paid-claimed 2026-04-03 review" \
  "$(json '" ".join([d["result"], d["next_action"], d["next_action_type"]])' <<<"$out")" "follow-up"
expect_exit 0 a --format json activity add ACME --type call --result left-message --next-action 2026-04-01
expect_eq "left-message 2026-04-01 call" \
  "$(json '" ".join([d["result"], d["next_action"], d["next_action_type"]])' <<<"$out")" \
  "a result without a note; the default type"

case_ "activity list shows result, contact, next action and type; --due stays"
run a --format json activity list --customer ACME
expect_eq '[["promised", "Jane Roe", "", ""], ["disputed", "", "", ""], ["left-message", "", "2026-04-01", "call"]]' \
  "$(json '[[r["result"], r["contact"], r["next_action"], r["next_action_type"]] for r in d]' <<<"$out")" "list"
run a --as-of 2026-04-01 --format json activity list --due
expect_eq '[["ACME", "left-message"]]' "$(json '[[r["customer"], r["result"]] for r in d]' <<<"$out")" "due 04-01"
run a --as-of 2026-04-03 --format json activity list --due
expect_eq '[["ACME", "left-message"], ["BETA", "paid-claimed"]]' \
  "$(json '[[r["customer"], r["result"]] for r in d]' <<<"$out")" "due 04-03"

case_ "the list of result codes is configurable"
expect_exit 4 a config set activity.results "no-answer,Bad Code"
expect_exit 0 a config set activity.results "no-answer,promised,callback"
expect_exit 0 a activity add BETA --type call --result callback --note "call back at 3"
expect_exit 4 a activity add BETA --type call --result refused --note x
expect_contains "$err" "no-answer, promised, callback"

case_ "the ledger checks clean"
expect_exit 0 a check
