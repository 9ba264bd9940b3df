#!/usr/bin/env bash
# End-to-end: hold rules, hold evaluate, manual holds, the guarantee and
# review rules, hold history and list, strict configuration, invoicing veto.
source "$ARCTL_TEST_LIB"

start_ledger ACME "Acme Corp" BETA "Beta Ltd" GAMMA "Gamma GmbH"

case_ "config holds.*: bad values and misspelt keys are refused by name"
expect_exit 4 a config set holds.rule.past_due maybe
expect_contains "$err" "holds.rule.past_due" "names the key"
expect_exit 4 a config set holds.past_due_days 60d
expect_exit 2 a config set holds.rule.pastdue on
expect_contains "$err" "unknown config key" "typo caught"
expect_exit 0 a config set holds.rule.past_due on
expect_exit 0 a config set holds.past_due_days 60
run a --format json hold rules
expect_eq "on" "$(json '[r["value"] for r in d if r["key"]=="holds.rule.past_due"][0]' <<<"$out")" "rule in force"
expect_eq "90" "$(json '[r["value"] for r in d if r["key"]=="holds.returned_payment_days"][0]' <<<"$out")" "default shown"

# Due 2026-01-29: on 2026-03-31 it is 61 days past due; on 2026-03-30, 60,
# the business date it is posted on (so posting it places no hold).
a -q --as-of 2026-03-30 invoice create --customer ACME --id INV-OLD --date 2025-12-30 --due 2026-01-29 --line "Goods;1;500.00" >/dev/null

case_ "60 days past due is not more than 60: no hold"
expect_exit 0 a --format json --as-of 2026-03-30 hold evaluate
expect_eq "[]" "$out" "nothing changed"
run a --format json --as-of 2026-03-30 credit show ACME
expect_eq "60" "$(json 'd["oldest_past_due_days"]' <<<"$out")" "60 days"

case_ "61 days past due with the 60-day rule on: hold evaluate places past_due"
before="$(event_count "$L")"
expect_exit 0 a --format json hold evaluate --dry-run
expect_eq "placed" "$(json 'd[0]["action"]' <<<"$out")" "dry run shows the change"
expect_eq "$before" "$(event_count "$L")" "dry run writes nothing"
expect_exit 0 a --format json --actor carol hold evaluate
expect_eq '[["ACME", "placed", "past_due"]]' "$(json '[[r["customer"], r["action"], r["reason"]] for r in d]' <<<"$out")" "changes"
expect_contains "$(json 'd[0]["detail"]' <<<"$out")" "INV-OLD is 61 days past due" "why"
expect_contains "$err" "1 placed" "summary note"
expect_exit 0 a --format json hold evaluate
expect_eq "[]" "$out" "evaluate again changes nothing"
run a --format json credit show ACME
expect_eq "true" "$(json 'd["on_hold"]' <<<"$out")" "on hold"
expect_eq "past_due" "$(json 'd["holds"][0]["reason"]' <<<"$out")" "reason listed"
expect_eq "61" "$(json 'd["oldest_past_due_days"]' <<<"$out")" "oldest past due"
expect_exit 10 a credit check ACME --amount 1.00
expect_contains "$out" "on hold (past_due)" "check names the hold"

case_ "manual holds: place, idempotent, survives evaluate with nothing owed"
expect_exit 0 a --actor dave hold place BETA --reason "legal review"
before="$(event_count "$L")"
expect_exit 0 a hold place BETA --reason "again"
expect_contains "$out" "already on manual hold" "second place"
expect_eq "$before" "$(event_count "$L")" "no event for a repeat"
expect_exit 0 a --format json hold evaluate
expect_eq "[]" "$out" "rules leave the manual hold alone"
run a --format json hold list --reason manual
expect_eq '["BETA"]' "$(json '[r["customer"] for r in d]' <<<"$out")" "manual list"
expect_eq "dave" "$(json 'd[0]["actor"]' <<<"$out")" "who placed it"
expect_exit 10 a credit check BETA --amount 0.01
expect_exit 2 a hold list --reason overdue

case_ "releasing: only the manual hold, and the rules keep theirs"
a -q hold place ACME --reason "director asked"
expect_exit 0 a --format json hold release ACME --reason "director agreed"
expect_eq "released" "$(json 'd["action"]' <<<"$out")" "manual released"
expect_eq "past_due" "$(json 'd["still_on_hold"]' <<<"$out")" "past_due remains"
expect_exit 0 a hold release GAMMA --reason "nothing to release"
expect_contains "$out" "not on manual hold" "release without hold"

case_ "guarantee expired holds the customer when that rule is on, and renewal releases it"
a -q credit set GAMMA --limit 1000.00 --guarantee-amount 5000.00 --guarantee-expiry 2026-03-30
run a --format json credit show GAMMA
expect_eq "expired" "$(json 'd["guarantee_status"]' <<<"$out")" "expired guarantee"
expect_eq "1000.00" "$(json 'd["available"]' <<<"$out")" "expired guarantee adds nothing"
expect_exit 0 a --format json hold evaluate --customer GAMMA
expect_eq "[]" "$out" "rule off: no hold"
a -q config set holds.rule.guarantee_expired on
expect_exit 0 a --format json hold evaluate --customer GAMMA
expect_eq "guarantee_expired" "$(json 'd[0]["reason"]' <<<"$out")" "held for the expired guarantee"
expect_contains "$(json 'd[0]["detail"]' <<<"$out")" "expired on 2026-03-30" "detail"
expect_exit 10 a --format json credit check GAMMA --amount 1.00
expect_eq "guarantee_expired" "$(json 'd["reasons"][0]["code"]' <<<"$out")" "check names it"
expect_exit 0 a credit set GAMMA --guarantee-expiry 2026-12-31
run a --format json hold list --customer GAMMA
expect_eq "[]" "$out" "renewal releases at once"
run a --format json credit show GAMMA
expect_eq "6000.00" "$(json 'd["available"]' <<<"$out")" "valid guarantee adds to available"

case_ "review date passed holds when that rule is on"
a -q config set holds.rule.review_passed on
a -q credit set BETA --review-date 2026-03-01
run a --format json hold list --customer BETA
expect_eq '["manual", "review_passed"]' "$(json 'sorted(r["reason"] for r in d)' <<<"$out")" "both reasons"

case_ "over the limit: a new invoice holds at once, a credit note releases at once"
a -q credit set GAMMA --limit 1000.00 --guarantee-amount none
a -q invoice create --customer GAMMA --id INV-G1 --date 2026-03-20 --line "Goods;1;1000.01"
run a --format json hold list --customer GAMMA
expect_eq '["over_limit"]' "$(json '[r["reason"] for r in d]' <<<"$out")" "held by the invoice"
run a --format json log -n 3
expect_eq "1" "$(json 'len(set(e["txn"] for e in d if e["type"] in ("hold.placed","invoice.posted","document.posted")))' <<<"$out")" "same transaction"
a -q invoice credit INV-G1 --amount 0.01 --reason "rounding"
run a --format json hold list --customer GAMMA
expect_eq "[]" "$out" "released by the credit"

case_ "holds.block_invoicing refuses invoices to a customer on hold (exit 10)"
a -q config set holds.block_invoicing true
before="$(event_count "$L")"
expect_exit 10 a invoice create --customer BETA --id INV-B1 --date 2026-03-31 --line "x;1;10.00"
expect_contains "$err" "on hold" "names the hold"
expect_contains "$err" "legal review" "names the reason"
expect_eq "$before" "$(event_count "$L")" "nothing written"
# GAMMA was not on hold: its invoice passes, though it takes GAMMA over the limit.
expect_exit 0 a invoice create --customer GAMMA --id INV-G2 --date 2026-03-31 --line "x;1;10.00"
run a --format json hold list --customer GAMMA
expect_eq '["over_limit"]' "$(json '[r["reason"] for r in d]' <<<"$out")" "held after the invoice"
a -q config set holds.block_invoicing false
expect_exit 0 a invoice create --customer BETA --id INV-B1 --date 2026-03-31 --line "x;1;10.00"

case_ "hold history: every place and release with actor, time and reason"
run a --format json hold history ACME
expect_eq '[["placed", "past_due", "carol"], ["placed", "manual", "e2e"], ["released", "manual", "e2e"]]' \
  "$(json '[[h["action"], h["reason"], h["actor"]] for h in d]' <<<"$out")" "ACME history"
expect_match "$(json 'd[0]["time"]' <<<"$out")" '^20[0-9]{2}-[0-9]{2}-[0-9]{2}T' "time stamp"
expect_eq "director agreed" "$(json 'd[2]["detail"]' <<<"$out")" "release reason"
run a --format json hold history GAMMA
expect_eq '["placed guarantee_expired", "released guarantee_expired", "placed over_limit", "released over_limit", "placed over_limit"]' \
  "$(json '[h["action"]+" "+h["reason"] for h in d]' <<<"$out")" "GAMMA history"
run a --format json log --type hold.placed
expect_eq "7" "$(json 'len(d)' <<<"$out")" "journal events for every placement"
expect_exit 3 a hold history NOPE
run a --format csv hold history ACME
expect_eq "seq,time,date,actor,action,reason,detail" "$(head -1 <<<"$out")" "csv header"

case_ "turning a rule off releases its holds at the next evaluation"
a -q config set holds.rule.past_due off
expect_exit 0 a --format json hold evaluate --customer ACME
expect_eq "released" "$(json 'd[0]["action"]' <<<"$out")" "released"
expect_contains "$(json 'd[0]["detail"]' <<<"$out")" "holds.rule.past_due is off" "why"
expect_exit 0 a check

case_ "the month-end close runs holds.evaluate as of its date, with figures"
L2="$tmp/ledger2"
new_ledger "$L2"
arctl -C "$L2" -q customer add ZETA --name "Zeta Oy" >/dev/null
arctl -C "$L2" -q config set holds.rule.past_due on
# Due 2025-12-31: 1 day past due when posted, 90 on 2026-03-31.
arctl -C "$L2" -q --as-of 2026-01-01 invoice create --customer ZETA --id INV-Z --date 2025-12-01 --due 2025-12-31 --line "x;1;10.00" >/dev/null
expect_exit 0 arctl -C "$L2" --format json close 2026-03 --only holds.evaluate --out "$tmp/close"
expect_eq '{"placed": 1, "released": 0, "on_hold": 1}' "$(json '[s for s in d["steps"] if s["step"]=="holds.evaluate"][0]["figures"]' <<<"$out")" "step figures"
run arctl -C "$L2" --format json hold list
expect_eq '[["ZETA", "past_due"]]' "$(json '[[r["customer"], r["reason"]] for r in d]' <<<"$out")" "held by the close"
