#!/usr/bin/env bash
# End-to-end: the escalation ladder: automatic escalation on SLA (one level
# per run, counted from the day a case entered its level), manual escalation,
# --dry-run, owners per level, a custom ladder, and the trail in `dispute show`.
source "$ARCTL_TEST_LIB"

start_ledger ACME "Acme Corp"
a -q invoice create --customer ACME --id INV-1 --date 2026-01-01 --line "Goods;1;500.00" >/dev/null
a -q invoice create --customer ACME --id INV-2 --date 2026-01-01 --line "Goods;1;80.00" >/dev/null

case_ "opened 2026-01-01: not due on 01-06, escalated to team-lead on 01-07, not again on 01-08"
run a --as-of 2026-01-01 --format json dispute open --invoice INV-1 --amount 120.00 \
  --reason damaged --owner ann
dsp="$(json 'd["id"]' <<<"$out")"
expect_eq "2026-01-06" "$(json 'd["sla_due"]' <<<"$out")" "SLA due date of analyst (5 days)"
expect_exit 0 a --format json dispute escalate --auto --as-of 2026-01-06
expect_eq "[]" "$out" "nothing due on day 5"
run a --format json dispute list --overdue --as-of 2026-01-07
expect_eq "[\"$dsp\"]" "$(json '[r["id"] for r in d]' <<<"$out")" "list --overdue on 01-07"
before="$(event_count "$L")"
expect_exit 0 a --format json dispute escalate --auto --as-of 2026-01-07 --dry-run
expect_eq "analyst>team-lead" "$(json 'd[0]["from"] + ">" + d[0]["to"]' <<<"$out")" "dry-run shows the move"
expect_eq "$before" "$(event_count "$L")" "dry-run writes nothing"
expect_exit 0 a --format json dispute escalate --auto --as-of 2026-01-07
expect_eq "1" "$(json 'len(d)' <<<"$out")" "one case moved"
expect_eq "$dsp analyst team-lead 5 6" \
  "$(json '" ".join([d[0]["id"], d[0]["from"], d[0]["to"], str(d[0]["sla_days"]), str(d[0]["days_at_level"])])' <<<"$out")" \
  "what moved"
expect_exit 0 a --format json dispute escalate --auto --as-of 2026-01-08
expect_eq "[]" "$out" "not again on 01-08"
run a --format json dispute show "$dsp" --as-of 2026-01-08
expect_eq "team-lead" "$(json 'd["level"]' <<<"$out")" "level"
expect_eq "2026-01-07" "$(json 'd["level_since"]' <<<"$out")" "entered team-lead on 01-07"
expect_eq "2026-01-17" "$(json 'd["sla_due"]' <<<"$out")" "team-lead SLA is 10 days"
expect_eq '[["opened", "", "analyst"], ["escalated", "analyst", "team-lead"]]' \
  "$(json '[[h["action"], h["from"], h["to"]] for h in d["history"]]' <<<"$out")" "history"
expect_eq "2026-01-07" "$(json 'd["history"][1]["date"]' <<<"$out")" "escalation date in history"
run a --format json log --type dispute.escalated
expect_eq "$dsp INV-1 ACME analyst team-lead ann 5 2026-01-07" \
  "$(json '" ".join(str(d[0]["payload"][k]) for k in ["id","invoice","customer","from","to","owner","sla_days","date"])' <<<"$out")" \
  "dispute.escalated payload"

case_ "one level per run even when long overdue; each step in the history"
expect_exit 0 a --format json dispute escalate --auto --as-of 2026-03-01
expect_eq "team-lead>sales" "$(json 'd[0]["from"] + ">" + d[0]["to"]' <<<"$out")" "one step"
expect_exit 0 a --format json dispute escalate --auto --as-of 2026-03-16
expect_eq "[]" "$out" "sales has 15 days from 03-01: not due on 03-16"
expect_exit 0 a --format json dispute escalate --auto --as-of 2026-03-17
expect_eq "sales>management" "$(json 'd[0]["from"] + ">" + d[0]["to"]' <<<"$out")" "due on 03-17"
run a --format json dispute show "$dsp"
expect_eq '["analyst", "team-lead", "sales", "management"]' \
  "$(json '[h["to"] for h in d["history"]]' <<<"$out")" "every step shows"

case_ "manual escalation: --note required, --to goes up only, owners per level"
a -q config set disputes.owner.legal "counsel@example.com"
expect_exit 2 a dispute escalate "$dsp"
expect_exit 4 a dispute escalate "$dsp" --to analyst --note "back down"
expect_exit 4 a dispute escalate "$dsp" --to nowhere --note x
expect_exit 0 a --as-of 2026-03-20 --format json dispute escalate "$dsp" --to legal \
  --note "customer stopped answering"
expect_eq "management>legal counsel@example.com" \
  "$(json 'd["from"] + ">" + d["to"] + " " + d["owner"]' <<<"$out")" "jump to legal with its owner"
expect_exit 0 a --as-of 2026-03-21 dispute escalate "$dsp" --note "send to agency"
expect_exit 4 a --as-of 2026-03-22 dispute escalate "$dsp" --note "nothing above agency"
expect_contains "$err" "top of the ladder" "message at the top"
run a --format json dispute show "$dsp"
expect_eq "customer stopped answering" "$(json 'd["history"][4]["note"]' <<<"$out")" "manual note kept"
expect_exit 0 a --format json dispute escalate --auto --as-of 2027-01-01
expect_eq "[]" "$out" "a case at the top is never moved by --auto"
run a --format json dispute list --level agency
expect_eq "1" "$(json 'len(d)' <<<"$out")" "list --level"

case_ "a custom ladder from config; resolved cases are not escalated"
a -q config set disputes.ladder "desk:2,boss:3"
run a --as-of 2026-04-01 --format json dispute open --invoice INV-2 --reason other
d2="$(json 'd["id"]' <<<"$out")"
expect_eq "desk 80.00" "$(json 'd["level"] + " " + d["amount"]' <<<"$out")" "first custom level, whole balance"
run a --format json dispute escalate --auto --as-of 2026-04-04
expect_eq "[\"$d2\"]" "$(json '[r["id"] for r in d]' <<<"$out")" "desk SLA of 2 days passed on 04-04"
a -q --as-of 2026-04-05 dispute resolve "$d2" --outcome customer-pays --note "paid after all"
run a --format json dispute escalate --auto --as-of 2026-05-01
expect_eq "[]" "$(json '[r["id"] for r in d if r["id"] == "'"$d2"'"]' <<<"$out")" "resolved stays put"
before="$(event_count "$L")"
expect_exit 4 a config set disputes.ladder "broken"
expect_contains "$err" "disputes.ladder" "a bad ladder is refused at config set, naming the key"
expect_exit 4 a config set disputes.ladder "a:1,a:2"
expect_exit 4 a config set disputes.on_broken_promise "sometimes"
expect_exit 4 a config set writeoff.approval_limit "lots"
expect_eq "$before" "$(event_count "$L")" "refused settings write nothing"
expect_eq "desk:2,boss:3" "$(a config get disputes.ladder)" "the ladder in force is unchanged"
a -q config unset disputes.ladder
expect_exit 2 a dispute escalate --auto "$dsp"
expect_exit 0 a check
