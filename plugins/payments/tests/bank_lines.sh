#!/usr/bin/env bash
# End-to-end: bank lines. A CAMT.053 batch entry becomes one receipt per
# transaction detail; a bank line that confirms a hand-keyed receipt is linked
# to it rather than booked twice; a CSV reason column and `payment record
# --reason` store the deduction reason on the receipt.
source "$ARCTL_TEST_LIB"
FIX="$(cd "$(dirname "$0")" && pwd)/fixtures"

start_ledger
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
expect_eq "ACME 400.00 0007731 true" \
  "$(json '" ".join([d["customer"], d["amount"], d["check_no"], json.dumps(d["confirmed"])])' <<<"$out")" \
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

case_ "bank lines that confirm hand-keyed receipts are linked, not booked twice"
for i in 201 202 203 204 205 206; do inv ACME "INV-2026-000$i" 600.00; done
a -q config set payments.bank_match_days 5 >/dev/null
rec() { a -q payment record --customer ACME "$@" >/dev/null; }
# CONF-1: same amount, one day earlier, the keyed reference inside the bank's text.
rec --id HK-1 --amount 500.00 --date 2026-03-02 --method wire --ref "INV-2026-000201"
# CONF-2: two keyed receipts fit: booked anew, flagged as a possible duplicate.
rec --id HK-2 --amount 75.00 --date 2026-03-10 --method ach
rec --id HK-3 --amount 75.00 --date 2026-03-11 --method ach --allow-duplicate
# CONF-3: the references differ: not the same payment.
rec --id HK-4 --amount 60.00 --date 2026-03-13 --method wire --ref "wire 991"
# CONF-4: the cheque numbers agree once leading zeros are ignored.
rec --id HK-5 --amount 42.00 --date 2026-03-15 --method check --check-no 001234 --ref INV-2026-000204
# CONF-5: 4 days apart, inside payments.bank_match_days=5; CONF-6: 6 days apart, outside.
rec --id HK-6 --amount 33.00 --date 2026-03-16 --method wire
rec --id HK-7 --amount 21.00 --date 2026-03-19 --method wire
run show HK-1
expect_eq "false" "$(json 'd["confirmed"]' <<<"$out")" "a keyed receipt is unconfirmed until the bank says so"
expect_exit 0 a --format json payment import "$FIX/bank-confirm.csv" --format csv
expect_eq "6 3 3 1 0" \
  "$(json '"%d %d %d %d %d" % (d["credits"], d["created"], d["linked"], d["possible_duplicates"], d["unchanged"])' <<<"$out")" \
  "credits, created, linked, possible duplicates, unchanged"
run show HK-1
expect_eq "true CONF-1 500.00" "$(json '" ".join([json.dumps(d["confirmed"]), d["bank_ref"], d["amount"]])' <<<"$out")" "HK-1 confirmed"
run show HK-5
expect_eq "true CONF-4" "$(json '" ".join([json.dumps(d["confirmed"]), d["bank_ref"]])' <<<"$out")" "HK-5 confirmed"
run show HK-6
expect_eq "CONF-5" "$(json 'd["bank_ref"]' <<<"$out")" "HK-6 confirmed within the configured window"
run show BANK-CONF-2
expect_eq "HK-2,HK-3 75.00 true" \
  "$(json '" ".join([d["possible_duplicate"], d["amount"], json.dumps(d["confirmed"])])' <<<"$out")" \
  "new receipt flagged with both candidates"
run show BANK-CONF-3
expect_eq "False" "$(json 'str("possible_duplicate" in d)' <<<"$out")" "a mismatched reference is no candidate"
run a --format json payment list --customer ACME
expect_eq '[]' "$(json '[r["id"] for r in d if r["id"] in ("BANK-CONF-1", "BANK-CONF-4", "BANK-CONF-5")]' <<<"$out")" \
  "no receipt booked for the confirming lines"
expect_eq '["HK-2", "HK-3", "HK-4", "HK-7"]' \
  "$(json 'sorted(r["id"] for r in d if r["id"].startswith("HK-") and not r["confirmed"])' <<<"$out")" \
  "keyed receipts left unconfirmed"
expect_eq '["BANK-CONF-2", "BANK-CONF-3", "BANK-CONF-6", "HK-1", "HK-5", "HK-6"]' \
  "$(json 'sorted(r["id"] for r in d if r["confirmed"] and not r["id"].startswith("BANK-BATCH") and not r["id"].startswith("BANK-STMT"))' <<<"$out")" \
  "confirmed receipts in the list"
expect_eq "962.00" \
  "$(json '"%.2f" % sum(float(r["amount"]) for r in d if r["id"].startswith(("HK-", "BANK-CONF")))' <<<"$out")" \
  "the money keyed plus the money only the bank reported, each once"
run a --format json log --type payment.confirmed
expect_eq "3" "$(json 'len(d)' <<<"$out")" "three payment.confirmed events"
expect_eq "HK-1 ACME CONF-1 500.00 USD 2026-03-03" \
  "$(json '" ".join([e for e in d if e["payload"]["id"] == "HK-1"][0]["payload"][k] for k in ["id", "customer", "bank_ref", "amount", "currency", "date"])' <<<"$out")" \
  "payment.confirmed payload"

case_ "re-importing after linking adds nothing and links nothing again"
before="$(event_count "$L")"
expect_exit 0 a --format json payment import "$FIX/bank-confirm.csv" --format csv
expect_eq "0 0 0 6" "$(json '"%d %d %d %d" % (d["created"], d["linked"], d["possible_duplicates"], d["unchanged"])' <<<"$out")" \
  "created, linked, possible duplicates, unchanged"
expect_eq "$before" "$(event_count "$L")" "re-import writes no event"

case_ "a BAI2 line confirms a keyed receipt too"
# bai2-3credits.txt: FW260130-0001, 1250.00 booked 2026-01-30, "INCOMING WIRE INV-2026-000014".
B="$tmp/bai2"
new_ledger "$B"
arctl -C "$B" -q customer add ACME --name "Acme Corp" --terms net30 >/dev/null
arctl -C "$B" -q invoice create --customer ACME --id INV-2026-000014 --date 2026-01-10 --line "Goods;1;1250.00" >/dev/null
arctl -C "$B" -q payment record --customer ACME --id HK-W --amount 1250.00 --date 2026-01-29 --method wire --ref INV-2026-000014 >/dev/null
expect_exit 0 arctl -C "$B" --format json payment import "$FIX/bai2-3credits.txt" --format bai2
expect_eq "1 2" "$(json '"%d %d" % (d["linked"], d["created"])' <<<"$out")" "linked, created"
run arctl -C "$B" --format json payment show HK-W
expect_eq "true FW260130-0001" "$(json '" ".join([json.dumps(d["confirmed"]), d["bank_ref"]])' <<<"$out")" "HK-W confirmed"
expect_exit 0 arctl -C "$B" check

case_ "a bad payments.bank_match_days is refused, naming the key"
expect_exit 4 a config set payments.bank_match_days soon
expect_contains "$err" "payments.bank_match_days" "error names the key"

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
