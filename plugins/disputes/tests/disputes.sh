#!/usr/bin/env bash
# End-to-end: dispute cases through the real arctl binary: opening, the
# collectible balance, notes and owners, the resolutions (credit, rebill,
# customer-pays) and what the ledger and `arctl check` say afterwards.
# Expected figures are worked out in fixtures/expected.md.
source "$ARCTL_TEST_LIB"

start_ledger
a -q customer add ACME --name "Acme Corp" --terms net30 >/dev/null
a -q customer add BETA --name "Beta Ltd" --terms net30 >/dev/null
a -q --as-of 2026-01-01 invoice create --customer ACME --id INV-100 --date 2026-01-01 \
  --line "Goods;1;100.00" >/dev/null

case_ "a dispute for 40.00 of a 100.00 invoice leaves 60.00 collectible"
expect_exit 0 a --as-of 2026-01-02 --format json dispute open --invoice INV-100 --amount 40.00 \
  --reason price --note "quoted 60.00" --owner ann
dsp="$(json 'd["id"]' <<<"$out")"
expect_eq "DSP-2026-00001" "$dsp" "first case id of the default series"
expect_eq "40.00" "$(json 'd["amount"]' <<<"$out")" "disputed amount"
expect_eq "analyst" "$(json 'd["level"]' <<<"$out")" "first level"
expect_eq "ann" "$(json 'd["owner"]' <<<"$out")" "owner"
run a --format json dispute show "$dsp"
expect_eq "100.00" "$(json 'd["invoice_open"]' <<<"$out")" "invoice still open in full"
expect_eq "40.00" "$(json 'd["invoice_disputed"]' <<<"$out")" "invoice disputed"
expect_eq "60.00" "$(json 'd["invoice_collectible"]' <<<"$out")" "collectible"
run a --format json dispute collectible --customer ACME
expect_eq '[["INV-100", "100.00", "40.00", "60.00"]]' \
  "$(json '[[r["id"], r["open"], r["disputed"], r["collectible"]] for r in d]' <<<"$out")" \
  "collectible rows through the dispute service"
# The aging (statements plugin) shows the disputed amount in its own column.
if [[ "$(a --format json plugin list | json '"statements" in [p["name"] for p in d if p["status"] == "loaded"]')" == "true" ]]; then
  run a --format json aging --customer ACME
  expect_eq "100.00 40.00" "$(json 'd[0]["total"] + " " + d[0]["disputed"]' <<<"$out")" \
    "aging: total and disputed column"
fi
expect_exit 0 a --format json dispute list
expect_eq "[\"$dsp\"]" "$(json '[r["id"] for r in d]' <<<"$out")" "list shows the open case"

case_ "disputes never cover more than the open balance"
before="$(event_count "$L")"
expect_exit 4 a dispute open --invoice INV-100 --amount 60.01 --reason quantity
expect_contains "$err" "60.00" "refusal names what is left"
expect_exit 2 a dispute open --invoice INV-100 --amount 1.00 --reason moody
expect_exit 3 a dispute open --invoice NOPE --reason price
expect_exit 4 a dispute open --invoice INV-100 --amount 0 --reason price
expect_exit 4 a dispute open --invoice INV-100 --amount 1.001 --reason price
expect_eq "$before" "$(event_count "$L")" "refusals write nothing"
expect_exit 0 a --format json dispute open --invoice INV-100 --reason quantity --dry-run
expect_eq "60.00" "$(json 'd["amount"]' <<<"$out")" "default amount is what is not disputed yet"
expect_eq "$before" "$(event_count "$L")" "dry-run writes nothing"

case_ "notes and owners are journaled and show in the history"
expect_exit 0 a --as-of 2026-01-03 dispute note "$dsp" "customer sent the quote"
expect_exit 0 a --as-of 2026-01-03 --actor lead dispute assign "$dsp" --owner bob
run a --format json dispute show "$dsp"
expect_eq '["opened", "noted", "assigned"]' "$(json '[h["action"] for h in d["history"]]' <<<"$out")" \
  "history actions"
expect_eq "customer sent the quote" "$(json 'd["history"][1]["note"]' <<<"$out")" "note text"
expect_eq "lead" "$(json 'd["history"][2]["actor"]' <<<"$out")" "actor of the assignment"
expect_eq "ann bob" "$(json 'd["history"][2]["from"] + " " + d["history"][2]["to"]' <<<"$out")" \
  "assignment from/to"
run a --format json log --type dispute.assigned
expect_eq "bob" "$(json 'd[0]["payload"]["owner"]' <<<"$out")" "dispute.assigned journaled"
run a --format json dispute list --owner bob
expect_eq "1" "$(json 'len(d)' <<<"$out")" "list --owner"
run a --format json dispute list --owner ann
expect_eq "0" "$(json 'len(d)' <<<"$out")" "list --owner ann after reassignment"

case_ "resolving with credit issues a 40.00 credit note; balance and check agree"
expect_exit 0 a --as-of 2026-01-10 --format json dispute resolve "$dsp" --outcome credit \
  --note "price agreed at 60.00"
cn="$(json 'd["credit_note"]' <<<"$out")"
expect_eq "CN-2026-000001" "$cn" "credit note from credit_note.series"
expect_eq "resolved" "$(json 'd["status"]' <<<"$out")" "status"
run a --format json invoice show "$cn"
expect_eq "40.00" "$(json 'd["total"]' <<<"$out")" "credit note total"
expect_eq "credit_note" "$(json 'd["kind"]' <<<"$out")" "credit note kind"
run a --format json invoice show INV-100
expect_eq "60.00" "$(json 'd["open"]' <<<"$out")" "invoice open after the credit"
expect_eq "$cn" "$(json 'd["applications"][0]["document"]' <<<"$out")" "credit applied to invoice"
run a --format json customer show ACME
expect_eq "60.00" "$(json 'd["balance"]' <<<"$out")" "customer balance"
run a --format json dispute collectible --customer ACME
expect_eq '["60.00", "0.00", "60.00"]' \
  "$(json '[d[0]["open"], d[0]["disputed"], d[0]["collectible"]]' <<<"$out")" \
  "nothing disputed after resolution"
expect_exit 0 a --format json check
expect_eq "true" "$(json 'd["ok"]' <<<"$out")" "arctl check"
run a --format json log --type credit_note.posted
expect_eq "$dsp" "$(json 'd[0]["payload"]["dispute"]' <<<"$out")" "credit_note.posted names the case"
run a --format json log --type dispute.resolved
expect_eq "credit 40.00" "$(json 'd[0]["payload"]["outcome"] + " " + d[0]["payload"]["amount"]' <<<"$out")" \
  "dispute.resolved"
expect_exit 4 a dispute resolve "$dsp" --outcome credit --note again
expect_exit 4 a dispute assign "$dsp" --owner carol
run a --format json dispute list
expect_eq "0" "$(json 'len(d)' <<<"$out")" "resolved cases leave the default list"
run a --format json dispute list --status resolved
expect_eq "[\"$dsp\"]" "$(json '[r["id"] for r in d]' <<<"$out")" "list --status resolved"

case_ "customer-pays returns the amount to collectible without a document"
a -q --as-of 2026-01-05 invoice create --customer BETA --id INV-200 --date 2026-01-05 \
  --line "Freight;1;250.00" >/dev/null
run a --as-of 2026-01-06 --format json dispute open --invoice INV-200 --amount 50.00 --reason freight
d2="$(json 'd["id"]' <<<"$out")"
run a --format json dispute collectible --customer BETA
expect_eq "200.00" "$(json 'd[0]["collectible"]' <<<"$out")" "collectible while disputed"
docs_before="$(a --format json check | json 'd["documents"]')"
expect_exit 2 a dispute resolve "$d2" --outcome customer-pays --amount 10.00 --note x
expect_exit 0 a --as-of 2026-01-08 dispute resolve "$d2" --outcome customer-pays \
  --note "freight was on the PO"
run a --format json dispute collectible --customer BETA
expect_eq "250.00" "$(json 'd[0]["collectible"]' <<<"$out")" "collectible after customer-pays"
expect_eq "$docs_before" "$(a --format json check | json 'd["documents"]')" "no document posted"

case_ "rebill: the original is credited in full, a replacement bills the rest"
a -q --as-of 2026-01-05 invoice create --customer BETA --id INV-300 --date 2026-01-05 \
  --line "Widgets;10;30.00" >/dev/null
run a --as-of 2026-01-06 --format json dispute open --invoice INV-300 --amount 30.00 \
  --reason quantity --note "9 delivered"
d3="$(json 'd["id"]' <<<"$out")"
expect_exit 0 a --as-of 2026-01-09 --format json dispute resolve "$d3" --outcome rebill \
  --note "bill 9 widgets"
rcn="$(json 'd["credit_note"]' <<<"$out")"
rep="$(json 'd["replacement"]' <<<"$out")"
run a --format json invoice show "$rcn"
expect_eq "300.00" "$(json 'd["total"]' <<<"$out")" "rebill credit covers the open balance"
run a --format json invoice show INV-300
expect_eq "0.00" "$(json 'd["open"]' <<<"$out")" "original closed"
expect_eq "$rep" "$(json 'd["links"]["rebilled_by"]' <<<"$out")" "original links to replacement"
run a --format json invoice show "$rep"
expect_eq "270.00" "$(json 'd["open"]' <<<"$out")" "replacement bills 300.00 - 30.00"
expect_eq "2026-02-04" "$(json 'd["due"]' <<<"$out")" "replacement keeps the original's due date"
expect_eq "INV-300" "$(json 'd["links"]["rebill_of"]' <<<"$out")" "replacement links back"
run a --format json customer show BETA
expect_eq "520.00" "$(json 'd["balance"]' <<<"$out")" "BETA owes 250.00 + 270.00"
expect_exit 0 a check

case_ "every format renders the list"
run a --format csv dispute list --status all
expect_eq "id" "$(csv 'rows[0][0]' <<<"$out")" "csv header"
expect_eq "4" "$(csv 'len(rows)' <<<"$out")" "csv rows: header + 3 cases"
run a --format jsonl dispute list --status all
expect_eq "3" "$(wc -l <<<"$out" | tr -d ' ')" "jsonl lines"
expect_exit 0 a --format tsv dispute list --status all
expect_exit 0 a --format table dispute show "$d3"
expect_contains "$out" "rebill" "table show names the outcome"
expect_exit 3 a dispute show DSP-NOPE
