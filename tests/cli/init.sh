#!/usr/bin/env bash
# `arctl init`: creates a private ledger (directory 0700, store files 0600),
# re-running it changes nothing and journals nothing.
source "$(dirname "$0")/lib.sh"

L="$tmp/ledger"

case_ "init creates the ledger"
expect_exit 0 arctl -C "$L" --format json init
expect_eq true "$(json 'd["created"]' <<<"$out")" "created"
expect_eq "$L" "$(json 'd["ledger"]' <<<"$out")" "ledger path"
expect_true "data.mdb exists" test -f "$L/data.mdb"

case_ "the ledger is private to its owner"
expect_eq 700 "$(stat -c %a "$L")" "ledger directory mode"
expect_eq 600 "$(stat -c %a "$L/data.mdb")" "data.mdb mode"
expect_eq 600 "$(stat -c %a "$L/lock.mdb")" "lock.mdb mode"

case_ "a new ledger's journal records its creation"
expect_exit 0 arctl -C "$L" --format json log
created=$(json 'len(d)' <<<"$out")
expect_eq 1 "$(json 'sum(e["type"] == "ledger.created" for e in d)' <<<"$out")" \
  "ledger.created events"
expect_eq '["e2e"]' "$(json 'sorted({e["actor"] for e in d})' <<<"$out")" "actors (ARCTL_ACTOR)"
expect_eq 1 "$(json 'min(e["seq"] for e in d)' <<<"$out")" "first seq"
expect_eq 1 "$(json 'len({e["txn"] for e in d})' <<<"$out")" "transactions used by init"
expect_exit 0 arctl -C "$L" check

case_ "re-running init says nothing changed and journals nothing"
expect_exit 0 arctl -C "$L" --format json init
expect_eq false "$(json 'd["created"]' <<<"$out")" "created on re-run"
expect_exit 0 arctl -C "$L" init
expect_eq "$created" "$(event_count "$L")" "events after re-running init"

case_ "a permissive umask does not loosen the ledger's modes"
L2="$tmp/open-umask"
expect_exit 0 with_umask 000 arctl -C "$L2" init
expect_eq 700 "$(stat -c %a "$L2")" "directory mode under umask 000"
expect_eq 600 "$(stat -c %a "$L2/data.mdb")" "data.mdb mode under umask 000"

case_ "without -C, init creates ./.arctl and later commands find it upward"
mkdir -p "$tmp/work/sub/dir"
expect_exit 0 in_dir "$tmp/work" arctl init
expect_true ".arctl/data.mdb exists" test -f "$tmp/work/.arctl/data.mdb"
expect_exit 0 in_dir "$tmp/work" arctl --format json config get ledger.currency
expect_eq USD "$(json 'd["value"]' <<<"$out")" "config seen from the ledger's parent"
expect_exit 0 in_dir "$tmp/work/sub/dir" arctl --format json config get ledger.currency
expect_eq USD "$(json 'd["value"]' <<<"$out")" "config seen from a subdirectory"

case_ "ARCTL_DIR names the ledger when -C is absent"
expect_exit 0 env ARCTL_DIR="$L" "$ARCTL_BIN" --format json log
expect_eq "$created" "$(json 'len(d)' <<<"$out")" "events through ARCTL_DIR"

case_ "a command on a missing ledger exits 3 and creates nothing"
expect_exit 3 arctl -C "$tmp/none" customer list
expect_false "the missing ledger was created" test -e "$tmp/none"
