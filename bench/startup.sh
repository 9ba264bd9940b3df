#!/usr/bin/env bash
# Start-up: `arctl --version`, and a read command with every bundled plugin
# loaded, against a bare C++ program linking the same libraries.
# Usage: bench/startup.sh [BUILD_DIR]  (default build/release)
set -euo pipefail
build="${1:-build/release}"
arctl="$build/bin/arctl"
bare="$build/bin/bare_startup"
[ -x "$arctl" ] && [ -x "$bare" ] || { echo "build the release preset first (cmake --build --preset release)" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$arctl" -C "$tmp/l" -q init >/dev/null
"$arctl" -C "$tmp/l" -q customer add ACME --name Acme >/dev/null
runs=500
time_ms() {  # per call, in milliseconds, over $runs calls
  local start end
  start=$(date +%s%N)
  for ((i = 0; i < runs; i++)); do "$@" >/dev/null; done
  end=$(date +%s%N)
  echo "scale=3; ($end - $start) / $runs / 1000000" | bc
}
printf '%-40s %8s\n' "command" "ms/call"
printf '%-40s %8s\n' "bare C++ program (same libraries)" "$(time_ms "$bare")"
printf '%-40s %8s\n' "arctl --version" "$(time_ms "$arctl" --version)"
printf '%-40s %8s\n' "arctl customer show (plugins loaded)" "$(time_ms "$arctl" -C "$tmp/l" customer show ACME)"
