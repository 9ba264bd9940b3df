#!/usr/bin/env bash
# `arctl config`: settings stored in the ledger; an unset key is not found (3).
source "$(dirname "$0")/lib.sh"

L="$tmp/ledger"
new_ledger "$L"

case_ "config get of an unset key exits 3"
expect_exit 3 arctl -C "$L" config get local.reminder_days
expect_eq "" "$out" "stdout"

case_ "config set then get returns the value"
expect_exit 0 arctl -C "$L" config set local.reminder_days 14
expect_exit 0 arctl -C "$L" config get local.reminder_days
expect_eq 14 "$out" "config get"
expect_exit 0 arctl -C "$L" --format json config get local.reminder_days
expect_eq '["local.reminder_days", "14"]' "$(json '[d["key"], d["value"]]' <<<"$out")" "json"

case_ "setting the same value again journals nothing"
before=$(event_count "$L")
expect_exit 0 arctl -C "$L" config set local.reminder_days 14
expect_eq "$before" "$(event_count "$L")" "events"

case_ "config list shows keys under a prefix"
expect_exit 0 arctl -C "$L" config set local.reminder_grace 3
expect_exit 0 arctl -C "$L" --format json config list local.
expect_eq '[["local.reminder_days", "14"], ["local.reminder_grace", "3"]]' \
  "$(json '[[r["key"], r["value"]] for r in d]' <<<"$out")" "config list local."

case_ "an invalid key is a usage error (2)"
expect_exit 2 arctl -C "$L" config set nodot value

case_ "config unset removes a key; unsetting it again exits 3"
expect_exit 0 arctl -C "$L" config unset local.reminder_days
expect_exit 3 arctl -C "$L" config get local.reminder_days
expect_exit 3 arctl -C "$L" config unset local.reminder_days

case_ "a key nobody declares is refused (2), names the way out, and stores nothing"
before=$(event_count "$L")
expect_exit 2 arctl -C "$L" config set payments.write_off_tolerence 1.00
expect_contains "$err" "unknown config key 'payments.write_off_tolerence'" "message"
expect_contains "$err" "payments.write_off_tolerance" "the nearest declared key"
expect_contains "$err" "config keys" "where the keys are listed"
expect_eq "$before" "$(event_count "$L")" "events after a refused key"
expect_exit 3 arctl -C "$L" config get payments.write_off_tolerence

case_ "declared keys and families are accepted"
expect_exit 0 arctl -C "$L" config set payments.write_off_tolerance 1.00
expect_exit 0 arctl -C "$L" config set gl.account.revenue.consulting Income:Consulting
expect_exit 0 arctl -C "$L" config set alias.ls "customer list"
expect_exit 2 arctl -C "$L" config set gl.account.revenue. Income:X

case_ "config keys lists every declared key with its default and owner"
expect_exit 0 arctl -C "$L" --format json config keys
expect_eq '["7", "payments"]' \
  "$(json '[[k["default"], k["owner"]] for k in d if k["key"] == "payments.duplicate_days"][0]' <<<"$out")" \
  "payments.duplicate_days"
expect_eq '["Assets:Receivable", "gl"]' \
  "$(json '[[k["default"], k["owner"]] for k in d if k["key"] == "gl.account.receivable"][0]' <<<"$out")" \
  "gl.account.receivable"
expect_eq "arctl" "$(json '[k["owner"] for k in d if k["key"] == "local.*"][0]' <<<"$out")" "local.*"
expect_eq "true" "$(json 'str([k["key"] for k in d] == sorted(k["key"] for k in d)).lower()' <<<"$out")" "sorted"

arctl -C "$L" -q check
