#!/usr/bin/env bash
# The configuration reference's check fails when a key is declared without
# its row in doc/configuration.md, when the doc keeps a key the code dropped,
# when a source reads a key that no table declares, and when a fallback
# written at a call differs from the declared default.
source "$(dirname "$0")/catch_lib.sh"
src="$ARCTL_SOURCE_DIR"
check() { expect "$1" "$2" "$3" python3 "$here/config_reference.py" "$ARCTL_BIN" "$4" "$5"; }
check "the reference as committed passes" 0 "all declared and documented" "$src/doc/configuration.md" "$src"
grep -v '^| `payments.duplicate_days`' "$src/doc/configuration.md" >"$tmp/missing.md"
check "a declared key without its row fails" 1 "lacks: | \`payments.duplicate_days\`" "$tmp/missing.md" "$src"
sed 's/^| `payments.oldest_first` |/| `payments.newest_first` |/' "$src/doc/configuration.md" >"$tmp/stale.md"
check "a row for a key the code does not have fails" 1 "has, and the code does not: | \`payments.newest_first\`" \
  "$tmp/stale.md" "$src"
mkdir -p "$tmp/tree/plugins/x" "$tmp/tree/kernel" "$tmp/tree/cli"
printf 'auto v = tx.config_or("payments.newest_first", "false");\n' >"$tmp/tree/plugins/x/rule.cpp"
check "a key read without being declared fails" 1 \
  "plugins/x/rule.cpp:1 reads config key 'payments.newest_first'" "$src/doc/configuration.md" "$tmp/tree"
printf 'auto v = tx.config_or("payments.oldest_first", "true");\n' >"$tmp/tree/plugins/x/rule.cpp"
check "a fallback at the call other than the declared default fails" 1 \
  "plugins/x/rule.cpp:1 reads config key 'payments.oldest_first' with the fallback 'true', but its declared default is 'false'" \
  "$src/doc/configuration.md" "$tmp/tree"
exit $((fails > 0))
