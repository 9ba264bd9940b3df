#!/usr/bin/env bash
# End-to-end: backup while another process writes, and restore with a check.
source "$(dirname "$0")/lib.sh"

start_ledger
{
  echo "id,name"
  for i in $(seq 1 50); do echo "C$i,Customer $i"; done
} >"$tmp/customers.csv"
a -q customer import "$tmp/customers.csv" >/dev/null
# BACKUP_WRITES customers are added one command each while the backup runs.
writes=${BACKUP_WRITES:-200}

case_ "a backup taken while another process writes is a consistent ledger"
( for i in $(seq 51 $((50 + writes))); do arctl -C "$L" -q customer add "C$i" --name "Customer $i" >/dev/null; done ) &
writer=$!
sleep 0.2
expect_exit 0 a --format json backup "$tmp/during.mdb"
wait "$writer"
seq_at_backup="$(json 'd["journal_seq"]' <<<"$out")"
expect_exit 3 arctl -C "$tmp/r1" check
expect_exit 0 arctl -C "$tmp/r1" --format json restore "$tmp/during.mdb"
expect_exit 0 arctl -C "$tmp/r1" check
run arctl -C "$tmp/r1" --format json log -n 1
expect_eq "$seq_at_backup" "$(json 'd[0]["seq"]' <<<"$out")" "the copy holds exactly the journal at backup time"
run arctl -C "$tmp/r1" --format json customer list
expect_eq "$((seq_at_backup - 2))" "$(json 'len(d)' <<<"$out")" "one customer per event after init's two"
expect_eq "700" "$(stat -c %a "$tmp/r1")" "restored directory mode"
expect_eq "600" "$(stat -c %a "$tmp/r1/data.mdb")" "restored file mode"

case_ "backup refuses to overwrite; restore refuses to replace without --force"
expect_exit 4 a backup "$tmp/during.mdb"
expect_exit 4 arctl -C "$tmp/r1" restore "$tmp/during.mdb"
expect_exit 0 a backup "$tmp/final.mdb"
expect_exit 0 arctl -C "$tmp/r1" restore "$tmp/final.mdb" --force
run arctl -C "$tmp/r1" --format json customer list
expect_eq "$((50 + writes))" "$(json 'len(d)' <<<"$out")" "replaced by the final backup"

case_ "a damaged backup is refused and nothing is replaced"
cp "$tmp/final.mdb" "$tmp/bad.mdb"
"$LMDB_POKE" "$tmp/bad.mdb.d" 2>/dev/null || true
mkdir -p "$tmp/badl"
cp "$tmp/final.mdb" "$tmp/badl/data.mdb"
key="$("$LMDB_POKE" "$tmp/badl" journal --list | sed -n 5p | cut -d' ' -f1)"
"$LMDB_POKE" "$tmp/badl" journal "$key" 40 >/dev/null
expect_exit 1 arctl -C "$tmp/r2" restore "$tmp/badl/data.mdb"
expect_false "no ledger left behind" test -e "$tmp/r2/data.mdb"
