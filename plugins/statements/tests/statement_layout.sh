#!/usr/bin/env bash
# End-to-end: a statement names its sender (statements.company, .address,
# .remit_to) and never cuts a document id or a reference short, in text,
# HTML and PDF (read back with poppler's pdftotext).
source "$ARCTL_TEST_LIB"

start_ledger
a -q customer add ACME --name "Acme Corp" --terms net30 >/dev/null
inv="INV-2026-000001-ACME-WEST"
po="PO-2026-ACME-000000012345"
a -q invoice create --customer ACME --id "$inv" --po "$po" --date 2026-03-02 --line "Gear;1;100.00" >/dev/null
a -q payment record --customer ACME --id "RCPT-2026-000000000042" --amount 60.00 --date 2026-03-10 >/dev/null
a -q payment apply RCPT-2026-000000000042 --invoice "$inv" --amount 60.00 --date 2026-03-10 >/dev/null

case_ "the sender's settings are checked when set"
expect_exit 2 a config set statements.company "  "
expect_exit 2 a config set statements.remit_to "$(printf 'Lockbox 7\tChicago')"
expect_exit 0 a config set statements.company "Northwind Supply Co"
expect_exit 0 a config set statements.address "1 Harbour Road, Portsmouth PO1 3AX"
expect_exit 0 a config set statements.remit_to "Northwind Supply Co, Lockbox 4471, Chicago IL 60693"

for f in text html pdf; do
  case_ "$f: whole ids and references, and the sender"
  expect_exit 0 a statement ACME --from 2026-03-01 --to 2026-03-31 --format "$f" --out "$tmp/st.$f"
  if [[ "$f" == pdf ]]; then
    pdftotext "$tmp/st.pdf" "$tmp/st.txt"
    text="$(cat "$tmp/st.txt")"
  else
    text="$(cat "$tmp/st.$f")"
  fi
  for want in "$inv" "$po" RCPT-2026-000000000042 "Northwind Supply Co" \
    "1 Harbour Road, Portsmouth PO1 3AX" "Lockbox 4471, Chicago IL 60693"; do
    expect_contains "$text" "$want" "$want in $f"
  done
done
expect_exit 0 a check
