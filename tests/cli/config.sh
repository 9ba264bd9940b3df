#!/usr/bin/env bash
# `arctl config`: settings stored in the ledger; an unset key is not found (3).
source "$(dirname "$0")/lib.sh"

L="$tmp/ledger"
new_ledger "$L"

case_ "config get of an unset key exits 3"
expect_exit 3 arctl -C "$L" config get dunning.days
expect_eq "" "$out" "stdout"

case_ "config set then get returns the value"
expect_exit 0 arctl -C "$L" config set dunning.days 14
expect_exit 0 arctl -C "$L" config get dunning.days
expect_eq 14 "$out" "config get"
expect_exit 0 arctl -C "$L" --format json config get dunning.days
expect_eq '["dunning.days", "14"]' "$(json '[d["key"], d["value"]]' <<<"$out")" "json"

case_ "setting the same value again journals nothing"
before=$(event_count "$L")
expect_exit 0 arctl -C "$L" config set dunning.days 14
expect_eq "$before" "$(event_count "$L")" "events"

case_ "config list shows keys under a prefix"
expect_exit 0 arctl -C "$L" config set dunning.grace 3
expect_exit 0 arctl -C "$L" --format json config list dunning.
expect_eq '[["dunning.days", "14"], ["dunning.grace", "3"]]' \
  "$(json '[[r["key"], r["value"]] for r in d]' <<<"$out")" "config list dunning."

case_ "an invalid key is a usage error (2)"
expect_exit 2 arctl -C "$L" config set nodot value

case_ "config unset removes a key; unsetting it again exits 3"
expect_exit 0 arctl -C "$L" config unset dunning.days
expect_exit 3 arctl -C "$L" config get dunning.days
expect_exit 3 arctl -C "$L" config unset dunning.days
