#!/usr/bin/env bash
# End-to-end: past-due notices: levels from config, never the same level
# twice, level 2 fifteen days later for what is still unpaid, nothing for
# paid invoices, do-not-dun customers and invoices skipped, dry runs. One
# letter per customer (notices.per_customer, the default) lists all it owes.
source "$ARCTL_TEST_LIB"

start_ledger
a -q customer add NORA --name "Nora Trading" --terms net30 >/dev/null
a -q customer add DND --name "Never Dun" --terms net30 --attr do_not_dun=true >/dev/null
# Due 2026-03-30: one day past due on 2026-03-31. NC is due 2026-04-19.
a -q invoice create --customer NORA --id NA --date 2026-02-28 --line "Goods;1;100.00" >/dev/null
a -q invoice create --customer NORA --id NB --date 2026-02-28 --line "Goods;1;50.00" >/dev/null
a -q invoice create --customer NORA --id NX --date 2026-02-28 --line "Goods;1;70.00" >/dev/null
a -q invoice create --customer NORA --id NC --date 2026-03-20 --line "Goods;1;20.00" >/dev/null
a -q invoice create --customer DND --id DA --date 2026-01-01 --line "Goods;1;500.00" >/dev/null
a -q notice exclude NX --reason "agreed instalments" >/dev/null

case_ "dry run: lists what is due, records and writes nothing"
before="$(event_count "$L")"
expect_exit 0 a --format json notice run --dry-run --out "$tmp/dry"
expect_eq '[["NORA", 1, "NA NB"]]' "$(json '[[r["customer"],r["level"],r["invoices"]] for r in d]' <<<"$out")" "would send"
expect_eq "$before" "$(event_count "$L")" "no events"
expect_false "no files" test -e "$tmp/dry"

case_ "first run writes level 1 for what is past due"
expect_exit 0 a --format json notice run --out "$tmp/n1"
expect_eq '[["NORA", 1, "reminder", "NA NB", "150.00"]]' "$(json '[[r["customer"],r["level"],r["name"],r["invoices"],r["amount"]] for r in d]' <<<"$out")" "notices"
file="$tmp/n1/$(json 'd[0]["file"]' <<<"$out")"
expect_true "notice file" test -f "$file"
expect_contains "$(cat "$file")" "PAYMENT REMINDER" "level 1 template"
expect_match "$(cat "$file")" "Total past due: 150\.00 USD" "notice total"
expect_eq "1" "$(a --format json log --type notice.sent | json 'len(d)')" "journaled"

case_ "second run the same day sends nothing"
expect_exit 0 a --format json notice run --out "$tmp/n2"
expect_eq "[]" "$out" "no notices"
expect_false "no files" test -e "$tmp/n2"
expect_exit 0 a notice run --out "$tmp/n2"
expect_eq "No notices due" "$out" "table message"

case_ "fifteen days later: level 2 for the unpaid invoice, nothing for the paid one"
a -q payment record --customer NORA --id PB --amount 50.00 --date 2026-04-05 >/dev/null
a -q payment apply PB --invoice NB --date 2026-04-05 >/dev/null
expect_exit 0 a --format json notice run --as-of 2026-04-15 --out "$tmp/n3"
expect_eq '[["NORA", 2, "NA", "100.00"]]' "$(json '[[r["customer"],r["level"],r["invoices"],r["amount"]] for r in d]' <<<"$out")" "level 2 for NA only"
expect_contains "$(cat "$tmp/n3/"*level2.txt)" "SECOND REMINDER" "level 2 template"
expect_exit 0 a --format json notice list --customer NORA
expect_eq '[["NA", 2, "2026-04-15"], ["NB", 1, "2026-03-31"]]' "$(json '[[r["invoice"],r["level"],r["sent"]] for r in d]' <<<"$out")" "levels recorded"
expect_exit 0 a --format json notice run --as-of 2026-04-15 --out "$tmp/n4"
expect_eq "[]" "$out" "nothing twice"

case_ "levels and minimum amounts come from config"
a -q config set statements.notice.levels "1:1:reminder,2:15:reminder,3:30:final:500.00,4:60:pre-legal"
expect_exit 0 a --format json notice run --as-of 2026-04-29 --out "$tmp/n5"
expect_eq '[["NORA", 2, "NA NC"]]' "$(json '[[r["customer"],r["level"],r["invoices"]] for r in d]' <<<"$out")" "120.00 past due is below the final notice's 500.00 minimum: one level 2 letter lists both"
a -q config set statements.notice.levels "1:1:reminder,2:15:reminder,3:30:final,4:60:pre-legal"
expect_exit 0 a --format json notice run --as-of 2026-04-29 --out "$tmp/n5"
expect_eq '[["NORA", 3, "final", "NA NC"]]' "$(json '[[r["customer"],r["level"],r["name"],r["invoices"]] for r in d]' <<<"$out")" "final notice lists everything past due"
a -q config set statements.notice.levels "1:1"
expect_exit 2 a notice run --out "$tmp/n6"
a -q config unset statements.notice.levels

case_ "do-not-dun: customer attribute and excluded invoice; include brings it back"
expect_exit 0 a --format json notice list --customer DND
expect_eq "[]" "$out" "DND never noticed"
expect_exit 0 a notice include NX
expect_exit 0 a --format json notice run --as-of 2026-04-29 --out "$tmp/n7"
expect_eq '[["NORA", 3, "NA NX NC"]]' "$(json '[[r["customer"],r["level"],r["invoices"]] for r in d]' <<<"$out")" "excluded invoice back, in a letter with the rest"
expect_exit 3 a notice include NX
expect_exit 0 a check
