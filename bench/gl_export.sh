#!/usr/bin/env bash
# GL export of one month of a generated ledger: N invoices (default 1M) for C
# customers (default 10k) over 24 months, March's bank file imported and
# auto-applied, then `gl export --period 2026-03` timed twice: the first run
# also builds the GL date index from the whole journal, the second reads the
# month through the index. Also the whole ledger with --since-last.
# Usage: bench/gl_export.sh [BUILD_DIR] [N] [C]
set -euo pipefail
build="${1:-build/release}"
n="${2:-1000000}"
c="${3:-10000}"
here="$(cd "$(dirname "$0")" && pwd)"
arctl="$(cd "$build" && pwd)/bin/arctl"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export ARCTL_TODAY=2026-03-31
"$here/gen" --invoices "$n" --customers "$c" --out "$tmp/data" >/dev/null
a() { "$arctl" -C "$tmp/l" -q "$@"; }
a init >/dev/null
a customer import "$tmp/data/customers.csv" >/dev/null
a invoice import "$tmp/data/invoices.csv" >/dev/null
a payment import "$tmp/data/bank.csv" --format csv >/dev/null
a payment auto >/dev/null

# timed LABEL ARGS...: wall seconds and peak RSS of one arctl run.
timed() {
  local label=$1
  shift
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$tmp/rss" "$arctl" -C "$tmp/l" -q "$@" >"$tmp/report.json"
  end=$(date +%s%N)
  printf '%-36s %8.3f s  %6d MiB  %s entries\n' "$label" \
    "$(echo "($end - $start) / 1000000000" | bc -l)" "$(($(cat "$tmp/rss") / 1024))" \
    "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["entries"])' "$tmp/report.json")"
}
events=$("$arctl" -C "$tmp/l" --format json log --verify | python3 -c 'import json,sys; print(json.load(sys.stdin)["seq"])' 2>/dev/null || echo "?")
echo "ledger: $n invoices, $c customers, journal head $events"
timed "gl export 2026-03 (index build)" --format json gl export --period 2026-03 --out "$tmp/a.journal"
timed "gl export 2026-03 (indexed)" --format json gl export --period 2026-03 --reexport --out "$tmp/b.journal"
timed "gl export 2026-03 --summary" --format json gl export --period 2026-03 --summary --reexport --out "$tmp/c.journal"
timed "gl export --since-last (all)" --format json gl export --since-last --reexport --format csv --out "$tmp/all.csv"
