#!/usr/bin/env bash
# End-to-end: aging of the hand-computed fixture ledger (fixtures/README.md)
# as of two dates, on both bases, in table, json and csv.
source "$ARCTL_TEST_LIB"
source "$FIXTURES/ledger.sh"

L="$tmp/ledger"
fixture_ledger "$L"
a() { arctl -C "$L" "$@"; }

# bucket values, credits and total of one row in json: customer or the total
# row (the buckets hold open debits; credits are their own column)
row() { json '[[r["current"],r["1-30"],r["31-60"],r["61-90"],r["91-120"],r[">120"],r["credits"],r["total"]] for r in d if r["row"]=="'"$1"'" and (r["customer"]=="'"$2"'")][0]'; }

# expect_rows ACME BETA TOTAL ARGS...: `aging ARGS` in json has these bucket
# values in the rows of ACME, BETA and the total.
expect_rows() {
  expect_exit 0 a --format json aging "${@:4}"
  expect_eq "$1" "$(row customer ACME <<<"$out")" "ACME"
  expect_eq "$2" "$(row customer BETA <<<"$out")" "BETA"
  expect_eq "$3" "$(row total "" <<<"$out")" "TOTAL"
}

case_ "due basis as of 2026-03-31, json"
expect_rows '["0.00", "250.00", "300.00", "0.00", "0.00", "0.00", "-200.00", "350.00"]' \
  '["300.00", "1000.00", "0.00", "0.00", "300.00", "0.00", "0.00", "1600.00"]' \
  '["300.00", "1250.00", "300.00", "0.00", "300.00", "0.00", "-200.00", "1950.00"]' \
  --as-of 2026-03-31
expect_eq '["17.95", "82.05"]' "$(json '[r["pct"] for r in d if r["row"]=="customer"]' <<<"$out")" "percentages"

case_ "due basis as of 2026-03-31, csv"
expect_exit 0 a --format csv aging --as-of 2026-03-31
expect_eq "row,customer,name,currency,current,1-30,31-60,61-90,91-120,>120,credits,total,pct,items" "$(head -1 <<<"$out" | cut -d, -f1-14)" "csv header"
expect_eq '["customer", "ACME", "Acme <Industrial> & Sons", "USD", "0.00", "250.00", "300.00", "0.00", "0.00", "0.00", "-200.00", "350.00", "17.95", "3"]' "$(csv 'rows[1][:14]' <<<"$out")" "ACME csv row"
expect_eq '["total", "", "TOTAL", "USD", "300.00", "1250.00", "300.00", "0.00", "300.00", "0.00", "-200.00", "1950.00", "100.00", "6"]' "$(csv 'rows[3][:14]' <<<"$out")" "total csv row"

case_ "due basis as of 2026-03-31, table"
expect_exit 0 a --format table aging --as-of 2026-03-31
expect_match "$out" "ACME.*250\.00.*300\.00.*-200\.00.*350\.00" "ACME table row"
expect_match "$out" "TOTAL.*300\.00.*1,?250\.00.*300\.00.*-200\.00.*1,?950\.00" "TOTAL table row"

case_ "invoice basis as of 2026-03-31"
expect_rows '["0.00", "0.00", "250.00", "300.00", "0.00", "0.00", "-200.00", "350.00"]' \
  '["0.00", "300.00", "1000.00", "0.00", "0.00", "300.00", "0.00", "1600.00"]' \
  '["0.00", "300.00", "1250.00", "300.00", "0.00", "300.00", "-200.00", "1950.00"]' \
  --as-of 2026-03-31 --basis invoice
expect_exit 0 a --format csv aging --as-of 2026-03-31 --basis invoice
expect_eq '["total", "", "TOTAL", "USD", "0.00", "300.00", "1250.00", "300.00", "0.00", "300.00", "-200.00", "1950.00", "100.00", "6"]' "$(csv 'rows[3][:14]' <<<"$out")" "total csv row"

case_ "due basis as of 2026-02-15: later documents and applications do not count"
expect_rows '["0.00", "500.00", "0.00", "0.00", "0.00", "0.00", "0.00", "500.00"]' \
  '["1200.00", "0.00", "0.00", "300.00", "0.00", "0.00", "0.00", "1500.00"]' \
  '["1200.00", "500.00", "0.00", "300.00", "0.00", "0.00", "0.00", "2000.00"]' \
  --as-of 2026-02-15
expect_eq '["25.00", "75.00"]' "$(json '[r["pct"] for r in d if r["row"]=="customer"]' <<<"$out")" "percentages"
expect_exit 0 a --format csv aging --as-of 2026-02-15
expect_eq '["customer", "BETA", "Beta \"Quoted\" Ltd", "USD", "1200.00", "0.00", "0.00", "300.00", "0.00", "0.00", "0.00", "1500.00", "75.00", "2"]' "$(csv 'rows[2][:14]' <<<"$out")" "BETA csv row"
expect_exit 0 a --format table aging --as-of 2026-02-15
expect_match "$out" "TOTAL.*1,?200\.00.*500\.00.*300\.00.*2,?000\.00" "TOTAL table row"

case_ "invoice basis as of 2026-02-15"
expect_rows '["0.00", "0.00", "500.00", "0.00", "0.00", "0.00", "0.00", "500.00"]' \
  '["0.00", "1200.00", "0.00", "0.00", "300.00", "0.00", "0.00", "1500.00"]' \
  '["0.00", "1200.00", "500.00", "0.00", "300.00", "0.00", "0.00", "2000.00"]' \
  --as-of 2026-02-15 --basis invoice

case_ "summary, custom buckets, one customer, minimum balance"
expect_exit 0 a --format json aging --as-of 2026-03-31 --by summary
expect_eq '[["current", "300.00", "15.38"], ["1-30", "1250.00", "64.10"], ["91-120", "300.00", "15.38"], ["credits", "-200.00", "-10.26"], ["total", "1950.00", "100.00"]]' \
  "$(json '[[r["bucket"],r["amount"],r["pct"]] for r in d if r["bucket"] in ("current","1-30","91-120","credits","total")]' <<<"$out")" "summary rows"
expect_exit 0 a --format json aging --as-of 2026-03-31 --buckets 45,100
expect_eq '["0.00", "250.00", "300.00", "0.00", "-200.00", "350.00"]' "$(json '[[r["current"],r["1-45"],r["46-100"],r[">100"],r["credits"],r["total"]] for r in d if r["customer"]=="ACME"][0]' <<<"$out")" "custom buckets"
a -q config set aging.buckets 45,100
expect_exit 0 a --format json aging --as-of 2026-03-31
expect_eq '"300.00"' "$(json '[r[">100"] for r in d if r["customer"]=="BETA"][0]' <<<"$out" | sed 's/.*/"&"/')" "config aging.buckets"
a -q config unset aging.buckets
expect_exit 0 a --format json aging --as-of 2026-03-31 --customer BETA
expect_eq '["BETA"]' "$(json '[r["customer"] for r in d if r["row"]=="customer"]' <<<"$out")" "one customer"
expect_exit 0 a --format json aging --as-of 2026-03-31 --min-balance 1000
expect_eq '["BETA"]' "$(json '[r["customer"] for r in d if r["row"]=="customer"]' <<<"$out")" "minimum balance"
expect_exit 3 a aging --customer NOPE
expect_exit 2 a aging --buckets 60,30

case_ "as of a day before a receipt was reversed, the receipt had paid its invoice"
R="$tmp/reversed"
new_ledger "$R"
r() { arctl -C "$R" "$@"; }
r -q customer add C --name "Cust C" >/dev/null
r -q --as-of 2026-01-10 invoice create --customer C --id I1 --date 2026-01-05 --line "Widget;1;100.00" >/dev/null
r -q --as-of 2026-01-10 payment record --customer C --amount 100.00 --date 2026-01-08 --ref I1 --id R1 >/dev/null
r -q --as-of 2026-01-10 payment auto >/dev/null
r -q --as-of 2026-02-19 payment reverse R1 --reason "mis-keyed" >/dev/null
expect_exit 0 r --format json aging --as-of 2026-01-31
expect_eq '[]' "$out" "nothing open on 31 January"
expect_exit 0 r --format json aging --as-of 2026-02-28
expect_eq '100.00 1' "$(json '[r["total"] + " " + str(r["items"]) for r in d if r["row"] == "total"][0]' <<<"$out")" "I1 open again on 28 February"
expect_exit 0 r check
