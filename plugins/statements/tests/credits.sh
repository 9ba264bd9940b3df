#!/usr/bin/env bash
# End-to-end: credit balances. Aging keeps unapplied cash and open credit
# notes out of the day buckets, in their own column; report credits ages each
# open credit by its own date and flags refund candidates.
source "$ARCTL_TEST_LIB"

start_ledger A "All credit" B "Owes more" C "Credit beyond"
inv() { a -q invoice create --customer "$1" --id "$2" --date "$3" --line "Item;1;$4" >/dev/null; }
inv A A-1 2026-01-02 100.00
a -q invoice credit A-1 --amount 30.00 --reason price --date 2026-01-05 >/dev/null
cn="$(a --format json log --type document.posted | json '[e["payload"]["id"] for e in d if e["payload"]["id"].startswith("CN")][0]')"
a -q payment unapply "$cn" --date 2026-01-06 >/dev/null
a -q payment record --customer A --amount 100.00 --date 2026-01-10 --id RA-1 >/dev/null
a -q payment apply RA-1 --invoice A-1 --date 2026-01-10 >/dev/null
a -q payment record --customer A --amount 20.00 --date 2026-03-20 --id RA-2 >/dev/null
inv B B-1 2026-03-01 500.00
a -q payment record --customer B --amount 40.00 --date 2026-01-15 --id RB-1 >/dev/null
inv C C-1 2026-03-25 10.00
a -q payment record --customer C --amount 50.00 --date 2026-01-20 --id RC-1 >/dev/null

case_ "aging: credits in their own column, buckets hold open debits only"
expect_exit 0 a --format json aging
row() { json "[r for r in d if r[\"customer\"]==\"$1\"][0]" <<<"$out"; }
expect_eq '["0.00", "-50.00", "-50.00"]' "$(row A | json '[d["current"], d["credits"], d["total"]]')" "A"
expect_eq '["500.00", "-40.00", "460.00"]' "$(row B | json '[d["current"], d["credits"], d["total"]]')" "B"
expect_eq '["-140.00", "370.00"]' \
  "$(json '[[r["credits"], r["total"]] for r in d if r["row"]=="total"][0]' <<<"$out")" "total"
expect_exit 0 a --format json aging --by summary
expect_eq "-140.00" "$(json '[r["amount"] for r in d if r["bucket"]=="credits"][0]' <<<"$out")" "summary"

case_ "report credits: every open credit, aged by its date, refund candidates flagged"
expect_exit 0 a --format json report credits
expect_eq '["RA-2", "RB-1", "RC-1"]' "$(json 'sorted(r["document"] for r in d if r["document"].startswith("R"))' <<<"$out")" "receipts"
expect_eq 4 "$(json 'len(d)' <<<"$out")" "with the credit note"
cand() { json "[[r[\"age_days\"], r[\"bucket\"], r[\"refund_candidate\"]] for r in d if r[\"document\"]==\"$1\"][0]" <<<"$out"; }
expect_eq '[85, "61-90", true]' "$(cand "$cn")" "A's credit note: old, nothing to apply it to"
expect_eq '[11, "1-30", false]' "$(cand RA-2)" "A's new receipt: too young"
expect_eq '[75, "61-90", false]' "$(cand RB-1)" "B owes more than the credit"
expect_eq '[70, "61-90", true]' "$(cand RC-1)" "C's credit exceeds its debits"
expect_eq "40.00" "$(json '[r["refundable"] for r in d if r["document"]=="RC-1"][0]' <<<"$out")" "beyond C-1"
expect_contains "$(json '[r["reason"] for r in d if r["document"]=="RB-1"][0]' <<<"$out")" "open debits"

case_ "a group account's parent: its children's open debits can absorb its credit"
a -q customer add K --name "Kid of C" >/dev/null
a -q customer edit K --parent C >/dev/null
inv K K-1 2026-03-25 30.00
expect_exit 0 a --format json report credits --customer C
expect_eq '["10.00", true]' "$(json '[[r["refundable"], r["refund_candidate"]] for r in d][0]' <<<"$out")" "RC-1 less C-1 and K-1"

case_ "options: --customer, --min-age, --as-of, the config key and csv"
expect_exit 0 a --format json report credits --customer A --min-age 60
expect_eq "[\"$cn\"]" "$(json '[r["document"] for r in d]' <<<"$out")" "A's old credits"
expect_exit 0 a --format json report credits --as-of 2026-01-31
expect_eq '["RB-1", "RC-1"]' "$(json 'sorted(r["document"] for r in d if r["document"].startswith("R"))' <<<"$out")" "as of January"
expect_exit 0 a config set report.credits.refund_after_days 10
expect_exit 0 a --format json report credits --customer A
expect_eq "true" "$(json '[r["refund_candidate"] for r in d if r["document"]=="RA-2"][0]' <<<"$out")" "10 days"
expect_exit 4 a config set report.credits.refund_after_days -3
expect_exit 0 a --format csv report credits
expect_contains "$(head -1 <<<"$out")" "refund_candidate" "csv header"
