#!/usr/bin/env bash
# Tampering below arctl (with lmdb_poke, straight in LMDB): a changed byte in a
# journal event's payload, a deleted last event and a deleted middle event are
# each caught by `arctl check` (exit 1, naming the event) and `log --verify`.
source "$(dirname "$0")/lib.sh"

: "${LMDB_POKE:?LMDB_POKE must name the lmdb_poke test tool}"
poke() { "$LMDB_POKE" "$@"; }
seq_key() { printf '%016x' "$1"; }

L="$tmp/ledger"
new_ledger "$L"
base=$(event_count "$L")
arctl -C "$L" -q customer add ALPHA --name "Alpha Ltd" >/dev/null
arctl -C "$L" -q customer add TARGET --name "Tamper Target Ltd" >/dev/null
arctl -C "$L" -q customer add OMEGA --name "Omega Ltd" >/dev/null
arctl -C "$L" -q config set local.reminder_days 14 >/dev/null
arctl -C "$L" -q period lock 2026-01-31 >/dev/null

case_ "the untouched ledger checks clean"
expect_exit 0 arctl -C "$L" check
expect_exit 0 arctl -C "$L" --format json log --verify
expect_eq true "$(json 'd["verified"]' <<<"$out")" "verified"
last=$(json 'd["seq"]' <<<"$out")
expect_eq $((base + 5)) "$last" "journal head"
expect_exit 0 arctl -C "$L" --format json log --type customer.added
target=$(json '[e["seq"] for e in d if e["payload"]["id"] == "TARGET"][0]' <<<"$out")
expect_eq $((base + 2)) "$target" "seq of TARGET's customer.added"
expect_exit 0 poke "$L" journal --list
expect_eq "$last" "$(wc -l <<<"$out")" "journal entries seen by lmdb_poke"
expect_contains "$out" "$(seq_key "$target") " "journal keys are 8-byte big-endian"

# copy NAME: a copy of the ledger to damage (LMDB files copied while idle).
copy() {
  cp -a "$L" "$tmp/$1"
  ledger_left_broken "$tmp/$1"
  echo "$tmp/$1"
}

case_ "one flipped byte inside an event's payload is found and named"
T=$(copy flipped)
expect_exit 0 poke "$T" journal "$(seq_key "$target")" --get
value_hex=$out
# The name is in the event's command line too; the payload comes after it.
offset=$(python3 -c '
import sys
value = bytes.fromhex(sys.argv[1])
i = value.rfind(b"Tamper Target Ltd")
assert i >= 0, "payload text not found in the stored event"
print(i + 7)
' "$value_hex")
expect_exit 0 poke "$T" journal "$(seq_key "$target")" "$offset"
expect_exit 0 poke "$T" journal "$(seq_key "$target")" --get
expect_false "the value changed" test "$out" = "$value_hex"
expect_exit 1 arctl -C "$T" check
expect_match "$out
$err" "(seq|event) $target([^0-9]|$)" "check output"
expect_exit 1 arctl -C "$T" --format json check
expect_eq "[false, \"journal\", \"seq $target\"]" \
  "$(json '[d["ok"], d["findings"][0]["area"], d["findings"][0]["record"]]' <<<"$out")" \
  "first finding"
expect_exit 1 arctl -C "$T" --format json log --verify
expect_eq false "$(json 'd["verified"]' <<<"$out")" "verified after a flipped byte"
expect_match "$err" "(seq|event) $target([^0-9]|$)" "log --verify stderr"

case_ "deleting the last journal event is found"
T=$(copy truncated)
expect_exit 0 poke "$T" journal "$(seq_key "$last")" --delete
expect_exit 0 poke "$T" journal --list
expect_eq $((last - 1)) "$(wc -l <<<"$out")" "journal entries after the delete"
expect_exit 1 arctl -C "$T" check
expect_match "$out
$err" "(seq|event) $last([^0-9]|$)" "check output"
expect_exit 1 arctl -C "$T" --format json check
expect_eq '[false, "journal"]' "$(json '[d["ok"], d["findings"][0]["area"]]' <<<"$out")" \
  "first finding"
expect_exit 1 arctl -C "$T" log --verify

case_ "deleting an event in the middle is found and named"
T=$(copy gap)
expect_exit 0 poke "$T" journal "$(seq_key 2)" --delete
expect_exit 1 arctl -C "$T" --format json check
expect_eq '[false, "journal", "seq 2"]' \
  "$(json '[d["ok"], d["findings"][0]["area"], d["findings"][0]["record"]]' <<<"$out")" \
  "first finding"
expect_exit 1 arctl -C "$T" log --verify

case_ "the original ledger is still clean"
expect_exit 0 arctl -C "$L" check

case_ "a test that leaves a ledger failing arctl check fails, though it never ran the check"
# The end-of-script check in lib.sh, tried on a script of its own: it damages
# nothing itself, only reads the damaged copy from above.
cat >"$tmp/leaves_broken.sh" <<CHILD
source "$_lib_file"
arctl -C "$T" -q customer list >/dev/null || true
[[ "\${1-}" != declared ]] || ledger_left_broken "$T"
CHILD
ARCTL_BIN=$_arctl_target expect_exit 1 bash "$tmp/leaves_broken.sh"
expect_contains "$err" "arctl check fails on the ledger" "the failing script's report"
ARCTL_BIN=$_arctl_target expect_exit 0 bash "$tmp/leaves_broken.sh" declared
