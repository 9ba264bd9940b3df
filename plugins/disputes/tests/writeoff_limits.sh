#!/usr/bin/env bash
# End-to-end: the four-eyes limit counts every write-off of an invoice, and
# of a customer in a calendar month (writeoff.approval_limit_period), so a
# split write-off still needs two approvers; an approval records the login
# and writeoff.approver_must_be_login ties the approver to it.
source "$ARCTL_TEST_LIB"

start_ledger ACME "Acme Corp" BETA "Beta Ltd"
a -q invoice create --customer ACME --id INV-1 --date 2026-01-05 --line "Goods;1;2000.00" >/dev/null
a -q invoice create --customer ACME --id INV-2 --date 2026-01-05 --line "Goods;1;2000.00" >/dev/null
for n in 1 2 3; do
  a -q invoice create --customer BETA --id "B-$n" --date 2026-01-05 --line "Goods;1;800.00" >/dev/null
done
me="$(id -un)"

case_ "two proposals adding up to more than the limit on one invoice need a second approver"
run a --actor ann --format json writeoff propose INV-1 --amount 600.00 --reason "goodwill"
w1="$(json 'd["id"]' <<<"$out")"
expect_eq "1" "$(json 'str(d["approvals_required"])' <<<"$out")" "600.00 alone"
expect_exit 0 a --actor bob writeoff approve "$w1"
run a --actor ann --format json writeoff propose INV-1 --amount 600.00 --reason "goodwill again"
w2="$(json 'd["id"]' <<<"$out")"
expect_eq "2" "$(json 'str(d["approvals_required"])' <<<"$out")" "1200.00 on INV-1 in all"
run a --actor bob --format json writeoff approve "$w2"
expect_eq "pending 1" "$(json 'd["status"] + " " + str(d["approvals"])' <<<"$out")" "one approval is not enough"
run a --actor carol --format json writeoff approve "$w2"
expect_eq "posted" "$(json 'd["status"]' <<<"$out")" "second approver posts"

case_ "pending proposals on one invoice count together at approval"
run a --actor ann --format json writeoff propose INV-2 --amount 700.00 --reason "part one"
w3="$(json 'd["id"]' <<<"$out")"
a -q --actor ann writeoff propose INV-2 --amount 700.00 --reason "part two" >/dev/null
run a --actor bob --format json writeoff approve "$w3"
expect_eq "pending 2" "$(json 'd["status"] + " " + str(d["approvals_required"])' <<<"$out")" \
  "the first half waits for a second approver"

case_ "writeoff.approval_limit_period: a customer's write-offs in one month count together"
expect_exit 4 a config set writeoff.approval_limit_period lots
expect_exit 4 a config set writeoff.approval_limit_period -1.00
expect_exit 0 a config set writeoff.approval_limit_period 1500.00
run a --actor ann --format json writeoff propose B-1 --reason "gone"
expect_eq "1" "$(json 'str(d["approvals_required"])' <<<"$out")" "800.00 in March"
expect_exit 0 a --actor bob writeoff approve "$(json 'd["id"]' <<<"$out")"
run a --actor ann --format json writeoff propose B-2 --reason "gone"
expect_eq "2" "$(json 'str(d["approvals_required"])' <<<"$out")" "1600.00 in March"
run a --as-of 2026-04-01 --actor ann --format json writeoff propose B-3 --reason "gone"
expect_eq "1" "$(json 'str(d["approvals_required"])' <<<"$out")" "April starts afresh"
w4="$(json 'd["id"]' <<<"$out")"

case_ "an approval records the login; approver_must_be_login ties the two"
run a --format json writeoff show "$w1"
expect_eq "bob $me" "$(json 'd["approved_by"] + " " + d["approver_logins"]' <<<"$out")" "actor and login"
expect_exit 4 a config set writeoff.approver_must_be_login maybe
expect_exit 0 a config set writeoff.approver_must_be_login true
expect_exit 4 a --as-of 2026-04-01 --actor bob writeoff approve "$w4"
expect_contains "$err" "$me" "the refusal names the login"
expect_exit 0 a --as-of 2026-04-01 --actor "$me" writeoff approve "$w4"

expect_exit 0 a check
