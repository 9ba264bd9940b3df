#!/usr/bin/env bash
# End-to-end: collection stages: the change needs --reason (also back to
# normal) and an agency for the agency stage, the same stage again changes
# nothing; an escalated customer is on credit hold (collection_stage) until
# back to normal, gets no routine notice but its stage's own letter once, is
# listed in `report stages` with the amount placed and recovered, and
# `customer show` has its stage history.
source "$ARCTL_TEST_LIB"

start_ledger
for c in LEG AGY NRM; do
  a -q customer add $c --name "Customer $c" --terms net30 >/dev/null
  # Due 2026-01-31: 59 days past due on 2026-03-31.
  a -q invoice create --customer $c --id I-$c --date 2026-01-01 --line "Goods;1;300.00" >/dev/null
done

case_ "the change needs a reason, a known stage and, for an agency, its name"
before="$(event_count "$L")"
expect_exit 2 a collection stage LEG legal
expect_contains "$err" "--reason" "names the option"
expect_exit 2 a collection stage LEG court --reason x
expect_exit 2 a collection stage AGY agency --reason "no answer"
expect_contains "$err" "--agency" "names the option"
expect_exit 3 a collection stage NOPE legal --reason x
expect_eq "$before" "$(event_count "$L")" "nothing journaled"

case_ "legal: on hold, journaled once, the same stage again is a no-op"
expect_exit 0 a collection stage LEG legal --reason "lawyer instructed"
expect_exit 0 a --format json hold list --customer LEG
expect_eq '["collection_stage"]' "$(json '[r["reason"] for r in d]' <<<"$out")" "held"
before="$(event_count "$L")"
expect_exit 0 a --format json collection stage LEG legal --reason "again"
expect_eq "false" "$(json 'd["changed"]' <<<"$out")" "unchanged"
expect_eq "$before" "$(event_count "$L")" "nothing journaled"
expect_exit 0 a collection stage AGY agency --agency "Acme Recovery" --reason "90 days silent"

case_ "notice run: no routine notice, the stage's letter once"
expect_exit 0 a --format json notice run --out "$tmp/n1"
expect_eq '[["AGY", "agency"], ["LEG", "legal"], ["NRM", "final"]]' \
  "$(json '[[r["customer"],r["name"]] for r in d]' <<<"$out")" "stage letters and the routine one"
expect_contains "$(cat "$tmp/n1/"*LEG*)" "LEGAL" "legal letter template"
expect_contains "$(cat "$tmp/n1/"*AGY*)" "Acme Recovery" "agency named"
expect_exit 0 a --format json notice run --as-of 2026-04-30 --out "$tmp/n2"
expect_eq '[]' "$(json '[r["customer"] for r in d if r["customer"] != "NRM"]' <<<"$out")" "no second letter, no routine one"

case_ "report stages: amount placed and recovered, per agency"
a -q payment record --customer AGY --id P1 --amount 120.00 --date 2026-04-10 >/dev/null
a -q payment apply P1 --invoice I-AGY --date 2026-04-10 >/dev/null
expect_exit 0 a --format json report stages --as-of 2026-04-30
expect_eq '[["LEG", "legal", "", "300.00", "0.00"], ["", "legal", "", "300.00", "0.00"], ["AGY", "agency", "Acme Recovery", "300.00", "120.00"], ["", "agency", "Acme Recovery", "300.00", "120.00"]]' \
  "$(json '[[r["customer"],r["stage"],r["agency"],r["placed"],r["recovered"]] for r in d]' <<<"$out")" "rows and totals"
expect_exit 0 a --format json report stages --as-of 2026-04-30 --agency "Acme Recovery"
expect_eq '["AGY", ""]' "$(json '[r["customer"] for r in d]' <<<"$out")" "one agency"
expect_exit 0 a --format json report stages --as-of 2026-03-30
expect_eq '[]' "$out" "nothing staged yet on 2026-03-30"

case_ "back to normal needs a reason; then the hold is released"
expect_exit 2 a collection stage LEG normal
expect_contains "$err" "--reason" "names the option"
expect_exit 0 a collection stage LEG normal --reason "settled out of court"
expect_exit 0 a --format json hold list --customer LEG
expect_eq '[]' "$out" "released"
expect_exit 0 a --format json hold history LEG
expect_eq '[["placed", "collection_stage"], ["released", "collection_stage"]]' \
  "$(json '[[r["action"],r["reason"]] for r in d]' <<<"$out")" "hold history"

case_ "customer show: the stage and its history"
expect_exit 0 a --format json customer show LEG
expect_eq "normal" "$(json 'd["collection"]["stage"]' <<<"$out")" "stage"
expect_eq '[["normal", "legal", "lawyer instructed", "e2e"], ["legal", "normal", "settled out of court", "e2e"]]' \
  "$(json '[[h["from"],h["to"],h["reason"],h["actor"]] for h in d["collection"]["history"]]' <<<"$out")" "history"
expect_eq "3" "$(a --format json log --type collection.stage_changed | json 'len(d)')" "journaled: LEG twice, AGY once"
