#!/usr/bin/env bash
# Cash received in a month that is already closed posts in the open period:
# February closes with unidentified cash (S-1 100.00 received 2026-02-20, S-2
# 250.00 received 2026-02-26); in March both are assigned and applied, a March
# receipt is auto-applied and March closes. February's GL export never changes.
# Also: a void after a close, the close's exit codes, a void before its document.
source "$ARCTL_TEST_LIB"
L="$tmp/l"
a() { "$ARCTL_BIN" -C "$L" "$@"; }
new_ledger "$L"
a -q customer add ACME --name "Acme Corp" --terms net30 >/dev/null
a -q customer add BETA --name "Beta Ltd" --terms net30 >/dev/null
a -q invoice create --customer ACME --id INV-A1 --date 2026-02-05 --line "Goods;1;100.00" >/dev/null
a -q invoice create --customer BETA --id INV-B1 --date 2026-02-10 --line "Goods;1;250.00" >/dev/null
a -q payment record --amount 100.00 --date 2026-02-20 --id S-1 --ref "wire 5521" >/dev/null
a -q payment record --amount 250.00 --date 2026-02-26 --id S-2 --ref "wire 7781" >/dev/null
# February's entries as the GL gets them (the title comment numbers each export).
gl_feb() {
  a -q gl export --period 2026-02 --reexport --format hledger --out "$tmp/feb.journal" >/dev/null
  grep -v '^;' "$tmp/feb.journal" >"$1"
}

case_ "February closes with its cash in suspense"
expect_exit 0 a --as-of 2026-03-01 close 2026-02 --out "$tmp/close"
gl_feb "$tmp/feb-before.journal"

export ARCTL_TODAY=2026-03-10
case_ "assigning and applying February's cash in March posts on the business date"
expect_exit 0 a payment assign S-1 --customer ACME
expect_exit 0 a payment apply S-1 --invoice INV-A1
expect_exit 0 a payment assign S-2 --customer BETA
a -q invoice create --customer ACME --id INV-A2 --date 2026-03-02 --line "Goods;1;40.00" >/dev/null
a -q payment record --customer ACME --amount 40.00 --date 2026-03-05 --id R-3 >/dev/null
a -q invoice create --customer BETA --id INV-B2 --date 2026-03-20 --line "Goods;1;70.00" >/dev/null
expect_exit 0 a --format json payment auto
expect_eq "0" "$(json 'sum(d["review"].values())' <<<"$out")" "nothing parked for review"
expect_eq "0.00 0.00 0.00" "$(for i in INV-A1 INV-B1 INV-A2; do a --format json invoice show $i | json 'd["open"]'; done | xargs)" "all paid"
run a --format json payment show S-2
expect_eq "2026-02-26" "$(json 'd["date"]' <<<"$out")" "the receipt keeps its document date"
expect_eq "2026-03-10 2026-02-26" "$(json 'd["applications"][0]["posting_date"] + " " + d["applications"][0]["document_date"]' <<<"$out")" "application: posting and document dates"
run a --format json log --type document.assigned
expect_eq "2026-03-10 2026-02-26" "$(json '[e["payload"]["date"] + " " + e["payload"]["document_date"] for e in d if e["payload"]["id"] == "S-2"][0]' <<<"$out")" "the log: posting and document dates"

case_ "aging as of February's end sees both the invoice and the cash on their own dates"
run a --format json --as-of 2026-02-28 aging
expect_eq "0.00 2" "$(json '[str(r["total"]) + " " + str(r["items"]) for r in d if r["customer"] == "BETA"][0]' <<<"$out")" "BETA: invoice open, receipt on account"

case_ "March closes, and February's export is unchanged"
expect_exit 0 a --as-of 2026-04-01 close 2026-03 --out "$tmp/close"
expect_eq "closed" "$(json 'd["status"]' <"$tmp/close/2026-03/close-report.json")" "March closed"
expect_contains "$(cat "$tmp/close/2026-03/gl.journal")" "arctl-docdate: 2026-02-20" "hledger tag"
expect_exit 0 hledger -f "$tmp/close/2026-03/gl.journal" check
gl_feb "$tmp/feb-after.journal"
expect_exit 0 cmp "$tmp/feb-before.journal" "$tmp/feb-after.journal"

case_ "after March's close, a void without --date posts on the first open day"
expect_exit 5 a invoice void INV-B2 --reason duplicate --date 2026-03-25
expect_exit 0 a invoice void INV-B2 --reason duplicate
run a --format json log --type document.voided
expect_eq "2026-04-01 2026-03-20" "$(json 'd[0]["payload"]["date"] + " " + d[0]["payload"]["document_date"]' <<<"$out")" "void: posting and document dates"

case_ "the GL carries the cash in March, with its document date"
a -q gl export --from 2026-01-01 --to 2026-03-31 --reexport --format jsonl --out "$tmp/all.jsonl"
expect_eq "[]" "$(python3 -c '
import json, sys
print([e["entry"] for e in map(json.loads, open(sys.argv[1]))
       if e["date"] <= "2026-02-28" and e["kind"] not in ("invoice", "receipt")])' "$tmp/all.jsonl")" "nothing new dated in February"
expect_eq "2026-03-10 2026-02-26" "$(python3 -c '
import json, sys
e = [e for e in map(json.loads, open(sys.argv[1])) if e["kind"] == "assignment" and e["document"] == "S-2"][0]
print(e["date"], e["document_date"])' "$tmp/all.jsonl")" "the assignment: posting and document dates"
expect_exit 0 a -q gl export --from 2026-01-01 --to 2026-03-31 --reexport --format beancount --out "$tmp/all.beancount"
expect_exit 0 bean-check "$tmp/all.beancount"
expect_exit 0 a -q gl export --from 2026-01-01 --to 2026-03-31 --reexport --format ledger --out "$tmp/all.ledger"
expect_exit 0 ledger -f "$tmp/all.ledger" --strict --pedantic bal

case_ "close: a malformed month is a usage error, a month not over yet a conflict"
expect_exit 2 a --as-of 2026-04-01 close 2026-13
expect_exit 4 a --as-of 2026-04-01 close 2026-04

case_ "a void dated before its document is refused"
a -q invoice create --customer ACME --id INV-A3 --date 2026-04-05 --line "Goods;1;10.00" >/dev/null
expect_exit 4 a invoice void INV-A3 --reason typo --date 2026-04-04
expect_exit 0 a invoice void INV-A3 --reason typo --date 2026-04-05
expect_exit 0 a check
