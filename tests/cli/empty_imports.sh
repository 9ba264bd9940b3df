#!/usr/bin/env bash
# End-to-end: an import of an empty file (not even a header row) is refused
# with exit 4 naming the file, for customers, invoices and bank CSV, and
# writes nothing.
source "$(dirname "$0")/lib.sh"

start_ledger ACME "Acme Corp"
: >"$tmp/empty.csv"
before="$(event_count "$L")"

case_ "customer, invoice and payment import refuse an empty file"
expect_exit 4 a customer import "$tmp/empty.csv"
expect_contains "$err" "empty.csv" "customer import names the file"
expect_exit 4 a invoice import "$tmp/empty.csv"
expect_contains "$err" "empty.csv" "invoice import names the file"
expect_exit 4 a payment import "$tmp/empty.csv" --format csv
expect_contains "$err" "empty.csv" "payment import names the file"
expect_eq "$before" "$(event_count "$L")" "nothing written"

expect_exit 0 a check
