#!/usr/bin/env bash
# Faulty and untrusted plugins: a plugin that throws from a command or from an
# event handler aborts only that transaction, with a message naming it, and
# the next command works; a plugin's tables stay inside "x.<plugin>."; a
# plugin named so as to reach another's tables, or owned by another user, is
# refused. (plugins.sh covers the ABI string and world-writable files.)
source "$(dirname "$0")/lib.sh"

: "${LMDB_POKE:?LMDB_POKE must name the lmdb_poke test tool}"

P="$tmp/plugins"
plugin_dir "$P" testthrow

L="$tmp/ledger"
new_ledger "$L"
a() { arctl -C "$L" --plugin-dir "$P" "$@"; }
a -q customer add ACME --name "Acme Ltd" >/dev/null
a -q invoice create --customer ACME --id INV-1 --line "Widget;2;50.00" >/dev/null
a -q payment record --customer ACME --amount 40.00 --ref "INV-1 damaged" >/dev/null

# head: the journal head (sequence number and hash), as an auditor keeps it.
head_now() { "$ARCTL_BIN" -C "$L" --format json log --verify | json '[d["seq"], d["head"]]'; }
# state: everything a user sees of the ledger's AR data.
state() {
  {
    a --format json invoice list --status all
    a --format json payment list
    a --format json customer list
    a --format json config list
  } | sha256sum
}

case_ "the test plugin loads and its commands work"
expect_exit 0 a --format json plugin info testthrow
expect_eq loaded "$(json 'd["status"]' <<<"$out")" "status"
expect_exit 0 a testthrow put scratch k v
expect_eq "x.testthrow.scratch" "$out" "table name in the store"
expect_exit 0 a testthrow get scratch k
expect_eq v "$out" "value read back"

for kind in std int arctl; do
  case_ "a command that writes and then throws ($kind) aborts its transaction"
  before=$(head_now)
  before_state=$(state)
  if [[ $kind == arctl ]]; then
    expect_exit 4 a testthrow boom --kind "$kind"
    expect_eq "arctl: testthrow boom: deliberate failure" "$err" "message"
  else
    expect_exit 1 a testthrow boom --kind "$kind"
    want="deliberate failure"
    [[ $kind == int ]] && want="an unknown exception"
    expect_eq "arctl: plugin 'testthrow' failed: ${want/deliberate/testthrow boom: deliberate}" \
      "$err" "message"
  fi
  expect_eq "$before" "$(head_now)" "journal head"
  expect_eq "$before_state" "$(state)" "ledger content"
  expect_exit 3 a config get testthrow.written
  expect_exit 3 a testthrow get scratch-boom k
  expect_exit 0 a testthrow get scratch k
  expect_eq v "$out" "the plugin's earlier write"
done

case_ "a command that throws outside a transaction names the plugin"
expect_exit 1 a testthrow plain
expect_eq "arctl: plugin 'testthrow' failed: testthrow plain: deliberate failure" "$err" "message"

case_ "after the failures, the next command works"
expect_exit 0 a -q customer add NEXT --name "Next Ltd"
expect_exit 0 a check

case_ "an event handler that throws on document.posted aborts the invoice, naming the plugin"
before=$(head_now)
before_state=$(state)
expect_exit 1 env ARCTL_TEST_THROW_ON=document.posted "$ARCTL_BIN" -C "$L" --plugin-dir "$P" \
  invoice create --customer ACME --line "Gadget;1;25.00"
expect_eq "arctl: testthrow: handler for 'document.posted' failed: testthrow refuses 'document.posted' on purpose" \
  "$err" "message"
expect_eq "$before" "$(head_now)" "journal head"
expect_eq "$before_state" "$(state)" "ledger content"
expect_exit 0 a --format json log --type "document.posted"
expect_eq 2 "$(json 'len(d)' <<<"$out")" "document.posted events (the invoice and the receipt)"

case_ "a veto (arctl::Error) keeps its exit code and is prefixed with the plugin"
expect_exit 4 env ARCTL_TEST_THROW_ON=customer.added ARCTL_TEST_THROW_KIND=arctl "$ARCTL_BIN" \
  -C "$L" --plugin-dir "$P" customer add VETO --name "Vetoed Ltd"
expect_eq "arctl: testthrow: testthrow refuses 'customer.added' on purpose" "$err" "message"
expect_exit 3 a customer show VETO

case_ "a handler throwing something that is not an exception still aborts cleanly"
expect_exit 1 env ARCTL_TEST_THROW_ON=customer.added ARCTL_TEST_THROW_KIND=int "$ARCTL_BIN" \
  -C "$L" --plugin-dir "$P" customer add ODD --name "Odd Ltd"
expect_eq "arctl: testthrow: handler for 'customer.added' failed with an unknown exception" "$err" \
  "message"
expect_exit 3 a customer show ODD
expect_eq "$before" "$(head_now)" "journal head"

case_ "a handler failing on the third application aborts the whole payment auto"
a -q invoice create --customer ACME --id INV-2 --line "Bolt;1;10.00" >/dev/null
a -q invoice create --customer ACME --id INV-3 --line "Nut;1;20.00" >/dev/null
a -q payment record --customer ACME --amount 10.00 --ref "INV-2" >/dev/null
a -q payment record --customer ACME --amount 20.00 --ref "INV-3" >/dev/null
before=$(head_now)
before_state=$(state)
expect_exit 1 env ARCTL_TEST_THROW_ON=payment.applied "$ARCTL_BIN" -C "$L" --plugin-dir "$P" \
  payment auto
expect_contains "$err" "testthrow: handler for 'payment.applied' failed" "message"
expect_eq "$before" "$(head_now)" "journal head"
expect_eq "$before_state" "$(state)" "ledger content"
expect_exit 0 a --format json payment list --unapplied
expect_eq 3 "$(json 'len(d)' <<<"$out")" "receipts still unapplied"

case_ "the handlers' own writes were rolled back with everything else"
expect_exit 3 "$LMDB_POKE" "$L" x.testthrow.seen --list

case_ "without the fault the same commands succeed"
expect_exit 0 a --format json payment auto
expect_eq 0 "$(json 'd["unapplied_receipts"]' <<<"$out")" "receipts left unapplied"
expect_exit 0 a --format json invoice create --customer ACME --line "Gadget;1;25.00"
expect_exit 0 a --format json invoice show INV-2026-000001
expect_eq "25.00" "$(json 'd["total"]' <<<"$out")" \
  "the refused invoice used no number: the next one is INV-2026-000001"
expect_exit 0 a check

case_ "a month-end step whose transaction a handler aborts leaves the steps before it committed"
C="$tmp/close"
new_ledger "$C"
c() { arctl -C "$C" --plugin-dir "$P" "$@"; }
c -q customer add ACME --name "Acme Ltd" >/dev/null
c -q invoice create --customer ACME --date 2026-03-02 --line "Widget;1;100.00" >/dev/null
run env ARCTL_TEST_THROW_ON=statements.snapshot ARCTL_TODAY=2026-04-02 "$ARCTL_BIN" -C "$C" \
  --plugin-dir "$P" close 2026-03 --out "$tmp/closes"
expect_eq 1 "$rc" "exit code of the close"
expect_contains "$err" "testthrow" "the message names the plugin"
run c --format json close status 2026-03
expect_eq "in progress" "$(json 'd["status"]' <<<"$out")" "status"
expect_eq false "$(json '"statements.snapshot" in d["steps_done"]' <<<"$out")" "aborted step not done"
expect_eq true "$(json '"payments.auto" in d["steps_done"]' <<<"$out")" "earlier step still done"
expect_exit 0 env ARCTL_TODAY=2026-04-02 "$ARCTL_BIN" -C "$C" --plugin-dir "$P" close 2026-03 \
  --out "$tmp/closes"
run c --format json close status 2026-03
expect_eq closed "$(json 'd["status"]' <<<"$out")" "status after the re-run"
expect_exit 0 c check

case_ "table names that try to escape stay inside the plugin's namespace"
expect_exit 0 "$LMDB_POKE" "$L" customers --list
customers_before=$out
expect_exit 0 a testthrow put ../customers k v
expect_eq "x.testthrow.../customers" "$out" "store name of '../customers'"
expect_exit 0 a testthrow put customers EVIL v
expect_eq "x.testthrow.customers" "$out" "store name of 'customers'"
expect_exit 0 "$LMDB_POKE" "$L" customers --list
expect_eq "$customers_before" "$out" "the kernel's customers table"
expect_exit 0 "$LMDB_POKE" "$L" "x.testthrow.../customers" --list
expect_eq "6b 1" "$out" "the plugin's own table holds the write"
a -q dispute open --invoice INV-2026-000001 --amount 5.00 --reason price >/dev/null
expect_exit 0 "$LMDB_POKE" "$L" x.disputes.cases --list
cases_before=$out
expect_exit 0 a testthrow put x.disputes.cases k v
expect_eq "x.testthrow.x.disputes.cases" "$out" "store name of another plugin's table"
expect_exit 0 "$LMDB_POKE" "$L" x.disputes.cases --list
expect_eq "$cases_before" "$out" "the disputes plugin's cases table"
expect_exit 0 a --format json dispute list
expect_eq 2 "$(json 'len(d)' <<<"$out")" "dispute cases (the deduction on INV-1 and this one)"
expect_exit 0 a check

case_ "a plugin whose name contains a dot (reaching x.<other>.*) is refused"
N="$tmp/badname"
plugin_dir "$N" bad_name
expect_exit 0 arctl -C "$L" --plugin-dir "$N" --format json plugin list
expect_eq '["refused"]' "$(json "[r['status'] for r in d if r['file'] == '$N/bad_name.so']" <<<"$out")" \
  "status"
expect_contains "$(json "[r['reason'] for r in d if r['file'] == '$N/bad_name.so'][0]" <<<"$out")" \
  "invalid plugin name 'testthrow.x'" "reason"
expect_exit 2 arctl -C "$L" --plugin-dir "$N" testthrow put scratch k v

case_ "a plugin file or directory owned by another (non-root) user is refused"
if [[ $(id -u) != 0 ]]; then
  echo "plugin_faults: skipped (needs root to give a file to another user; running as uid $(id -u))"
elif ! id nobody >/dev/null 2>&1; then
  echo "plugin_faults: skipped (no user 'nobody' to own the plugin)"
else
  O="$tmp/owned"
  mkdir -m 755 "$O"
  cp "$ARCTL_TEST_PLUGIN_DIR/testgood.so" "$O/"
  chown nobody "$O/testgood.so"
  expect_exit 0 arctl -C "$L" --plugin-dir "$O" --format json plugin list
  expect_eq '["refused"]' "$(json "[r['status'] for r in d if r['file'] == '$O/testgood.so']" <<<"$out")" \
    "status of a file owned by nobody"
  expect_contains "$(json "[r['reason'] for r in d if r['file'] == '$O/testgood.so'][0]" <<<"$out")" \
    "owned by another user (uid $(id -u nobody))" "reason"
  expect_exit 2 arctl -C "$L" --plugin-dir "$O" testgood
  OD="$tmp/owned-dir"
  mkdir -m 755 "$OD"
  cp "$ARCTL_TEST_PLUGIN_DIR/testgood.so" "$OD/"
  chown nobody "$OD"
  expect_exit 0 arctl -C "$L" --plugin-dir "$OD" --format json plugin list
  expect_contains "$(json "[r['reason'] for r in d if r['file'] == '$OD/testgood.so'][0]" <<<"$out")" \
    "directory is owned by another user" "reason for a directory owned by nobody"
  chown root "$O/testgood.so"
  expect_exit 0 arctl -C "$L" --plugin-dir "$O" testgood
  expect_eq "testgood ok" "$out" "the same file owned by root loads"
fi
