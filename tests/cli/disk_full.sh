#!/usr/bin/env bash
# End-to-end: a full disk. The ledger lives on a small tmpfs; an import that
# fills it fails with a message naming the cause, leaves the ledger byte for
# byte as it was, and, once space is freed, the same import succeeds.
# Needs root (mount); skipped with a message otherwise.
source "$(dirname "$0")/lib.sh"

if [[ $(id -u) != 0 ]]; then
  echo "disk_full: skipped: mounting a tmpfs needs root"
  exit 0
fi
D="$tmp/disk"
mkdir "$D"
if ! mount -t tmpfs -o size=8m,mode=0755 tmpfs "$D" 2>"$tmp/mount.err"; then
  echo "disk_full: skipped: cannot mount a tmpfs: $(cat "$tmp/mount.err")"
  exit 0
fi
at_exit "umount '$D'"

L="$D/ledger"
new_ledger "$L"
a() { arctl -C "$L" "$@"; }
dump() { mdb_dump -a -p "$L" 2>&1; }
a -q customer add ACME --name "Acme Ltd" >/dev/null
a -q invoice create --customer ACME --id FIRST --date 2026-02-01 --line "Widget;1;100.00" >/dev/null

# 1,500 invoices of two lines: about 1.9 MB of ledger, three times the space left.
python3 - "$tmp/big.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("id,customer,date,description,quantity,unit_price\n")
    for n in range(1500):
        for line in range(2):
            f.write(f"BIG-{n:05d},ACME,2026-03-{1 + n % 28:02d},Part {line} of a long description,{line + 1},12.50\n")
PY
# What is left of the disk after the ledger: 600 KiB.
free_kib=$(df -k --output=avail "$D" | tail -1)
dd if=/dev/zero of="$D/filler" bs=1K count=$((free_kib - 600)) status=none

case_ "an import that fills the disk fails, naming the cause, and changes nothing"
before=$(dump)
expect_exit 1 a invoice import "$tmp/big.csv"
expect_contains "$err" "No space left on device" "the cause"
expect_eq "$before" "$(dump)" "the ledger after the failed import"
expect_exit 0 a check
expect_exit 0 a --format json invoice list
expect_eq '["FIRST"]' "$(json '[i["id"] for i in d]' <<<"$out")" "the invoices"

case_ "with space freed, the same import succeeds"
rm "$D/filler"
expect_exit 0 a -q invoice import "$tmp/big.csv"
expect_exit 0 a --format json invoice list
expect_eq 1501 "$(json 'len(d)' <<<"$out")" "the invoices"
expect_exit 0 a check
