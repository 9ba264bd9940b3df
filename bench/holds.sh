#!/usr/bin/env bash
# Credit-check throughput: `arctl credit check` calls per second from a shell
# loop (one process per order), and from one process checking 100,000 orders
# with --batch. Uses the release build (built here if missing).
# Usage: bench/holds.sh [BUILD_DIR]  (default build/release)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/release}"
if [ ! -x "$build/bin/arctl" ] || [ ! -f "$build/lib/arctl/plugins/holds.so" ]; then
  echo "building the release preset (several minutes)..." >&2
  cmake --preset release >/dev/null
  cmake --build --preset release -j2 >/dev/null
fi
arctl="$build/bin/arctl"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export ARCTL_TODAY=2026-03-31 ARCTL_ACTOR=bench
L="$tmp/ledger"
a() { "$arctl" -C "$L" -q "$@"; }
a init >/dev/null

# 200 customers, each with a limit and 5 open invoices; 10 on manual hold.
customers=200
{
  echo "id,name,credit_limit"
  for ((c = 1; c <= customers; c++)); do echo "C$c,Customer $c,50000.00"; done
} >"$tmp/customers.csv"
a customer import "$tmp/customers.csv" >/dev/null
{
  echo "id,customer,date,amount"
  for ((c = 1; c <= customers; c++)); do
    for ((i = 1; i <= 5; i++)); do echo "INV-$c-$i,C$c,2026-03-0$i,$((i * 1000)).00"; done
  done
} >"$tmp/invoices.csv"
a invoice import "$tmp/invoices.csv" >/dev/null
for ((c = 1; c <= 10; c++)); do a hold place "C$c" --reason bench >/dev/null; done

loops=500
start=$(date +%s%N)
for ((i = 0; i < loops; i++)); do
  "$arctl" -C "$L" credit check "C$((i % customers + 1))" --amount 1234.56 >/dev/null || true
done
end=$(date +%s%N)
loop_ms=$(printf "%.3f" "$(echo "scale=3; ($end - $start) / $loops / 1000000" | bc)")
loop_rate=$(echo "scale=0; $loops * 1000000000 / ($end - $start)" | bc)

orders=100000
python3 - "$orders" "$customers" >"$tmp/orders.csv" <<'PY'
import sys
n, customers = int(sys.argv[1]), int(sys.argv[2])
print("customer,amount,order_id")
for i in range(n):
    print(f"C{i % customers + 1},{(i % 97) * 517 + 100}.{i % 100:02d},SO-{i}")
PY
start=$(date +%s%N)
"$arctl" -C "$L" -q --format csv credit check --batch "$tmp/orders.csv" >"$tmp/decisions.csv" || true
end=$(date +%s%N)
batch_s=$(printf "%.3f" "$(echo "scale=3; ($end - $start) / 1000000000" | bc)")
batch_rate=$(echo "scale=0; $orders * 1000000000 / ($end - $start)" | bc)
released=$(grep -c ',release,' "$tmp/decisions.csv" || true)

printf '%-44s %12s %12s\n' "credit check" "checks/s" "time"
printf '%-44s %12s %12s\n' "shell loop, one process per order ($loops)" "$loop_rate" "${loop_ms} ms/call"
printf '%-44s %12s %12s\n' "one process, --batch ($orders orders)" "$batch_rate" "${batch_s} s"
echo "($released of $orders released; $customers customers with 5 open invoices each, 10 on hold)"
