#!/usr/bin/env bash
# End-to-end: write-offs under four-eyes approval: the proposer cannot
# approve (exit 4), another actor's approval posts the write_off document;
# above writeoff.approval_limit two distinct approvers are needed; rejection;
# a dispute resolved by write-off waits for the approval.
source "$ARCTL_TEST_LIB"

start_ledger ACME "Acme Corp"
a -q invoice create --customer ACME --id INV-1 --date 2026-01-05 --line "Goods;1;300.00" >/dev/null
a -q invoice create --customer ACME --id INV-2 --date 2026-01-05 --line "Plant;1;2500.00" >/dev/null
a -q invoice create --customer ACME --id INV-3 --date 2026-01-05 --line "Parts;1;90.00" >/dev/null

case_ "the proposer cannot approve; a second actor's approval posts the write-off"
expect_exit 4 a --actor ann writeoff propose INV-1 --amount 300.01 --reason "bankrupt"
expect_exit 0 a --actor ann --format json writeoff propose INV-1 --amount 120.00 --reason "bankrupt"
w1="$(json 'd["id"]' <<<"$out")"
expect_eq "WOP-2026-00001 pending 1 ann" \
  "$(json '" ".join([d["id"], d["status"], str(d["approvals_required"]), d["proposed_by"]])' <<<"$out")" \
  "proposal"
before="$(event_count "$L")"
expect_exit 4 a --actor ann writeoff approve "$w1"
expect_contains "$err" "cannot also approve" "four-eyes message"
expect_eq "$before" "$(event_count "$L")" "a refused approval writes nothing"
run a --format json invoice show INV-1
expect_eq "300.00" "$(json 'd["open"]' <<<"$out")" "nothing posted before approval"
expect_exit 0 a --actor bob --format json writeoff approve "$w1"
expect_eq "posted bob WO-2026-000001" \
  "$(json '" ".join([d["status"], d["approved_by"], d["document"]])' <<<"$out")" "approved and posted"
run a --format json invoice show WO-2026-000001
expect_eq "write_off 120.00" "$(json 'd["kind"] + " " + d["total"]' <<<"$out")" "write_off document"
run a --format json invoice show INV-1
expect_eq "180.00" "$(json 'd["open"]' <<<"$out")" "invoice open after the write-off"
expect_exit 4 a --actor carol writeoff approve "$w1"
run a --format json log --type writeoff.posted
expect_eq "WO-2026-000001 INV-1 120.00" \
  "$(json '" ".join([d[0]["payload"]["document"], d[0]["payload"]["invoice"], d[0]["payload"]["amount"]])' <<<"$out")" \
  "writeoff.posted"

case_ "over writeoff.approval_limit two distinct approvers are needed"
expect_exit 0 a --actor ann --format json writeoff propose INV-2 --reason "plant never returned"
w2="$(json 'd["id"]' <<<"$out")"
expect_eq "2500.00 2" "$(json 'd["amount"] + " " + str(d["approvals_required"])' <<<"$out")" \
  "whole balance, over the default 1000.00 limit"
expect_exit 4 a --actor ann writeoff approve "$w2"
expect_exit 0 a --actor bob --format json writeoff approve "$w2"
expect_eq "pending 1" "$(json 'd["status"] + " " + str(d["approvals"])' <<<"$out")" "one of two"
run a --format json invoice show INV-2
expect_eq "2500.00" "$(json 'd["open"]' <<<"$out")" "not posted after one approval"
expect_exit 4 a --actor bob writeoff approve "$w2"
expect_contains "$err" "already approved" "same approver twice"
expect_exit 0 a --actor carol --format json writeoff approve "$w2"
expect_eq "posted bob,carol" "$(json 'd["status"] + " " + d["approved_by"]' <<<"$out")" "second approval posts"
run a --format json invoice show INV-2
expect_eq "0.00" "$(json 'd["open"]' <<<"$out")" "written off in full"

case_ "the limit comes from config; exactly at the limit one approval is enough"
a -q config set writeoff.approval_limit 50.00
run a --actor ann --format json writeoff propose INV-3 --amount 50.00 --reason "small balance"
expect_eq "1" "$(json 'str(d["approvals_required"])' <<<"$out")" "at the limit"
w3="$(json 'd["id"]' <<<"$out")"
expect_exit 4 a --actor ann writeoff propose INV-3 --amount 40.01 --reason "too much"
expect_contains "$err" "pending proposals" "pending proposals claim the balance"
expect_exit 0 a --actor ann writeoff propose INV-3 --amount 40.00 --reason "rest"

case_ "rejection"
expect_exit 2 a --actor bob writeoff reject "$w3"
expect_exit 0 a --actor bob --format json writeoff reject "$w3" --reason "customer will pay"
expect_eq "rejected bob" "$(json 'd["status"] + " " + d["rejected_by"]' <<<"$out")" "rejected"
expect_exit 4 a --actor carol writeoff approve "$w3"
run a --format json writeoff list --status pending
expect_eq "1" "$(json 'len(d)' <<<"$out")" "pending proposals"
expect_exit 3 a writeoff approve WOP-NOPE

case_ "a dispute resolved by write-off waits for approval, then is resolved"
a -q config unset writeoff.approval_limit
a -q invoice create --customer ACME --id INV-4 --date 2026-01-05 --line "Goods;1;400.00" >/dev/null
run a --actor ann --format json dispute open --invoice INV-4 --amount 75.00 --reason damaged
dsp="$(json 'd["id"]' <<<"$out")"
expect_exit 0 a --actor ann --format json dispute resolve "$dsp" --outcome write-off --note "goods destroyed"
wp="$(json 'd["proposal"]' <<<"$out")"
expect_eq "pending" "$(json 'd["status"]' <<<"$out")" "case waits"
run a --format json dispute collectible --customer ACME
expect_eq "75.00" "$(json '[r["disputed"] for r in d if r["id"]=="INV-4"][0]' <<<"$out")" \
  "still excluded from collectible while pending"
expect_exit 4 a dispute resolve "$dsp" --outcome credit --note x
expect_exit 0 a --actor bob writeoff reject "$wp" --reason "get photos first"
run a --format json dispute show "$dsp"
expect_eq "open" "$(json 'd["status"]' <<<"$out")" "rejection reopens the case"
run a --actor ann --format json dispute resolve "$dsp" --outcome write-off --note "photos received"
wp2="$(json 'd["proposal"]' <<<"$out")"
expect_exit 0 a --actor bob writeoff approve "$wp2"
run a --format json dispute show "$dsp"
expect_eq "resolved write-off 75.00" \
  "$(json '" ".join([d["status"], d["outcome"], d["resolved_amount"]])' <<<"$out")" "resolved by the posting"
expect_eq "opened,write-off proposed,write-off rejected,write-off proposed,resolved" \
  "$(json '",".join(h["action"] for h in d["history"])' <<<"$out")" "history"
run a --format json invoice show INV-4
expect_eq "325.00" "$(json 'd["open"]' <<<"$out")" "invoice after the write-off"
run a --format json customer show ACME
expect_eq "595.00" "$(json 'd["balance"]' <<<"$out")" "balance: 180 + 0 + 90 + 325"
run a --format json writeoff list
expect_eq "id,status,invoice" "$(json '",".join(list(d[0].keys())[:3])' <<<"$out")" "list fields"
expect_exit 0 a check
