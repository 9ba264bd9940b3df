#!/usr/bin/env bash
# End-to-end: the statements plugin with the disputes plugin (disputed column,
# disputed invoices not dunned, promises in the forecast) and its month-end
# close steps on the fixture ledger.
source "$ARCTL_TEST_LIB"
source "$FIXTURES/ledger.sh"

L="$tmp/ledger"
fixture_ledger "$L"
a() { arctl -C "$L" "$@"; }

case_ "a disputed amount shows in its own column and is not dunned"
a -q dispute open --invoice I5 --amount 400.00 --reason damaged >/dev/null
expect_exit 0 a --format json aging
expect_eq '["400.00", "1000.00"]' "$(json '[[r["disputed"], r["1-30"]] for r in d if r["customer"]=="BETA"][0]' <<<"$out")" "BETA disputed"
expect_exit 0 a --format json notice run --dry-run --out "$tmp/dry"
expect_eq '[["ACME", 3, "I2 I3"], ["BETA", 4, "I4"]]' "$(json '[[r["customer"],r["level"],r["invoices"]] for r in d]' <<<"$out")" "I5 in dispute is skipped"

case_ "a promise to pay moves its amount to the promised week"
a -q promise add BETA --amount 100.00 --date 2026-04-20 --invoice I4 >/dev/null
expect_exit 0 a --format json report forecast --weeks 4
expect_eq '["1750.00", "0.00", "400.00", "0.00", "0.00"]' "$(json '[r["expected"] for r in d]' <<<"$out")" "weekly amounts"

case_ "close 2026-03: notices, statements and the snapshot as of 03-31"
expect_exit 0 a --format json close 2026-03 --as-of 2026-04-02 --out "$tmp/closes"
D="$tmp/closes/2026-03"
expect_true "aging.csv" test -f "$D/aging.csv"
expect_eq "1950.00" "$(csv '[r for r in rows if r[0]=="total"][0][11]' <"$D/aging.csv")" "aging total at 03-31"
expect_eq "201.5" "$(json 'd["dso_standard"][0]["dso"]' <"$D/reports.json")" "DSO in reports.json"
expect_eq "71.4" "$(json 'd["dso_countback"][0]["dso"]' <"$D/reports.json")" "countback DSO in reports.json"
expect_eq "24.49" "$(json 'd["cei"][0]["cei"]' <"$D/reports.json")" "CEI in reports.json"
expect_eq "3" "$(wc -l <"$D/statements/index.csv" | tr -d ' ')" "two statements and a header"
expect_match "$(cat "$D/statements/ACME.txt")" "Closing balance +350\.00 USD" "ACME statement"
expect_eq "2" "$(find "$D/notices" -type f | wc -l | tr -d ' ')" "one notice per customer"
expect_eq "1" "$(a --format json log --type statements.snapshot | json 'len(d)')" "snapshot journaled"
expect_exit 0 a check
