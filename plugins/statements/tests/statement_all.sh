#!/usr/bin/env bash
# End-to-end: `statement --all` for 10,000 customers writes 10,000 files and
# an index; unsafe customer ids never escape the directory.
source "$ARCTL_TEST_LIB"

start_ledger
{
  echo "id,name"
  for i in $(seq 1 9998); do printf 'C%05d,Customer %d\n' "$i" "$i"; done
  echo '../evil,Path Traversal'
  echo '"a/b",Slash'
} >"$tmp/customers.csv"
a -q customer import "$tmp/customers.csv" >/dev/null
{
  echo "id,customer,date,amount"
  for i in $(seq 1 9998); do printf 'S%05d,C%05d,2026-03-%02d,%d.00\n' "$i" "$i" $(( (i % 28) + 1 )) "$i"; done
  echo 'SX1,../evil,2026-03-01,5.00'
} >"$tmp/invoices.csv"
a -q invoice import "$tmp/invoices.csv" >/dev/null

case_ "10,000 customers: 10,000 files plus index.csv"
expect_exit 0 a --format json statement --all --out "$tmp/out"
expect_eq "10000" "$(json 'd["written"]' <<<"$out")" "written"
expect_eq "10001" "$(find "$tmp/out" -type f | wc -l | tr -d ' ')" "files in the directory"
expect_eq "10001" "$(wc -l <"$tmp/out/index.csv" | tr -d ' ')" "index lines (header + 10,000)"
expect_eq "customer,name,file,closing_balance,currency" "$(head -1 "$tmp/out/index.csv")" "index header"
expect_eq "C00042,Customer 42,C00042.txt,42.00,USD" "$(grep '^C00042,' "$tmp/out/index.csv")" "index row"
expect_match "$(cat "$tmp/out/C00042.txt")" "Closing balance +42\.00 USD" "a statement file"
expect_eq "0" "$(find "$tmp" -maxdepth 1 -name '*evil*' | wc -l | tr -d ' ')" "nothing written outside the directory"
expect_match "$(grep 'evil' "$tmp/out/index.csv")" '^\.\./evil,Path Traversal,_\.\._evil~[0-9a-f]{8}\.txt,5\.00,USD$' "unsafe id made safe"

case_ "--min-balance keeps the larger balances, pdf files open"
expect_exit 0 a --format json statement --all --min-balance 9990 --format pdf --out "$tmp/big"
expect_eq "9" "$(json 'd["written"]' <<<"$out")" "written"
expect_exit 0 pdftotext "$tmp/big/C09998.pdf" -
expect_contains "$out" "9998.00 USD" "pdf closing"
