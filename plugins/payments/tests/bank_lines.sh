#!/usr/bin/env bash
# End-to-end: bank lines. A CAMT.053 batch entry becomes one receipt per
# transaction detail; a CSV reason column and `payment record --reason` store
# the deduction reason on the receipt.
source "$ARCTL_TEST_LIB"
FIX="$(cd "$(dirname "$0")" && pwd)/fixtures"

L="$tmp/ledger"
new_ledger "$L"
a() { arctl -C "$L" "$@"; }
open_of() { a --format json invoice show "$1" | json 'd["open"]'; }
show() { a --format json payment show "$1"; }
a -q customer add ACME --name "Acme Corp" --terms net30 >/dev/null
a -q customer add GLOBEX --name "Globex LLC" --terms net30 >/dev/null
inv() { a -q invoice create --customer "$1" --id "$2" --date 2026-02-20 --line "Goods;1;$3" >/dev/null; }
inv ACME INV-2026-000101 400.00
inv GLOBEX INV-2026-000102 250.00
inv ACME INV-2026-000103 120.00
inv GLOBEX INV-2026-000104 80.50

case_ "camt.053.001.02 batch: one receipt per detail, each applied to its own invoice"
# Ntry BATCH-0201 of 650.00: Acme 400.00 for INV-101, Globex 250.00 for INV-102.
expect_exit 0 a --format json payment import "$FIX/camt053-batch-02.xml" --format camt053
expect_eq "2 2" "$(json '"%d %d" % (d["credits"], d["created"])' <<<"$out")" "credits and receipts"
run show "BANK-BATCH-0201/LBX-1"
expect_eq "ACME 400.00 0007731" "$(json '" ".join([d["customer"], d["amount"], d["check_no"]])' <<<"$out")" \
  "Acme's receipt"
run show "BANK-BATCH-0201/E2E-GLX-9"
expect_eq "GLOBEX 250.00 ach" "$(json '" ".join([d["customer"], d["amount"], d["method"]])' <<<"$out")" \
  "Globex's receipt"
expect_exit 0 a payment auto
expect_eq "0.00" "$(open_of INV-2026-000101)" "INV-101 paid by Acme's detail"
expect_eq "0.00" "$(open_of INV-2026-000102)" "INV-102 paid by Globex's detail"
run show "BANK-BATCH-0201/LBX-1"
expect_eq '["INV-2026-000101"]' "$(json '[x["document"] for x in d["applications"]]' <<<"$out")" "Acme's applications"
run show "BANK-BATCH-0201/E2E-GLX-9"
expect_eq '["INV-2026-000102"]' "$(json '[x["document"] for x in d["applications"]]' <<<"$out")" "Globex's applications"
before="$(event_count "$L")"
expect_exit 0 a --format json payment import "$FIX/camt053-batch-02.xml" --format camt053
expect_eq "0 2" "$(json '"%d %d" % (d["created"], d["unchanged"])' <<<"$out")" "re-import adds nothing"
expect_eq "$before" "$(event_count "$L")" "re-import writes no event"

case_ "camt.053.001.08 batch: TxDtls/Amt, Dbtr/Pty/Nm, the index as the key of a detail"
# Entry STMT-20260306-08:0001 of 200.50: Acme 120.00 (INV-103), Globex 80.50 (INV-104).
expect_exit 0 a --format json payment import "$FIX/camt053-batch-08.xml" --format camt053
expect_eq "2" "$(json 'd["created"]' <<<"$out")" "receipts"
run show "BANK-STMT-20260306-08:0001/2"
expect_eq "GLOBEX 80.50" "$(json '" ".join([d["customer"], d["amount"]])' <<<"$out")" "Globex's receipt"
expect_exit 0 a payment auto
expect_eq "0.00" "$(open_of INV-2026-000103)" "INV-103 paid"
expect_eq "0.00" "$(open_of INV-2026-000104)" "INV-104 paid"
expect_exit 0 a --format json payment import "$FIX/camt053-batch-08.xml" --format camt053
expect_eq "0" "$(json 'd["created"]' <<<"$out")" "re-import adds nothing"

case_ "a reason from the bank CSV or the keyer is stored as short_reason"
inv ACME INV-2026-000301 100.00
inv ACME INV-2026-000302 40.00
expect_exit 0 a --format json payment import "$FIX/bank-reason.csv" --format csv
expect_eq "2" "$(json 'd["created"]' <<<"$out")" "receipts"
run show BANK-RSN-1
expect_eq "damaged" "$(json 'd["short_reason"]' <<<"$out")" "reason from the CSV"
run show BANK-RSN-2
expect_eq "False" "$(json 'str("short_reason" in d)' <<<"$out")" "no reason, no attribute"
expect_exit 0 a payment record --customer ACME --amount 12.00 --date 2026-03-20 --reason pricing --id HR-1
run show HR-1
expect_eq "pricing" "$(json 'd["short_reason"]' <<<"$out")" "reason keyed by hand"
expect_exit 0 a --as-of 2026-03-05 payment record --customer ACME --amount 18.00 --date 2026-03-05 \
  --value-date 2026-03-20 --method check --check-no 555 --reason "short shipped" --id HR-2
expect_exit 0 a --as-of 2026-03-25 payment auto
run show HR-2
expect_eq "short shipped 18.00" "$(json '" ".join([d["short_reason"], d["amount"]])' <<<"$out")" \
  "a post-dated cheque keeps its reason until released"

expect_exit 0 a check
