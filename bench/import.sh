#!/usr/bin/env bash
# Invoice import rate: N invoices (default 1,000,000) for C customers (default
# 10,000) generated deterministically, imported in one transaction.
# Usage: bench/import.sh [BUILD_DIR] [N] [C]
set -euo pipefail
build="${1:-build/release}"
n="${2:-1000000}"
c="${3:-10000}"
arctl="$build/bin/arctl"
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 "$here/gen_invoices.py" "$n" "$c" "$tmp"
"$arctl" -C "$tmp/l" -q init >/dev/null
"$arctl" -C "$tmp/l" -q customer import "$tmp/customers.csv" >/dev/null
start=$(date +%s%N)
/usr/bin/time -f "%M" -o "$tmp/rss" "$arctl" -C "$tmp/l" -q invoice import "$tmp/invoices.csv" >/dev/null
end=$(date +%s%N)
secs=$(echo "scale=2; ($end - $start) / 1000000000" | bc)
rate=$(echo "$n / $secs" | bc)
size=$(stat -c %s "$tmp/l/data.mdb")
printf 'invoices %d, customers %d: import %s s, %s invoices/s, peak RSS %d MiB, store %d bytes/invoice\n' \
  "$n" "$c" "$secs" "$rate" "$(( $(cat "$tmp/rss") / 1024 ))" "$(( size / n ))"
