#!/usr/bin/env bash
# Hostile input, table-driven (hostile/cases.tsv): every importer and command
# fed malformed, mis-encoded, oversized, overflowing or contradictory input
# exits with its documented code, names where the problem is, and leaves the
# ledger unchanged in content (journal head, `arctl check`, every listing).
source "$(dirname "$0")/lib.sh"

F="$(cd "$(dirname "$0")" && pwd)/hostile"
G="$tmp/generated"
L="$tmp/ledger"
mkdir -p "$G"
a() { arctl -C "$L" "$@"; }

# --- the ledger every case runs against ------------------------------------
# Customers in three currencies, a customer whose name is a spreadsheet
# formula, invoices and receipts (one EUR receipt beside a USD invoice),
# an imported invoice and bank entry to re-import, and January locked.
new_ledger "$L"
a -q customer add ACME --name "Acme Corp" --terms net30 --credit-limit 50000.00 >/dev/null
a -q customer add EURO --name "Euro GmbH" --currency EUR >/dev/null
a -q customer add YEN --name "Yen KK" --currency JPY >/dev/null
a -q customer add FORMULA --name "=cmd|' /C calc'!A0" >/dev/null
a -q invoice create --customer ACME --id INV-1 --date 2026-02-02 --line "Widget;1;100.00" >/dev/null
a -q invoice create --customer EURO --id EINV-1 --date 2026-02-02 --line "Teil;1;200.00" >/dev/null
a -q invoice import "$F/inv-base.csv" >/dev/null
a -q payment record --customer EURO --amount 50.00 --id EPAY-1 --date 2026-02-03 >/dev/null
a -q payment record --customer ACME --amount 10.00 --id UPAY-1 --date 2026-02-03 >/dev/null
a -q payment import "$F/pay-base.csv" --format csv >/dev/null
a -q period lock 2026-01-31 >/dev/null

# --- inputs whose bytes matter, generated here so the bytes stay visible ----
bom=$'\xef\xbb\xbf'
printf 'id,name,currency\nR1,Carriage\rReturn,USD\n' >"$G/cust-stray-cr.csv"
printf 'id,name,currency\nL1,Caf\xe9 Latin,USD\n' >"$G/cust-latin1.csv"
python3 -c 'import sys; sys.stdout.buffer.write("id,name\nU1,Utf Sixteen\n".encode("utf-16"))' \
  >"$G/cust-utf16.csv"
printf '%sid,name,currency,terms,credit_limit\nACME,Acme Corp,USD,net30,50000.00\n' "$bom" \
  >"$G/cust-utf8-bom.csv"
printf 'id,name\nN1,Nul\0Byte\n' >"$G/cust-nul.csv"
{
  printf 'id,name\nBIG,'
  head -c $((1024 * 1024 + 1)) /dev/zero | tr '\0' 'x'
  printf '\n'
} >"$G/cust-huge-field.csv"
inv_head='id,customer,date,description,quantity,unit_price'
printf '%s%s' "$bom" "$(cat "$F/inv-base.csv")" >"$G/inv-utf8-bom.csv"
printf '%s\nNEW-1,ACME,2026-03-01,Item\rOne,1,10.00\n' "$inv_head" >"$G/inv-stray-cr.csv"
printf '%s\nNEW-1,ACME,2026-03-01,Item\0One,1,10.00\n' "$inv_head" >"$G/inv-nul.csv"
python3 -c 'import sys; sys.stdout.buffer.write(sys.argv[1].encode("utf-16"))' \
  "$inv_head"$'\nNEW-1,ACME,2026-03-01,Item,1,10.00\n' >"$G/inv-utf16.csv"
{
  printf 'id,customer,date,amount,memo\nNEW-1,ACME,2026-03-01,10.00,'
  head -c $((1024 * 1024 + 1)) /dev/zero | tr '\0' 'm'
  printf '\n'
} >"$G/inv-huge-memo.csv"
printf '{"id":"NEW-1","customer":"ACME","date":"2026-03-01","amount":"10.00","memo":"Caf\xe9"}\n' \
  >"$G/inv-latin1.jsonl"
pay_head='entry_ref,date,amount,currency,reference'
printf '%s\nLAT-1,2026-03-02,10.00,USD,Caf\xe9\n' "$pay_head" >"$G/pay-latin1.csv"
printf '%s\nCR-1,2026-03-02,10.00,USD,INV\r1\n' "$pay_head" >"$G/pay-stray-cr.csv"
printf '%s\nNUL-1,2026-03-02,10.00,USD,INV\x001\n' "$pay_head" >"$G/pay-nul.csv"
printf '%s%s\n' "$bom" "$(cat "$F/pay-base.csv")" >"$G/pay-utf8-bom.csv"
python3 -c 'import sys; sys.stdout.buffer.write(open(sys.argv[1]).read().encode("utf-16"))' \
  "$F/camt-good-control.xml" >"$G/camt-utf16.xml"
sed 's#INCOMING WIRE/$#INCOMING\x00WIRE/#' "$F/bai2-good-control.txt" >"$G/bai2-nul.txt"
sed 's#INCOMING WIRE/$#INCOMING WIRE CAF\xc9/#' "$F/bai2-good-control.txt" >"$G/bai2-latin1.txt"
sed 's#INV-1 remittance#Caf\xe9 remittance#' "$F/camt-good-control.xml" >"$G/camt-latin1.xml"

# --- what "unchanged in content" means --------------------------------------
# The ledger is the same before every case, so each case is compared with the
# state before the first one: the journal head (the newest event; the chain
# makes it cover every event before it), the full `arctl check` report
# (balances recomputed from documents, counts, findings) and, after an
# import, the listing of what it imports. After the whole table, every
# listing is compared once more.
# The sanitizer build (HOSTILE_STATE=head) leaves out the check report per
# case: every change journals, so the head alone still shows a write, and the
# full state is still compared after the whole table.
state() {
  echo "journal head: $(a log -n 1 --format jsonl)"
  [[ "${HOSTILE_STATE:-full}" == head ]] || a --format json check 2>&1 || echo "check exit $?"
  case "$1" in
    customer) a --format json customer list --status all ;;
    invoice) a --format json invoice list --status all ;;
    payment) a --format json payment list ;;
  esac
}

full_state() {
  local cmd
  state none
  for cmd in "customer list --status all" "invoice list --status all" "payment list" \
    "dispute list --status all" "credit show ACME" "hold list" "period show" "config list"; do
    echo "== $cmd"
    # shellcheck disable=SC2086 # the listing commands are split on purpose
    a --format json $cmd 2>&1 || echo "exit $?"
  done
}

# split_args TEXT: the arguments of TEXT (shell-like quoting), one per line of
# the array `args`, with {F} and {G} replaced by the fixture directories.
split_args() {
  mapfile -d '' -t args < <(python3 -c '
import shlex, sys
for a in shlex.split(sys.argv[1]):
    sys.stdout.write(a.replace("{F}", sys.argv[2]).replace("{G}", sys.argv[3]) + "\0")
' "$1" "$F" "$G")
}

case_ "the ledger the cases run against checks clean"
expect_exit 0 a check
start_state="$(full_state)"
declare -A expected
for listing in none customer invoice payment; do
  expected[$listing]="$(state "$listing")"
done
# A copy to go back to when a case does change the ledger, so that one
# failure does not hide or cause others.
cp -a "$L" "$tmp/pristine"

ran=0
skipped=0
while IFS=$'\t' read -r name want fragments command skip || [[ -n "$name" ]]; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  case_ "$name"
  if [[ -n "${skip:-}" ]]; then
    echo "SKIP $name: ${skip#SKIP: }"
    skipped=$((skipped + 1))
    continue
  fi
  ran=$((ran + 1))
  split_args "$command"
  listing=none
  [[ "${args[*]}" =~ (customer|invoice|payment)\ import ]] && listing=${BASH_REMATCH[1]}
  expect_exit "$want" a "${args[@]}"
  # Where the problem is goes to stderr with the error; a case that is
  # meant to succeed shows its evidence on stdout.
  stream="$err"
  [[ "$want" == 0 ]] && stream="$out"
  while IFS= read -r fragment; do
    [[ -n "$fragment" ]] && expect_contains "$stream" "$fragment" "output of $name"
  done < <(sed 's/ && /\n/g' <<<"$fragments")
  if [[ "$want" != 0 ]]; then
    expect_match "$err" '^arctl: ' "stderr of $name starts with the program name"
  fi
  after="$(state "$listing")"
  if [[ "$after" != "${expected[$listing]}" ]]; then
    fail "the ledger changed: $(diff <(echo "${expected[$listing]}") <(echo "$after") | head -20 || true)"
    rm -rf "$L"
    cp -a "$tmp/pristine" "$L"
  else
    checks=$((checks + 1))
  fi
done <"$F/cases.tsv"

case_ "control characters in bank text are folded to one space, never stored"
# The BAI2 and CAMT.053 readers fold runs of blanks and control characters
# in free text (a NUL byte, &#1;) into one space; the text is still UTF-8.
S="$tmp/scratch"
cp -a "$tmp/pristine" "$S"
expect_exit 0 arctl -C "$S" payment import "$G/bai2-nul.txt" --format bai2
expect_exit 0 arctl -C "$S" payment import "$F/camt-control-char.xml" --format camt053
expect_exit 0 arctl -C "$S" --format json payment list
expect_eq '["CONTROL CHARACTER", "INCOMING WIRE"]' \
  "$(json 'sorted(r["ref"] for r in d if r["id"] in ("BANK-CAMT-CTL-1", "BANK-FW-0001"))' <<<"$out")" \
  "remittance texts"
expect_exit 0 arctl -C "$S" check

case_ "the table is big enough to mean something"
expect_true "at least 60 cases ran ($ran ran, $skipped skipped)" test "$ran" -ge 60

case_ "after the whole table every listing is as before and the ledger checks clean"
expect_eq "$start_state" "$(full_state)" "ledger content"
expect_exit 0 a check
