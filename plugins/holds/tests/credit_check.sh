#!/usr/bin/env bash
# End-to-end: credit lines and the order-release check: limit arithmetic to
# the cent, every output format, exit codes, open orders, batches.
source "$ARCTL_TEST_LIB"

start_ledger
F="$(dirname "$0")/fixtures"
a -q customer add ACME --name "Acme Corp" --terms net30 >/dev/null
a -q customer add BETA --name "Beta Ltd" >/dev/null

case_ "credit set journals credit.set with the actor and updates the customer"
expect_exit 0 a --actor alice credit set ACME --limit 10000.00 --terms net45 --review-date 2026-12-31
expect_contains "$out" "limit" "set reports changed fields"
run a --format json customer show ACME
expect_eq "10000.00" "$(json 'd["credit_limit"]' <<<"$out")" "kernel credit limit"
expect_eq "net45" "$(json 'd["terms"]' <<<"$out")" "kernel terms"
run a --format json log --type credit.set
expect_eq "alice" "$(json 'd[0]["actor"]' <<<"$out")" "credit.set actor"
expect_eq '["limit", "terms", "review_date"]' "$(json 'd[0]["payload"]["changed"]' <<<"$out")" "changed fields"
before="$(event_count "$L")"
expect_exit 0 a credit set ACME --limit 10000.00
expect_contains "$out" "unchanged" "same values"
expect_eq "$before" "$(event_count "$L")" "no event when nothing changed"
expect_exit 4 a credit set ACME --limit -5.00
expect_exit 4 a credit set ACME --limit 12.345
expect_exit 4 a credit set ACME --terms "net 30"
expect_exit 4 a credit set ACME --guarantee-expiry 2026-05-01
expect_contains "$err" "guarantee amount" "expiry alone is refused"
expect_exit 3 a credit set NOPE --limit 1.00
expect_exit 2 a credit set ACME
expect_eq "$before" "$(event_count "$L")" "refused sets write nothing"
expect_exit 0 a credit set ACME --terms net30 --review-date none --dry-run
expect_eq "$before" "$(event_count "$L")" "dry run writes nothing"

a -q invoice create --customer ACME --id INV-1 --date 2026-03-01 --line "Goods;1;9000.00" >/dev/null

case_ "limit 10,000.00 with 9,000.00 open: 999.99 is released, 1000.01 blocked by 0.01"
expect_exit 0 a credit check ACME --amount 999.99
expect_eq "release" "$out" "table answer"
expect_exit 0 a credit check ACME --amount 1000.00
expect_exit 10 a credit check ACME --amount 1000.01
expect_eq "blocked" "$(head -1 <<<"$out")" "table answer"
expect_contains "$out" "would exceed limit 10000.00 by 0.01" "names the excess"
expect_exit 0 a --format json credit check ACME --amount 999.99
expect_eq "release" "$(json 'd["decision"]' <<<"$out")" "json decision"
expect_eq "9000.00" "$(json 'd["exposure"]' <<<"$out")" "json exposure"
expect_eq "10000.00" "$(json 'd["limit"]' <<<"$out")" "json limit"
expect_eq "1000.00" "$(json 'd["available"]' <<<"$out")" "json available"
expect_eq "[]" "$(json 'd["reasons"]' <<<"$out")" "no reasons"
expect_exit 10 a --format json credit check ACME --amount 1000.01
expect_eq "blocked" "$(json 'd["decision"]' <<<"$out")" "json decision"
expect_eq "over_limit" "$(json 'd["reasons"][0]["code"]' <<<"$out")" "json reason code"
expect_eq "would exceed limit 10000.00 by 0.01" "$(json 'd["reasons"][0]["detail"]' <<<"$out")" "json reason"
for fmt in jsonl csv tsv; do
  expect_exit 10 a --format "$fmt" credit check ACME --amount 1000.01
  expect_contains "$out" "blocked" "$fmt decision"
  expect_contains "$out" "by 0.01" "$fmt excess"
  expect_exit 0 a --format "$fmt" credit check ACME --amount 999.99
  expect_contains "$out" "release" "$fmt decision"
done
run a --format csv credit check ACME --amount 999.99
expect_eq "release" "$(csv 'rows[1][rows[0].index("decision")]' <<<"$out")" "csv decision column"
expect_exit 4 a credit check ACME --amount 10.001
expect_exit 4 a credit check ACME --amount 0.00
expect_exit 3 a credit check NOPE --amount 1.00
expect_exit 2 a credit check ACME

case_ "credit check is read-only"
before="$(event_count "$L")"
a credit check ACME --amount 5000 >/dev/null || true
expect_eq "$before" "$(event_count "$L")" "no events from a check"

case_ "open orders count in the exposure; an order checked again is not counted twice"
expect_exit 0 a credit order ACME --order-id SO-9 --amount 600.00
run a --format json credit show ACME
expect_eq "600.00" "$(json 'd["open_orders"]' <<<"$out")" "open orders"
expect_eq "9600.00" "$(json 'd["exposure"]' <<<"$out")" "exposure with the order"
expect_eq "400.00" "$(json 'd["available"]' <<<"$out")" "available with the order"
expect_exit 10 a credit check ACME --amount 400.01
expect_exit 0 a credit check ACME --amount 1000.00 --order-id SO-9
expect_exit 0 a credit order ACME --order-id SO-9 --amount 600.00
expect_contains "$out" "unchanged" "same order again"
expect_exit 0 a credit order ACME --order-id SO-9 --remove
run a --format json log --type credit.order
expect_eq '["added", "removed"]' "$(json '[e["payload"]["action"] for e in reversed(d)]' <<<"$out")" "order events"
expect_exit 3 a credit order ACME --order-id SO-9 --remove
expect_exit 2 a credit order ACME --order-id SO-9

case_ "an invoice whose PO is an open order takes the order out of the exposure"
a -q credit order ACME --order-id PO-77 --amount 300.00
expect_exit 0 a invoice create --customer ACME --id INV-2 --date 2026-03-02 --po PO-77 --line "Goods;1;300.00"
run a --format json credit show ACME
expect_eq "0.00" "$(json 'd["open_orders"]' <<<"$out")" "order settled by the invoice"
expect_eq "9300.00" "$(json 'd["exposure"]' <<<"$out")" "invoice in the exposure instead"
run a --format json log --type credit.order -n 1
expect_eq "invoiced" "$(json 'd[0]["payload"]["action"]' <<<"$out")" "journaled as invoiced"
a -q invoice credit INV-2 --amount 300.00 --reason "test reset"

case_ "batch: one decision per row in every format, exit 10 if any is blocked"
a -q hold place BETA --reason "legal review"
expect_exit 10 a --format json credit check --batch "$F/orders.csv"
expect_eq '["release", "blocked", "blocked", "release", "release"]' "$(json '[r["decision"] for r in d]' <<<"$out")" "decisions"
expect_eq '[2, 3, 4, 5, 6]' "$(json '[r["line"] for r in d]' <<<"$out")" "lines"
expect_contains "$(json 'd[1]["reasons"]' <<<"$out")" "by 0.01" "row 3 excess"
expect_contains "$(json 'd[2]["reasons"]' <<<"$out")" "manual" "row 4 hold"
expect_exit 10 a --format json credit check --batch "$F/orders.csv" --cumulative
expect_eq '["release", "blocked", "blocked", "blocked", "blocked"]' "$(json '[r["decision"] for r in d]' <<<"$out")" "cumulative decisions"
expect_contains "$(json 'd[3]["reasons"]' <<<"$out")" "by 499.99" "cumulative excess"
expect_exit 10 a --format csv credit check --batch - <"$F/orders.csv"
expect_eq "6" "$(csv 'len(rows)' <<<"$out")" "csv header + 5 rows"
expect_exit 10 a --format jsonl credit check --batch "$F/orders.jsonl"
expect_eq "2" "$(wc -l <<<"$out" | tr -d ' ')" "jsonl rows"
printf 'customer,amount\nACME,1.00\n' >"$tmp/ok.csv"
expect_exit 0 a credit check --batch "$tmp/ok.csv"
printf 'customer,amount\nACME,1.00\nACME,abc\n' >"$tmp/bad.csv"
expect_exit 4 a credit check --batch "$tmp/bad.csv"
expect_contains "$err" "bad.csv:3" "bad row located"
printf 'customer,amont\nACME,1.00\n' >"$tmp/typo.csv"
expect_exit 4 a credit check --batch "$tmp/typo.csv"

case_ "credit show: every field a credit analyst asks for"
a -q credit set ACME --guarantee-amount 2000.00 --guarantee-expiry 2026-06-30
run a --format json credit show ACME
expect_eq "9000.00" "$(json 'd["receivable"]' <<<"$out")" "receivable"
expect_eq "9000.00" "$(json 'd["exposure"]' <<<"$out")" "exposure"
expect_eq "valid" "$(json 'd["guarantee_status"]' <<<"$out")" "guarantee status"
expect_eq "3000.00" "$(json 'd["available"]' <<<"$out")" "limit + guarantee - exposure"
expect_eq "0.00" "$(json 'd["unapplied"]' <<<"$out")" "unapplied"
expect_eq "0" "$(json 'd["oldest_past_due_days"]' <<<"$out")" "nothing past due"
expect_eq "false" "$(json 'd["on_hold"]' <<<"$out")" "not on hold"
expect_exit 0 a credit check ACME --amount 3000.00
expect_exit 10 a credit check ACME --amount 3000.01
expect_exit 0 a credit show ACME
expect_contains "$out" "exposure" "table view"
