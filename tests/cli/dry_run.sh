#!/usr/bin/env bash
# End-to-end: --dry-run is a global option: before the command, as after it,
# a mutating command runs and shows its result, and nothing is written.
source "$(dirname "$0")/lib.sh"

start_ledger ACME "Acme Corp"
before="$(event_count "$L")"

case_ "--dry-run before the command writes nothing"
expect_exit 0 a --dry-run customer add BETA --name "Beta Ltd"
expect_exit 0 a --dry-run --format json config set invoice.series "X-{SEQ}"
expect_exit 0 a --dry-run invoice create --customer ACME --id INV-1 --date 2026-03-02 --line "Goods;1;10.00"
expect_exit 3 a customer show BETA
expect_exit 3 a invoice show INV-1
run a config get invoice.series
expect_not_contains "$out" "X-{SEQ}" "config unchanged"
expect_eq "$before" "$(event_count "$L")" "no events"

case_ "a command that does not take --dry-run refuses it before the word too"
expect_exit 2 a --dry-run backup "$tmp/copy"
expect_false "no backup written" test -e "$tmp/copy"

case_ "--dry-run after the command still works"
expect_exit 0 a customer add BETA --name "Beta Ltd" --dry-run
expect_exit 3 a customer show BETA

expect_exit 0 a check
