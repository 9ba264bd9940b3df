#!/usr/bin/env bash
# End-to-end: invoicing part of an open order takes only the invoiced amount
# out of the order's exposure; the rest stays open until invoiced too.
source "$ARCTL_TEST_LIB"

start_ledger ACME "Acme Corp"
a -q credit set ACME --limit 5000.00 >/dev/null
a -q credit order ACME --order-id SO-1 --amount 1000.00 >/dev/null
show() { a --format json credit show ACME | json "d['$1']"; }

case_ "a partial invoice reduces the order by what it invoiced"
expect_exit 0 a invoice create --customer ACME --id INV-1 --date 2026-03-02 --po SO-1 --line "Goods;1;300.00"
expect_eq "700.00" "$(show open_orders)" "order left after 300.00 invoiced"
expect_eq "1000.00" "$(show exposure)" "invoice plus the rest of the order"
run a --format json log --type credit.order -n 1
expect_eq "invoiced 300.00 700.00" \
  "$(json '" ".join([d[0]["payload"][k] for k in ("action", "amount", "remaining")])' <<<"$out")" \
  "journaled: the invoiced part and what remains"

case_ "invoicing the rest (or more) settles the order"
expect_exit 0 a invoice create --customer ACME --id INV-2 --date 2026-03-03 --po SO-1 --line "Goods;1;800.00"
expect_eq "0.00" "$(show open_orders)" "order settled"
expect_eq "1100.00" "$(show exposure)" "the two invoices"
expect_exit 3 a credit order ACME --order-id SO-1 --remove

expect_exit 0 a check
