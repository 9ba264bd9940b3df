#!/usr/bin/env bash
# Statements benchmark: aging of 1,000,000 open items across 10,000 customers,
# and one customer's statement in that ledger of 1,000,000 documents (it reads
# only that customer's documents). Prints the median of several runs.
# Usage: bench/statements.sh [BUILD_DIR] [N] [C] [RUNS]
set -euo pipefail
build="${1:-build/release}"
n="${2:-1000000}"
c="${3:-10000}"
runs="${4:-5}"
arctl="$build/bin/arctl"
here="$(cd "$(dirname "$0")" && pwd)"
if [[ ! -x "$arctl" ]]; then
  (cd "$here/.." && cmake --preset release >/dev/null && cmake --build --preset release)
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export ARCTL_TODAY=2026-03-31
python3 "$here/gen_invoices.py" "$n" "$c" "$tmp"
"$arctl" -C "$tmp/l" -q init >/dev/null
"$arctl" -C "$tmp/l" -q customer import "$tmp/customers.csv" >/dev/null
start=$(date +%s%N)
"$arctl" -C "$tmp/l" -q invoice import "$tmp/invoices.csv" >/dev/null
end=$(date +%s%N)
printf 'setup: %d invoices for %d customers imported in %.1f s\n' "$n" "$c" \
  "$(echo "($end - $start) / 1000000000" | bc -l)"

# median_ms CMD...: runs CMD $runs times, prints the median wall time in ms.
median_ms() {
  local times=() i s e
  for ((i = 0; i < runs; i++)); do
    s=$(date +%s%N)
    "$@" >/dev/null
    e=$(date +%s%N)
    times+=($(((e - s) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

items=$("$arctl" -C "$tmp/l" --format csv aging --by summary | awk -F, '$2=="total"{print $0}')
printf 'aging totals: %s\n' "$items"
printf 'aging --format csv (as of today, index): median %s ms over %d runs\n' \
  "$(median_ms "$arctl" -C "$tmp/l" --format csv aging)" "$runs"
printf 'aging --format csv --as-of 2025-06-30 (replay of documents): median %s ms\n' \
  "$(median_ms "$arctl" -C "$tmp/l" --format csv aging --as-of 2025-06-30)"
printf 'statement C004242 --format json (whole history): median %s ms over %d runs\n' \
  "$(median_ms "$arctl" -C "$tmp/l" statement C004242 --from 2024-01-01 --format json)" "$runs"
printf 'statement C004242 --format pdf: median %s ms\n' \
  "$(median_ms "$arctl" -C "$tmp/l" statement C004242 --from 2024-01-01 --format pdf)"
printf 'arctl --version (start-up floor): median %s ms\n' "$(median_ms "$arctl" --version)"
