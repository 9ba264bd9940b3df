#!/usr/bin/env bash
# End-to-end: notices that cannot be lost: nothing is recorded when the files
# cannot be written; one letter per customer at the highest level due, listing
# everything past due; reprints write the same letter and record nothing.
source "$ARCTL_TEST_LIB"

start_ledger
a -q customer add ACME --name "Acme Ltd" --terms net30 >/dev/null
a -q customer add BETA --name "Beta GmbH" --terms net30 >/dev/null
# On 2026-03-31: A1 is 45 days past due (level 3), A2 and B1 one day (level 1).
a -q invoice create --customer ACME --id A1 --date 2026-01-15 --line "Goods;1;100.00" >/dev/null
a -q invoice create --customer ACME --id A2 --date 2026-02-28 --line "Goods;1;50.00" >/dev/null
a -q invoice create --customer BETA --id B1 --date 2026-02-28 --line "Goods;1;20.00" >/dev/null
rows='[[r["customer"],r["level"],r["invoices"],r["amount"]] for r in d]'

case_ "notices.per_customer=false keeps one notice per customer and level"
a -q config set notices.per_customer false
expect_exit 0 a --format json notice run --dry-run --out "$tmp/dry"
expect_eq '[["ACME", 1, "A2", "50.00"], ["ACME", 3, "A1", "100.00"], ["BETA", 1, "B1", "20.00"]]' "$(json "$rows" <<<"$out")" "per level"
a -q config unset notices.per_customer

case_ "an unwritable --out records nothing and names the path"
touch "$tmp/plain"
before="$(event_count "$L")"
expect_exit 1 a notice run --out "$tmp/plain/notices"
expect_contains "$err" "$tmp/plain" "error names the path"
expect_eq "$before" "$(event_count "$L")" "no events"
expect_exit 0 a --format json notice list
expect_eq "[]" "$out" "no levels recorded"
mkdir -p "$tmp/n0/2026-03-31-ACME-level3.txt/x"
expect_exit 1 a notice run --out "$tmp/n0"
expect_contains "$err" "$tmp/n0/2026-03-31-ACME-level3.txt" "error names the file in the way"
expect_eq "2026-03-31-ACME-level3.txt" "$(ls -A "$tmp/n0")" "no letter and no staging left"
expect_eq "$before" "$(event_count "$L")" "still no events"

case_ "the next run to a good path writes and records every notice"
expect_exit 0 a --format json notice run --out "$tmp/n1"
expect_eq '[["ACME", 3, "A1 A2", "150.00"], ["BETA", 1, "B1", "20.00"]]' "$(json "$rows" <<<"$out")" "one letter per customer"
run_id="$(json 'd[0]["run"]' <<<"$out")"
acme="$(json 'd[0]["file"]' <<<"$out")"
expect_eq "$run_id" "$(json 'd[1]["run"]' <<<"$out")" "one run id"
expect_eq "$acme $(json 'd[1]["file"]' <<<"$out")" "$(ls -A "$tmp/n1" 2>&1 | xargs)" "only the letters, no staging left"
letter="$(cat "$tmp/n1/$acme" 2>&1 || true)"
expect_contains "$letter" "FINAL NOTICE" "level 3 template"
expect_match "$letter" "A1 .* 100\.00 +45" "lists A1"
expect_match "$letter" "A2 .* 50\.00 +1" "lists A2"
expect_match "$letter" "Total past due: 150\.00 USD" "total past due"
expect_exit 0 a --format json notice list
expect_eq "[[\"A1\", 3, $run_id], [\"A2\", 3, $run_id], [\"B1\", 1, $run_id]]" "$(json '[[r["invoice"],r["level"],r["run"]] for r in d]' <<<"$out")" "levels recorded with the run"

case_ "reprint writes the same letter again and records nothing"
a -q payment record --customer ACME --id P1 --amount 30.00 --date 2026-03-31 >/dev/null
a -q payment apply P1 --invoice A1 --date 2026-03-31 >/dev/null
before="$(event_count "$L")"
expect_exit 0 a --format json notice reprint A2 --out "$tmp/r1"
expect_eq '[["ACME", 3, "A1 A2", "150.00"]]' "$(json "$rows" <<<"$out")" "the letter last sent"
expect_true "same content" cmp "$tmp/n1/$acme" "$tmp/r1/$acme"
expect_exit 0 a notice reprint --run "$run_id" --out "$tmp/r2"
expect_true "the whole run" diff -r "$tmp/n1" "$tmp/r2"
expect_eq "$before" "$(event_count "$L")" "no events"
expect_exit 3 a notice reprint P1 --out "$tmp/r3"
expect_exit 3 a notice reprint --run 99 --out "$tmp/r3"
expect_exit 2 a notice reprint --out "$tmp/r3"
expect_false "nothing written for errors" test -e "$tmp/r3"
expect_exit 0 a check
