#!/usr/bin/env bash
# payment auto: N receipts (default 100,000) against M open invoices (default
# 1,000,000) of C customers (default 10,000), with the share matched by each rule.
# Usage: bench/payments.sh [BUILD_DIR] [M] [N] [C]
set -euo pipefail
build="${1:-build/release}"
m="${2:-1000000}"
n="${3:-100000}"
c="${4:-10000}"
arctl="$build/bin/arctl"
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 "$here/gen_invoices.py" "$m" "$c" "$tmp"
python3 "$here/gen_receipts.py" "$tmp/invoices.csv" "$n" "$tmp/bank.csv"
export ARCTL_DIR="$tmp/l" ARCTL_TODAY=2026-12-31
"$arctl" -q init >/dev/null
"$arctl" -q customer import "$tmp/customers.csv" >/dev/null
"$arctl" -q invoice import "$tmp/invoices.csv" >/dev/null
"$arctl" -q payment import "$tmp/bank.csv" --format csv >/dev/null
start=$(date +%s%N)
/usr/bin/time -f "%M" -o "$tmp/rss" "$arctl" --format json payment auto >"$tmp/auto.json"
end=$(date +%s%N)
secs=$(echo "scale=2; ($end - $start) / 1000000000" | bc)
python3 - "$tmp/auto.json" "$n" "$secs" "$(( $(cat "$tmp/rss") / 1024 ))" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
n, secs, rss = int(sys.argv[2]), sys.argv[3], sys.argv[4]
print(f"payment auto: {d['receipts']} receipts in {secs} s, peak RSS {rss} MiB")
for r in d["rules"]:
    print(f"  {r['rule']:<12} {r['receipts']:>7} receipts  {100 * r['receipts'] / n:5.1f}%")
print(f"  unapplied    {d['unapplied_receipts']:>7} receipts  {100 * d['unapplied_receipts'] / n:5.1f}%")
PY
