#!/usr/bin/env bash
# End-to-end: restore checks the backup file itself and makes it the ledger
# read from the directory: ARCTL_STORE does not redirect the check, and
# --force removes a store.url that would otherwise still win.
source "$(dirname "$0")/lib.sh"

: "${LMDB_POKE:?LMDB_POKE must name the lmdb_poke test tool}"
L="$tmp/ledger"
new_ledger "$L"
arctl -C "$L" -q customer add ACME --name "Acme Ltd" >/dev/null
arctl -C "$L" -q backup "$tmp/good.mdb" >/dev/null
mkdir -p "$tmp/badl"
cp "$tmp/good.mdb" "$tmp/badl/data.mdb"
key="$("$LMDB_POKE" "$tmp/badl" journal --list | sed -n 2p | cut -d' ' -f1)"
"$LMDB_POKE" "$tmp/badl" journal "$key" 40 >/dev/null

case_ "restore checks the backup, not the ledger ARCTL_STORE names"
expect_exit 1 env ARCTL_STORE="$L" "$ARCTL_BIN" -C "$tmp/r1" restore "$tmp/badl/data.mdb" --force
expect_contains "$err" "does not pass arctl check" "the refusal"
expect_false "nothing restored" test -e "$tmp/r1/data.mdb"

case_ "restore --force over a store.url makes the restored file the ledger"
new_ledger "$tmp/other"
arctl -C "$tmp/other" -q customer add OTHER --name "Other" >/dev/null
mkdir -m 700 "$tmp/r2"
echo "$tmp/other" >"$tmp/r2/store.url"
expect_exit 4 arctl -C "$tmp/r2" restore "$tmp/good.mdb"
expect_exit 0 arctl -C "$tmp/r2" --format json restore "$tmp/good.mdb" --force
expect_eq "$tmp/other" "$(json 'd["store_url_removed"]' <<<"$out")" "the URL it removed"
expect_false "store.url removed" test -e "$tmp/r2/store.url"
expect_exit 0 arctl -C "$tmp/r2" --format json customer list
expect_eq '["ACME"]' "$(json '[c["id"] for c in d]' <<<"$out")" "customers read from the directory"
expect_exit 0 arctl -C "$tmp/r2" check
expect_exit 0 arctl -C "$tmp/other" check
expect_exit 0 arctl -C "$L" check
