#!/usr/bin/env bash
# A plugin whose provide() throws is refused whole: the services it registered
# before throwing are rolled back, so no command can reach an implementation
# whose library the host has unloaded.
source "$(dirname "$0")/lib.sh"

P="$tmp/plugins"
plugin_dir "$P" testprovide testgood
L="$tmp/ledger"
new_ledger "$L"

case_ "a plugin whose provide() throws is refused and provides nothing"
expect_exit 0 arctl -C "$L" --plugin-dir "$P" --format json plugin info testprovide
expect_eq refused "$(json 'd["status"]' <<<"$out")" "status"
expect_contains "$(json 'd["reason"]' <<<"$out")" "provide() fails on purpose" "reason"
expect_exit 0 arctl -C "$L" --plugin-dir "$P" testgood-probe
expect_eq absent "$out" "the refused plugin's service is not registered"

expect_exit 0 arctl -C "$L" check
